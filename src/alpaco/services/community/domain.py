"""The community's rules without I/O: what a post or comment may contain, and how each is shown.

Bodies are checked here rather than by a pydantic model so that the original clients keep getting the
original messages, and every limit is one constant a test can reach.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from alpaco.kernel.http import BadRequest

TITLE_MAX = 200
CONTENT_MAX = 20_000
COMMENT_MAX = 2_000
PROBLEM_ID_MAX = 128
ID_MAX = 128

POST_REQUIRED = "title, content는 필수 항목입니다."
EDIT_REQUIRED = "title과 content는 필수 항목입니다."
COMMENT_REQUIRED = "content는 필수 항목입니다."
_NAMES = {"title": "제목", "content": "내용"}


class CommunityError(Exception):
    """Why a write did not happen; the handler turns each into its HTTP status and message."""


class Missing(CommunityError):
    """The post or comment does not exist (or the post is being deleted)."""


class NotOwner(CommunityError):
    """It exists, but the caller is neither its author nor an admin."""


@dataclass(frozen=True)
class PostDraft:
    title: str
    content: str
    problem_id: str | None


@dataclass(frozen=True)
class PostEdit:
    title: str
    content: str
    problem_id: str | None
    relink: bool


@dataclass(frozen=True)
class Post:
    post_id: str
    user_id: str
    author: str
    title: str
    content: str
    created_at: str
    updated_at: str | None
    likes_count: int
    comment_count: int
    problem_id: str | None


@dataclass(frozen=True)
class Comment:
    post_id: str
    comment_id: str
    user_id: str
    author: str
    content: str
    created_at: str


def parse_post(body: dict[str, Any]) -> PostDraft:
    """`author` in the body is ignored on purpose: the author is whoever the token says."""
    title, content = _required_pair(body, POST_REQUIRED)
    return PostDraft(title=title, content=content, problem_id=_problem_id(body.get("problemId")))


def parse_edit(body: dict[str, Any]) -> PostEdit:
    """Absent `problemId` keeps the link; null or "" removes it."""
    title, content = _required_pair(body, EDIT_REQUIRED)
    return PostEdit(
        title=title,
        content=content,
        problem_id=_problem_id(body.get("problemId")),
        relink="problemId" in body,
    )


def parse_comment(body: dict[str, Any]) -> str:
    return _text(body.get("content"), "content", COMMENT_MAX, COMMENT_REQUIRED)


def is_plausible_id(value: str) -> bool:
    """Ids we never issue (empty, huge) cannot exist, so they are answered as not found, not sent on."""
    return 0 < len(value) <= ID_MAX


def _required_pair(body: dict[str, Any], missing: str) -> tuple[str, str]:
    if body.get("title") is None or body.get("content") is None:
        raise BadRequest(missing)
    title = _text(body["title"], "title", TITLE_MAX, missing).strip()
    return title, _text(body["content"], "content", CONTENT_MAX, missing)


def _text(value: Any, field: str, limit: int, missing: str) -> str:
    """Markdown is kept exactly as written (no trimming, no sanitising): clients render it safely."""
    if value is None:
        raise BadRequest(missing)
    if not isinstance(value, str):
        raise BadRequest(f"{field}은(는) 문자열이어야 합니다.", details={"field": field})
    if not value.strip():
        raise BadRequest(
            f"{_NAMES.get(field, field)}이(가) 비어 있습니다.", details={"field": field}
        )
    if len(value) > limit:
        raise BadRequest(
            f"{_NAMES.get(field, field)}은(는) {limit:,}자 이하여야 합니다.",
            details={"field": field, "maxLength": limit, "length": len(value)},
        )
    return value


def _problem_id(value: Any) -> str | None:
    too_long = isinstance(value, str) and len(value) > PROBLEM_ID_MAX
    if value is None or (isinstance(value, str) and not value.strip() and not too_long):
        return None
    if not isinstance(value, str) or too_long or value != value.strip():
        raise BadRequest(
            f"problemId는 {PROBLEM_ID_MAX}자 이하의 문자열이어야 합니다.",
            details={"field": "problemId", "maxLength": PROBLEM_ID_MAX},
        )
    return value


def post_summary(post: Post) -> dict[str, Any]:
    return {
        "postId": post.post_id,
        "title": post.title,
        "author": post.author,
        "userId": post.user_id,
        "createdAt": post.created_at,
        "updatedAt": post.updated_at,
        "likesCount": post.likes_count,
        "commentCount": post.comment_count,
        "problemId": post.problem_id,
    }


def post_view(post: Post) -> dict[str, Any]:
    return {**post_summary(post), "content": post.content}


def post_detail(post: Post, *, caller_id: str | None, liked: bool) -> dict[str, Any]:
    """`likedUsers` no longer lists everyone who liked: it holds at most the caller, so a client that
    still computes its like state with `likedUsers.includes(me)` keeps working; `isLiked` says it directly."""
    return {
        **post_view(post),
        "isLiked": liked,
        "likedUsers": liked_users(caller_id, liked),
    }


def liked_users(caller_id: str | None, liked: bool) -> list[str]:
    return [caller_id] if liked and caller_id else []


def comment_view(comment: Comment) -> dict[str, Any]:
    return {
        "commentId": comment.comment_id,
        "postId": comment.post_id,
        "content": comment.content,
        "author": comment.author,
        "userId": comment.user_id,
        "createdAt": comment.created_at,
    }
