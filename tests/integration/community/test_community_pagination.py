"""Lists over real HTTP: every item exactly once across full pages, in the promised order."""

from __future__ import annotations

import uuid

import pytest

pytestmark = pytest.mark.integration


def _check_pages(pages, size, expected_ids, *, id_key, time_key, newest_first):
    assert all(len(page) == size for page in pages[:-1]), [len(p) for p in pages]
    assert 0 < len(pages[-1]) <= size
    seen = [item[id_key] for page in pages for item in page]
    assert len(seen) == len(set(seen)), "an item appeared twice"
    assert set(seen) == set(expected_ids)
    times = [item[time_key] for page in pages for item in page]
    assert times == sorted(times, reverse=newest_first)


def test_posts_by_author_newest_first_in_full_pages(board, cast):
    made = [board.post(cast.headers["owner"], title=f"글 {i}") for i in range(23)]
    board.post(cast.headers["other"])
    pages = board.walk("/community", "items", userId=cast.user_id("owner"), pageSize=5)
    assert [len(p) for p in pages] == [5, 5, 5, 5, 3]
    ids = [p["postId"] for p in made]
    _check_pages(pages, 5, ids, id_key="postId", time_key="createdAt", newest_first=True)
    assert pages[0][0]["createdAt"] == made[-1]["createdAt"]
    assert pages[-1][-1]["createdAt"] == made[0]["createdAt"]


def test_posts_by_problem_and_by_problem_and_author(board, cast):
    problem = f"prob-{uuid.uuid4().hex[:8]}"
    owners = [board.post(cast.headers["owner"], problemId=problem)["postId"] for _ in range(6)]
    others = [board.post(cast.headers["other"], problemId=problem)["postId"] for _ in range(5)]
    board.post(cast.headers["owner"], problemId=f"{problem}-x")
    pages = board.walk("/community", "items", problemId=problem, pageSize=4)
    _check_pages(
        pages, 4, owners + others, id_key="postId", time_key="createdAt", newest_first=True
    )
    both = board.walk(
        "/community", "items", problemId=problem, userId=cast.user_id("owner"), pageSize=4
    )
    _check_pages(both, 4, owners, id_key="postId", time_key="createdAt", newest_first=True)


def test_all_posts_list_skips_deleted_posts_and_keeps_pages_full(api, board, cast):
    made = [board.post(cast.headers["owner"])["postId"] for _ in range(9)]
    for gone in made[1:8]:
        assert api.delete(f"/community/{gone}", headers=cast.headers["owner"]).is_success
    pages = board.walk("/community", "items", pageSize=3)
    listed = [item["postId"] for page in pages for item in page]
    assert len(listed) == len(set(listed))
    assert made[0] in listed
    assert made[8] in listed
    assert not set(made[1:8]) & set(listed)
    assert all(len(page) == 3 for page in pages[:-1])
    times = [item["createdAt"] for page in pages for item in page]
    assert times == sorted(times, reverse=True)


def test_comments_oldest_first_in_full_pages(board, cast):
    post = board.post(cast.headers["owner"])["postId"]
    made = [
        board.comment(cast.headers["owner" if i % 2 else "other"], post, f"댓글 {i}")["commentId"]
        for i in range(23)
    ]
    pages = board.walk(f"/community/{post}/comments", "comments", pageSize=5)
    assert [len(p) for p in pages] == [5, 5, 5, 5, 3], "no slot is lost to the post item"
    _check_pages(pages, 5, made, id_key="commentId", time_key="createdAt", newest_first=False)
    assert board.read(post)["commentCount"] == 23


def test_a_page_that_ends_exactly_at_the_last_item_has_no_cursor(api, board, cast):
    post = board.post(cast.headers["owner"])["postId"]
    for _ in range(4):
        board.comment(cast.headers["other"], post)
    body = api.get(f"/community/{post}/comments", params={"pageSize": 4}).json()
    assert body["commentCount"] == 4
    assert body["lastEvaluatedKey"] is None


def test_cursors_cannot_be_forged_or_moved_between_lists(api, board, cast):
    first = board.post(cast.headers["owner"])["postId"]
    second = board.post(cast.headers["owner"])["postId"]
    for post in (first, second):
        for _ in range(3):
            board.comment(cast.headers["other"], post)
    cursor = api.get(f"/community/{first}/comments", params={"pageSize": 1}).json()[
        "lastEvaluatedKey"
    ]
    assert cursor
    moved = api.get(f"/community/{second}/comments", params={"lastEvaluatedKey": cursor})
    assert moved.status_code == 400
    as_posts = api.get("/community", params={"lastEvaluatedKey": cursor})
    assert as_posts.status_code == 400
    forged = api.get(f"/community/{first}/comments", params={"lastEvaluatedKey": cursor[:-2]})
    assert forged.status_code == 400
    assert forged.json()["code"] == "bad_request"
