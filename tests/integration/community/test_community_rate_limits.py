"""Each community write past the user's budget is a 429 with Retry-After, over real HTTP, and
writes nothing; other users still write."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

pytestmark = pytest.mark.integration

LIMIT = 2


def test_posts_past_the_limit_are_refused_and_edits_share_the_budget(
    api: httpx.Client, board: Any, cast: Any, rate_limits: Any
) -> None:
    rate_limits.lower(posts=LIMIT)
    owner = cast.headers["owner"]
    post_id = board.post(owner)["postId"]
    edit = {"title": "고침", "content": "다시"}
    assert api.patch(f"/community/{post_id}", json=edit, headers=owner).status_code == 200

    rate_limits.assert_refused(api.post("/community", json=edit, headers=owner), "posts")
    rate_limits.assert_refused(
        api.patch(f"/community/{post_id}", json=edit, headers=owner), "posts"
    )

    mine = api.get("/community", params={"userId": cast.user_id("owner")}).json()
    assert [item["postId"] for item in mine["items"]] == [post_id]
    assert board.post(cast.headers["other"])["postId"]


def test_comments_past_the_limit_are_refused(
    api: httpx.Client, board: Any, cast: Any, rate_limits: Any
) -> None:
    rate_limits.lower(comments=LIMIT)
    post_id = board.post(cast.headers["owner"])["postId"]
    for _ in range(LIMIT):
        board.comment(cast.headers["other"], post_id)

    refused = api.post(
        f"/community/{post_id}/comments", json={"content": "하나 더"}, headers=cast.headers["other"]
    )

    rate_limits.assert_refused(refused, "comments")
    assert board.read(post_id)["commentCount"] == LIMIT
    board.comment(cast.headers["owner"], post_id)


def test_likes_past_the_limit_are_refused(
    api: httpx.Client, board: Any, cast: Any, rate_limits: Any
) -> None:
    rate_limits.lower(likes=LIMIT)
    post_id = board.post(cast.headers["owner"])["postId"]
    like = f"/community/{post_id}/like"
    for _ in range(LIMIT):
        assert api.post(like, headers=cast.headers["other"]).status_code == 200

    rate_limits.assert_refused(api.post(like, headers=cast.headers["other"]), "likes")

    assert board.read(post_id)["likesCount"] == 0  # liked and unliked; the third never landed
    assert api.post(like, headers=cast.headers["owner"]).json()["likesCount"] == 1
