"""The community API: the original nine routes, with identity from the token and ownership enforced by
the repository's conditions. Messages stay those of the original clients.

Writing a post (create or edit), a comment and a like each spend the user's budget for it (`rates`)
before anything else; deletions are not limited, as they only shrink what a user holds.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from aws_lambda_powertools.event_handler import Response

from alpaco.kernel.config import get_settings
from alpaco.kernel.dynamo_errors import Contended
from alpaco.kernel.http import Conflict, Forbidden, NotFound
from alpaco.kernel.rate_limit import RateLimiter
from alpaco.kernel.service import (
    claims,
    create_app,
    json_body,
    make_handler,
    page_request,
    query_param,
    require_claims,
)
from alpaco.services.community import repository
from alpaco.services.community.domain import (
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


@app.post("/community")
def create_post() -> Response[str]:
    who = require_claims(app)
    rates.spend(get_settings().rate_limits.posts, who.user_id)
    draft = parse_post(json_body(app))
    post = repository.create_post(draft, user_id=who.user_id, author=who.display_name)
    view = post_detail(post, caller_id=who.user_id, liked=False)
    return _created({"message": "게시글이 성공적으로 작성되었습니다.", **view})


@app.get("/community")
def list_posts() -> dict[str, Any]:
    page = page_request(app)
    listing = repository.list_posts(
        problem_id=query_param(app, "problemId"),
        user_id=query_param(app, "userId"),
        page_size=page.page_size,
        cursor=page.cursor,
    )
    items = [post_summary(p) for p in listing.items]
    return {"items": items, "lastEvaluatedKey": listing.cursor, "count": len(items)}


@app.get("/community/<postId>")
def get_post(postId: str) -> dict[str, Any]:
    who = claims(app)
    viewer = who.user_id if who else None
    with _outcome(missing=POST_NOT_FOUND):
        _known(postId)
        found = repository.get_post(postId, viewer_id=viewer)
    if found is None:
        raise NotFound(POST_NOT_FOUND)
    post, liked = found
    return post_detail(post, caller_id=viewer, liked=liked)


@app.patch("/community/<postId>")
def update_post(postId: str) -> dict[str, Any]:
    who = require_claims(app)
    rates.spend(get_settings().rate_limits.posts, who.user_id)
    edit = parse_edit(json_body(app))
    with _outcome(
        missing="수정할 게시글을 찾을 수 없습니다.", forbidden="게시글을 수정할 권한이 없습니다."
    ):
        _known(postId)
        post = repository.update_post(postId, edit, user_id=who.user_id, admin=who.is_admin)
    return {"message": "게시글이 성공적으로 수정되었습니다.", "post": post_view(post)}


@app.delete("/community/<postId>")
def delete_post(postId: str) -> dict[str, Any]:
    who = require_claims(app)
    with _outcome(missing=POST_NOT_FOUND, forbidden="게시글을 삭제할 권한이 없습니다."):
        _known(postId)
        removed = repository.delete_post(postId, user_id=who.user_id, admin=who.is_admin)
    return {
        "message": f"게시글과 관련 댓글 {removed.comments}개가 성공적으로 삭제되었습니다.",
        "deletedCommentsCount": removed.comments,
        "deletedLikesCount": removed.likes,
    }


@app.post("/community/<postId>/like")
def toggle_like(postId: str) -> dict[str, Any]:
    who = require_claims(app)
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


@app.post("/community/<postId>/comments")
def add_comment(postId: str) -> Response[str]:
    who = require_claims(app)
    rates.spend(get_settings().rate_limits.comments, who.user_id)
    content = parse_comment(json_body(app))
    with _outcome(missing="댓글을 추가할 게시글을 찾을 수 없습니다."):
        _known(postId)
        comment = repository.add_comment(
            postId, content, user_id=who.user_id, author=who.display_name
        )
    return _created({"message": "댓글이 성공적으로 추가되었습니다.", **comment_view(comment)})


@app.get("/community/<postId>/comments")
def list_comments(postId: str) -> dict[str, Any]:
    """`commentCount` is the number on this page, as in the original; the post carries the total."""
    page = page_request(app)
    comments: list[dict[str, Any]] = []
    cursor = None
    if is_plausible_id(postId):
        listing = repository.list_comments(postId, page_size=page.page_size, cursor=page.cursor)
        comments, cursor = [comment_view(c) for c in listing.items], listing.cursor
    return {
        "comments": comments,
        "lastEvaluatedKey": cursor,
        "commentCount": len(comments),
        "count": len(comments),
    }


@app.delete("/community/<postId>/comments/<commentId>")
def delete_comment(postId: str, commentId: str) -> dict[str, Any]:
    who = require_claims(app)
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


handler = make_handler(app, "community")
