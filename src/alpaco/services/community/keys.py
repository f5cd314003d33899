"""Where each item of a post's partition lives in the Community table.

Layout of one post's partition (PK = postId):
  SK "POST"                the post; GSI1PK/GSI1SK, userId/createdAt and problemId/createdAt index it
  SK "COMMENT#<id>"        a comment; its time is `commentCreatedAt` and its author id `commenterId`, so
                           it appears in commentSortIndex only, never in the post indexes
  SK "LIKE#<userId>"       one like; `likerId`/`likedAt`, in no index
"""

from __future__ import annotations

from typing import Any

POST_SK = "POST"
COMMENT_PREFIX = "COMMENT#"
LIKE_PREFIX = "LIKE#"
ALL_POSTS = "POST"


def key(post_id: str, sort_key: str = POST_SK) -> dict[str, Any]:
    return {"PK": {"S": post_id}, "SK": {"S": sort_key}}


def comment_key(post_id: str, comment_id: str) -> dict[str, Any]:
    return key(post_id, COMMENT_PREFIX + comment_id)


def like_key(post_id: str, user_id: str) -> dict[str, Any]:
    return key(post_id, LIKE_PREFIX + user_id)
