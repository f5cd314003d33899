"""The community API's wire shapes, with the original's field names.

The models fix the types and what is required; `domain` keeps the rules that answer in the
original's words (blank text, length limits, the problem id's form).
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field

from alpaco.kernel.schemas import Filter, PageQuery, View
from alpaco.services.community.domain import COMMENT_MAX, CONTENT_MAX, PROBLEM_ID_MAX, TITLE_MAX


def _text(limit: int, description: str) -> Any:
    """Documented, not enforced by the model: `domain` enforces it in the original's words."""
    return Field(
        description=description,
        json_schema_extra={"minLength": 1, "maxLength": limit, "pattern": r"\S"},
    )


class PostBody(BaseModel):
    """`author` (or any unknown field) is ignored: the author is whoever the token says. On an
    edit, an absent `problemId` keeps the link and null or "" removes it."""

    title: str = _text(TITLE_MAX, "Not blank.")
    content: str = _text(CONTENT_MAX, "Markdown, not blank.")
    problemId: str | None = Field(
        default=None,
        description="The problem the post is about; blank means none.",
        json_schema_extra={"maxLength": PROBLEM_ID_MAX},
    )


class CommentBody(BaseModel):
    content: str = _text(COMMENT_MAX, "Markdown, not blank.")


class PostListQuery(PageQuery):
    problemId: Filter
    userId: Filter


class PostSummary(View):
    postId: str
    title: str
    author: str
    userId: str
    createdAt: str
    updatedAt: str | None
    likesCount: int
    commentCount: int
    problemId: str | None


class PostDetail(PostSummary):
    """A post with its content; the creation answer adds `message`."""

    content: str
    isLiked: bool | None = None
    likedUsers: list[str] | None = None


class PostEdited(View):
    message: str
    post: PostDetail


class PostDeleted(View):
    message: str
    deletedCommentsCount: int
    deletedLikesCount: int


class LikeToggled(View):
    message: str
    likedUsers: list[str]
    likesCount: int
    isLiked: bool


class CommentView(View):
    commentId: str
    postId: str
    content: str
    author: str
    userId: str
    createdAt: str


class CommentPage(View):
    """`commentCount` is the number on this page, as in the original; the post carries the total."""

    comments: list[CommentView]
    lastEvaluatedKey: str | None
    commentCount: int
    count: int


class CommentDeleted(View):
    message: str
    postId: str
    commentId: str
