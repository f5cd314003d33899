"""Items and domain objects, both ways: which attributes each item has and what they mean."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from alpaco.kernel import dynamo
from alpaco.services.community.domain import Comment, Post
from alpaco.services.community.keys import ALL_POSTS, COMMENT_PREFIX, POST_SK, like_key

# What a post list reads: everything but the content.
SUMMARY = (
    "title",
    "author",
    "userId",
    "createdAt",
    "updatedAt",
    "likesCount",
    "commentCount",
    "problemId",
)


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def post_to_item(post: Post) -> dict[str, Any]:
    return dynamo.to_item(
        {
            "PK": post.post_id,
            "SK": POST_SK,
            "GSI1PK": ALL_POSTS,
            "GSI1SK": post.created_at,
            "userId": post.user_id,
            "author": post.author,
            "title": post.title,
            "content": post.content,
            "createdAt": post.created_at,
            "updatedAt": post.updated_at,
            "likesCount": post.likes_count,
            "commentCount": post.comment_count,
            "problemId": post.problem_id,
        }
    )


def comment_to_item(comment: Comment) -> dict[str, Any]:
    return dynamo.to_item(
        {
            "PK": comment.post_id,
            "SK": COMMENT_PREFIX + comment.comment_id,
            "commentId": comment.comment_id,
            "commenterId": comment.user_id,
            "author": comment.author,
            "content": comment.content,
            "commentCreatedAt": comment.created_at,
        }
    )


def like_to_item(post_id: str, user_id: str) -> dict[str, Any]:
    return {**like_key(post_id, user_id), **dynamo.to_item({"likerId": user_id, "likedAt": now()})}


def post_from_item(item: dict[str, Any]) -> Post:
    return Post(
        post_id=str(item["PK"]),
        user_id=str(item.get("userId", "")),
        author=str(item.get("author", "")),
        title=str(item.get("title", "")),
        content=str(item.get("content", "")),
        created_at=str(item.get("createdAt", "")),
        updated_at=item.get("updatedAt"),
        likes_count=int(item.get("likesCount", 0)),
        comment_count=int(item.get("commentCount", 0)),
        problem_id=item.get("problemId"),
    )


def comment_from_item(item: dict[str, Any]) -> Comment:
    return Comment(
        post_id=str(item["PK"]),
        comment_id=str(item.get("commentId") or str(item["SK"]).removeprefix(COMMENT_PREFIX)),
        user_id=str(item.get("commenterId", "")),
        author=str(item.get("author", "")),
        content=str(item.get("content", "")),
        created_at=str(item.get("commentCreatedAt", "")),
    )
