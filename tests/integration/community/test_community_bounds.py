"""Size and emptiness limits at the HTTP edge: the last allowed length passes, one more is a 400."""

from __future__ import annotations

import pytest

from alpaco.services.community.domain import COMMENT_MAX, CONTENT_MAX, TITLE_MAX

pytestmark = pytest.mark.integration


@pytest.mark.parametrize(
    "case",
    [
        ("가" * TITLE_MAX, "x", 201),
        ("가" * (TITLE_MAX + 1), "x", 400),
        ("t", "내" * CONTENT_MAX, 201),
        ("t", "내" * (CONTENT_MAX + 1), 400),
        ("   ", "x", 400),
        ("t", " \n\t ", 400),
        ("", "x", 400),
        (None, "x", 400),
        ("t", 5, 400),
    ],
)
def test_post_bounds_on_create_and_update(api, board, cast, case):
    title, content, status = case
    body = {"title": title, "content": content}
    created = api.post("/community", json=body, headers=cast.headers["owner"])
    assert created.status_code == status, created.text
    existing = board.post(cast.headers["owner"])
    updated = api.patch(
        f"/community/{existing['postId']}", json=body, headers=cast.headers["owner"]
    )
    assert updated.status_code == (200 if status == 201 else 400), updated.text
    if status == 400:
        assert created.json()["code"] == "bad_request"
        assert board.read(existing["postId"])["title"] == existing["title"]


def test_missing_fields_keep_the_original_messages(api, board, cast):
    post = board.post(cast.headers["owner"])
    headers = cast.headers["owner"]
    create = api.post("/community", json={"title": "t"}, headers=headers)
    update = api.patch(f"/community/{post['postId']}", json={"content": "c"}, headers=headers)
    comment = api.post(f"/community/{post['postId']}/comments", json={}, headers=headers)
    assert create.json()["message"] == "title, content는 필수 항목입니다."
    assert update.json()["message"] == "title과 content는 필수 항목입니다."
    assert comment.json()["message"] == "content는 필수 항목입니다."


@pytest.mark.parametrize(
    ("content", "status"),
    [("댓" * COMMENT_MAX, 201), ("댓" * (COMMENT_MAX + 1), 400), ("  \n", 400), ([], 400)],
)
def test_comment_bounds(api, board, cast, content, status):
    post = board.post(cast.headers["owner"])
    response = api.post(
        f"/community/{post['postId']}/comments",
        json={"content": content},
        headers=cast.headers["other"],
    )
    assert response.status_code == status, response.text
    assert board.read(post["postId"])["commentCount"] == (1 if status == 201 else 0)


@pytest.mark.parametrize("page_size", ["0", "101", "ten"])
def test_page_size_out_of_range_is_400(api, page_size):
    assert api.get("/community", params={"pageSize": page_size}).status_code == 400


def test_problem_id_must_be_a_short_string(api, cast):
    body = {"title": "t", "content": "c"}
    headers = cast.headers["owner"]
    assert api.post("/community", json={**body, "problemId": 7}, headers=headers).status_code == 400
    long_id = {**body, "problemId": "p" * 129}
    assert api.post("/community", json=long_id, headers=headers).status_code == 400
    blank = api.post("/community", json={**body, "problemId": ""}, headers=headers)
    assert blank.status_code == 201
    assert blank.json()["problemId"] is None
