"""The community API: the original nine routes, with identity from the token and ownership enforced by
the repository's conditions. Messages stay those of the original clients.

Writing a post (create or edit), a comment and a like each spend the user's budget for it (`rates`)
before anything else; deletions are not limited, as they only shrink what a user holds.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Annotated, Any

from aws_lambda_powertools.event_handler import Response
from aws_lambda_powertools.event_handler.openapi.params import Query

from alpaco.kernel.config import get_settings
from alpaco.kernel.dynamo_errors import Contended
from alpaco.kernel.http import Conflict, Forbidden, NotFound
from alpaco.kernel.rate_limit import RateLimiter
from alpaco.kernel.request import caller, present, require_caller
from alpaco.kernel.schemas import Page, PageQuery
from alpaco.kernel.service import Incoming, create_app, make_handler, route
from alpaco.services.community import repository
from alpaco.services.community.domain import (
    COMMENT_REQUIRED,
    EDIT_REQUIRED,
    POST_REQUIRED,
    Missing,
    NotOwner,
    comment_view,
    is_plausible_id,
    liked_users,
    parse_comment,
    parse_edit,
    parse_post,
    post_detail,
    post_summary,
    post_view,
)
from alpaco.services.community.schemas import (
    CommentBody,
    CommentDeleted,
    CommentPage,
    CommentView,
    LikeToggled,
    PostBody,
    PostDeleted,
    PostDetail,
    PostEdited,
    PostListQuery,
    PostSummary,
)

POST_NOT_FOUND = "게시글을 찾을 수 없습니다."

app = create_app("community")
rates = RateLimiter()


@contextmanager
def _outcome(*, missing: str, forbidden: str = "") -> Iterator[None]:
    """Each route words the same refusals its own way, as the original did."""
    try:
        yield
    except Missing as exc:
        raise NotFound(missing) from exc
    except NotOwner as exc:
        raise Forbidden(forbidden) from exc
    except Contended as exc:
        raise Conflict("다른 요청과 충돌했습니다. 잠시 후 다시 시도해 주세요.") from exc


def _known(*ids: str) -> None:
    if not all(is_plausible_id(i) for i in ids):
        raise Missing


def _created(body: dict[str, Any]) -> Response[str]:
    return Response(
        status_code=201,
        content_type="application/json",
        body=json.dumps(body, ensure_ascii=False),
    )


@route(
    app,
    "POST",
    "/community",
    ok=PostDetail,
    status=201,
    auth="required",
    errors=(401, 429),
    missing=POST_REQUIRED,
)
def create_post(body: PostBody, request: Incoming) -> Response[str]:
    who = require_caller(request)
    rates.spend(get_settings().rate_limits.posts, who.user_id)
    draft = parse_post(body.model_dump(exclude_unset=True))
    post = repository.create_post(draft, user_id=who.user_id, author=who.display_name)
    view = post_detail(post, caller_id=who.user_id, liked=False)
    return _created({"message": "게시글이 성공적으로 작성되었습니다.", **view})


@route(app, "GET", "/community", ok=Page[PostSummary], auth="optional")
def list_posts(query: Annotated[PostListQuery, Query()]) -> dict[str, Any]:
    listing = repository.list_posts(
        problem_id=present(query.problemId),
        user_id=present(query.userId),
        page_size=query.pageSize,
        cursor=query.cursor,
    )
    items = [post_summary(p) for p in listing.items]
    return {"items": items, "lastEvaluatedKey": listing.cursor, "count": len(items)}


@route(app, "GET", "/community/{postId}", ok=PostDetail, auth="optional", errors=(401, 404))
def get_post(postId: str, request: Incoming) -> dict[str, Any]:
    who = caller(request)
    viewer = who.user_id if who else None
    with _outcome(missing=POST_NOT_FOUND):
        _known(postId)
        found = repository.get_post(postId, viewer_id=viewer)
    if found is None:
        raise NotFound(POST_NOT_FOUND)
    post, liked = found
    return post_detail(post, caller_id=viewer, liked=liked)


@route(
    app,
    "PATCH",
    "/community/{postId}",
    ok=PostEdited,
    auth="required",
    errors=(401, 403, 404, 409, 429),
    missing=EDIT_REQUIRED,
)
def update_post(postId: str, body: PostBody, request: Incoming) -> dict[str, Any]:
    who = require_caller(request)
    rates.spend(get_settings().rate_limits.posts, who.user_id)
    edit = parse_edit(body.model_dump(exclude_unset=True))
    with _outcome(
        missing="수정할 게시글을 찾을 수 없습니다.", forbidden="게시글을 수정할 권한이 없습니다."
    ):
        _known(postId)
        post = repository.update_post(postId, edit, user_id=who.user_id, admin=who.is_admin)
    return {"message": "게시글이 성공적으로 수정되었습니다.", "post": post_view(post)}


@route(
    app,
    "DELETE",
    "/community/{postId}",
    ok=PostDeleted,
    auth="required",
    errors=(401, 403, 404, 409),
)
def delete_post(postId: str, request: Incoming) -> dict[str, Any]:
    who = require_caller(request)
    with _outcome(missing=POST_NOT_FOUND, forbidden="게시글을 삭제할 권한이 없습니다."):
        _known(postId)
        removed = repository.delete_post(postId, user_id=who.user_id, admin=who.is_admin)
    return {
        "message": f"게시글과 관련 댓글 {removed.comments}개가 성공적으로 삭제되었습니다.",
        "deletedCommentsCount": removed.comments,
        "deletedLikesCount": removed.likes,
    }


@route(
    app,
    "POST",
    "/community/{postId}/like",
    ok=LikeToggled,
    auth="required",
    errors=(401, 404, 409, 429),
)
def toggle_like(postId: str, request: Incoming) -> dict[str, Any]:
    who = require_caller(request)
    rates.spend(get_settings().rate_limits.likes, who.user_id)
    with _outcome(missing=POST_NOT_FOUND):
        _known(postId)
        liked, count = repository.toggle_like(postId, user_id=who.user_id)
    return {
        "message": "좋아요가 추가되었습니다." if liked else "좋아요가 취소되었습니다.",
        "likedUsers": liked_users(who.user_id, liked),
        "likesCount": count,
        "isLiked": liked,
    }


@route(
    app,
    "POST",
    "/community/{postId}/comments",
    ok=CommentView,
    status=201,
    auth="required",
    errors=(401, 404, 409, 429),
    missing=COMMENT_REQUIRED,
)
def add_comment(postId: str, body: CommentBody, request: Incoming) -> Response[str]:
    who = require_caller(request)
    rates.spend(get_settings().rate_limits.comments, who.user_id)
    content = parse_comment(body.model_dump(exclude_unset=True))
    with _outcome(missing="댓글을 추가할 게시글을 찾을 수 없습니다."):
        _known(postId)
        comment = repository.add_comment(
            postId, content, user_id=who.user_id, author=who.display_name
        )
    return _created({"message": "댓글이 성공적으로 추가되었습니다.", **comment_view(comment)})


@route(app, "GET", "/community/{postId}/comments", ok=CommentPage, auth="optional")
def list_comments(postId: str, query: Annotated[PageQuery, Query()]) -> dict[str, Any]:
    comments: list[dict[str, Any]] = []
    cursor = None
    if is_plausible_id(postId):
        listing = repository.list_comments(postId, page_size=query.pageSize, cursor=query.cursor)
        comments, cursor = [comment_view(c) for c in listing.items], listing.cursor
    return {
        "comments": comments,
        "lastEvaluatedKey": cursor,
        "commentCount": len(comments),
        "count": len(comments),
    }


@route(
    app,
    "DELETE",
    "/community/{postId}/comments/{commentId}",
    ok=CommentDeleted,
    auth="required",
    errors=(401, 403, 404, 409),
)
def delete_comment(postId: str, commentId: str, request: Incoming) -> dict[str, Any]:
    who = require_caller(request)
    with _outcome(
        missing="삭제할 댓글을 찾을 수 없습니다.", forbidden="댓글을 삭제할 권한이 없습니다."
    ):
        _known(postId, commentId)
        repository.delete_comment(postId, commentId, user_id=who.user_id, admin=who.is_admin)
    return {
        "message": "댓글이 성공적으로 삭제되었습니다.",
        "postId": postId,
        "commentId": commentId,
    }


handler = make_handler(app)
