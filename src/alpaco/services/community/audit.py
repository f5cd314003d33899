"""For operators checking (or repairing) a post's counters against its partition."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from alpaco.services.community.keys import COMMENT_PREFIX, LIKE_PREFIX, POST_SK
from alpaco.services.community.paging import partition


@dataclass(frozen=True)
class Audit:
    """What a post's counters say next to what its partition really holds."""

    post_exists: bool
    comment_count: int
    likes_count: int
    stored_comments: int
    stored_likes: int
    stored_items: int


def audit(post_id: str) -> Audit:
    """Counts the partition item by item."""
    post: dict[str, Any] = {}
    comments = likes = items = 0
    for sort_key, item in partition(post_id, projection=None):
        items += 1
        comments += sort_key.startswith(COMMENT_PREFIX)
        likes += sort_key.startswith(LIKE_PREFIX)
        if sort_key == POST_SK:
            post = item
    return Audit(
        post_exists=bool(post),
        comment_count=int(post.get("commentCount", 0)),
        likes_count=int(post.get("likesCount", 0)),
        stored_comments=comments,
        stored_likes=likes,
        stored_items=items,
    )
