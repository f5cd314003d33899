"""Every community route over real HTTP, for its owner, another user, an anonymous caller and an admin."""

from __future__ import annotations

import pytest

from alpaco.services.community.audit import audit

pytestmark = pytest.mark.integration

ROLES = ("owner", "other", "anonymous", "admin")


def _matrix(*statuses):
    return list(zip(ROLES, statuses, strict=True))


def _error(response, status, message=None):
    assert response.status_code == status, response.text
    body = response.json()
    assert set(body) >= {"message", "code"}
    if message is not None:
        assert body["message"] == message
    assert response.headers["access-control-allow-origin"] == response.request.headers["origin"]


@pytest.mark.parametrize(("role", "status"), _matrix(201, 201, 401, 201))
def test_create_post_takes_author_and_user_from_the_token(api, cast, role, status):
    response = api.post(
        "/community",
        json={
            "title": "  BFS 질문  ",
            "content": "# 제목\n<script>alert(1)</script>",
            "author": "mallory",
            "userId": "someone-else",
            "problemId": "prob-1",
        },
        headers=cast.headers[role],
    )
    if status == 401:
        _error(response, 401)
        return
    assert response.status_code == 201, response.text
    body = response.json()
    assert body["message"] == "게시글이 성공적으로 작성되었습니다."
    assert body["userId"] == cast.user_id(role)
    assert body["author"] == cast.display_name(role)
    assert body["title"] == "BFS 질문"
    assert body["content"] == "# 제목\n<script>alert(1)</script>", "Markdown is stored raw"
    assert body["problemId"] == "prob-1"
    assert body["createdAt"].endswith("Z")
    assert (body["likesCount"], body["commentCount"], body["isLiked"]) == (0, 0, False)


@pytest.mark.parametrize("role", ROLES)
def test_list_posts_is_public(api, board, cast, role):
    mine = board.post(cast.headers["owner"])
    response = api.get(
        "/community", params={"userId": cast.user_id("owner")}, headers=cast.headers[role]
    )
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 1
    assert body["lastEvaluatedKey"] is None
    (item,) = body["items"]
    assert item["postId"] == mine["postId"]
    assert set(item) >= {"postId", "title", "author", "userId", "createdAt", "likesCount"}
    assert "likedUsers" not in item
    assert "content" not in item


@pytest.mark.parametrize("role", ROLES)
def test_get_post_gives_the_callers_like_state_and_no_one_elses(api, board, cast, role):
    post = board.post(cast.headers["owner"], problemId="p-42")
    for liker in ("owner", "other"):
        assert api.post(f"/community/{post['postId']}/like", headers=cast.headers[liker]).json()[
            "isLiked"
        ]
    body = board.read(post["postId"], cast.headers[role])
    assert body["likesCount"] == 2
    assert body["isLiked"] is (role in ("owner", "other"))
    me = [] if role in ("anonymous", "admin") else [cast.user_id(role)]
    assert body["likedUsers"] == me
    assert body["userId"] == cast.user_id("owner")
    assert body["problemId"] == "p-42"
    assert body["updatedAt"] == body["createdAt"]
    assert body["content"] == post["content"]


@pytest.mark.parametrize(("role", "status"), _matrix(200, 403, 401, 200))
def test_update_post_by_author_or_admin_only(api, board, cast, role, status):
    post = board.post(cast.headers["owner"], problemId="p-1")
    response = api.patch(
        f"/community/{post['postId']}",
        json={"title": "고친 제목", "content": "고친 내용", "problemId": None, "author": "x"},
        headers=cast.headers[role],
    )
    after = board.read(post["postId"])
    if status != 200:
        _error(response, status, "게시글을 수정할 권한이 없습니다." if status == 403 else None)
        assert (after["title"], after["problemId"]) == (post["title"], "p-1")
        return
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["message"] == "게시글이 성공적으로 수정되었습니다."
    assert body["post"]["title"] == after["title"] == "고친 제목"
    assert after["content"] == "고친 내용"
    assert after["problemId"] is None
    assert after["author"] == post["author"], "author never changes"
    assert after["updatedAt"] >= after["createdAt"]
    assert "PK" not in body["post"]


def test_update_keeps_or_relinks_the_problem(api, board, cast):
    post = board.post(cast.headers["owner"], problemId="p-1")
    url = f"/community/{post['postId']}"
    edit = {"title": "t", "content": "c"}
    assert api.patch(url, json=edit, headers=cast.headers["owner"]).json()["post"]["problemId"] == (
        "p-1"
    )
    relinked = api.patch(url, json={**edit, "problemId": "p-2"}, headers=cast.headers["owner"])
    assert relinked.json()["post"]["problemId"] == "p-2"
    listed = api.get("/community", params={"problemId": "p-2", "userId": cast.user_id("owner")})
    assert [i["postId"] for i in listed.json()["items"]] == [post["postId"]]


@pytest.mark.parametrize(("role", "status"), _matrix(200, 403, 401, 200))
def test_delete_post_by_author_or_admin_only(api, board, cast, role, status):
    post = board.post(cast.headers["owner"])
    board.comment(cast.headers["other"], post["postId"])
    api.post(f"/community/{post['postId']}/like", headers=cast.headers["other"])
    response = api.delete(f"/community/{post['postId']}", headers=cast.headers[role])
    if status != 200:
        _error(response, status, "게시글을 삭제할 권한이 없습니다." if status == 403 else None)
        assert board.read(post["postId"])["commentCount"] == 1
        return
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["deletedCommentsCount"] == 1
    assert body["deletedLikesCount"] == 1
    assert body["message"] == "게시글과 관련 댓글 1개가 성공적으로 삭제되었습니다."
    _error(api.get(f"/community/{post['postId']}"), 404, "게시글을 찾을 수 없습니다.")
    assert audit(post["postId"]).stored_items == 0


@pytest.mark.parametrize(("role", "status"), _matrix(200, 200, 401, 200))
def test_like_toggles_for_any_signed_in_user(api, board, cast, role, status):
    post = board.post(cast.headers["owner"])
    url = f"/community/{post['postId']}/like"
    first = api.post(url, headers=cast.headers[role])
    if status == 401:
        _error(first, 401)
        assert board.read(post["postId"])["likesCount"] == 0
        return
    assert first.json() == {
        "message": "좋아요가 추가되었습니다.",
        "likedUsers": [cast.user_id(role)],
        "likesCount": 1,
        "isLiked": True,
    }
    second = api.post(url, headers=cast.headers[role]).json()
    assert second == {
        "message": "좋아요가 취소되었습니다.",
        "likedUsers": [],
        "likesCount": 0,
        "isLiked": False,
    }


@pytest.mark.parametrize(("role", "status"), _matrix(201, 201, 401, 201))
def test_create_comment_takes_author_from_the_token(api, board, cast, role, status):
    post = board.post(cast.headers["owner"])
    response = api.post(
        f"/community/{post['postId']}/comments",
        json={"content": "**굵게**", "author": "mallory"},
        headers=cast.headers[role],
    )
    if status == 401:
        _error(response, 401)
        assert board.read(post["postId"])["commentCount"] == 0
        return
    assert response.status_code == 201, response.text
    body = response.json()
    assert body["message"] == "댓글이 성공적으로 추가되었습니다."
    assert body["postId"] == post["postId"]
    assert body["userId"] == cast.user_id(role)
    assert body["author"] == cast.display_name(role)
    assert body["content"] == "**굵게**"
    assert board.read(post["postId"])["commentCount"] == 1


@pytest.mark.parametrize("role", ROLES)
def test_list_comments_is_public(api, board, cast, role):
    post = board.post(cast.headers["owner"])
    made = board.comment(cast.headers["other"], post["postId"], "첫 댓글")
    response = api.get(f"/community/{post['postId']}/comments", headers=cast.headers[role])
    assert response.status_code == 200
    body = response.json()
    assert body["lastEvaluatedKey"] is None
    assert body["commentCount"] == 1
    (comment,) = body["comments"]
    assert comment == {k: made[k] for k in comment}
    assert set(comment) == {"commentId", "postId", "content", "author", "userId", "createdAt"}


@pytest.mark.parametrize(("role", "status"), _matrix(200, 403, 401, 200))
def test_delete_comment_by_its_author_or_admin_only(api, board, cast, role, status):
    """Here `other` is the post's author: writing the post gives no right over others' comments."""
    post = board.post(cast.headers["other"])
    comment = board.comment(cast.headers["owner"], post["postId"])
    url = f"/community/{post['postId']}/comments/{comment['commentId']}"
    response = api.delete(url, headers=cast.headers[role])
    if status != 200:
        _error(response, status, "댓글을 삭제할 권한이 없습니다." if status == 403 else None)
        assert board.read(post["postId"])["commentCount"] == 1
        return
    assert response.json() == {
        "message": "댓글이 성공적으로 삭제되었습니다.",
        "postId": post["postId"],
        "commentId": comment["commentId"],
    }
    assert board.read(post["postId"])["commentCount"] == 0
    again = api.delete(url, headers=cast.headers[role])
    _error(again, 404, "삭제할 댓글을 찾을 수 없습니다.")
    assert board.read(post["postId"])["commentCount"] == 0


@pytest.mark.parametrize(
    "case",
    [
        ("GET", "", None, "게시글을 찾을 수 없습니다."),
        ("PATCH", "", {"title": "t", "content": "c"}, "수정할 게시글을 찾을 수 없습니다."),
        ("DELETE", "", None, "게시글을 찾을 수 없습니다."),
        ("POST", "/like", None, "게시글을 찾을 수 없습니다."),
        ("POST", "/comments", {"content": "c"}, "댓글을 추가할 게시글을 찾을 수 없습니다."),
        ("DELETE", "/comments/nope", None, "삭제할 댓글을 찾을 수 없습니다."),
    ],
)
@pytest.mark.parametrize("post_id", ["00000000-0000-0000-0000-000000000000", "x" * 300])
def test_unknown_posts_are_404(api, cast, case, post_id):
    method, suffix, body, message = case
    response = api.request(
        method, f"/community/{post_id}{suffix}", json=body, headers=cast.headers["admin"]
    )
    _error(response, 404, message)


def test_comments_of_an_unknown_post_are_an_empty_list(api):
    body = api.get("/community/00000000-0000-0000-0000-000000000000/comments").json()
    assert body == {"comments": [], "lastEvaluatedKey": None, "commentCount": 0, "count": 0}


def test_a_deleted_post_takes_no_comments_or_likes(api, board, cast):
    post = board.post(cast.headers["owner"])
    assert api.delete(f"/community/{post['postId']}", headers=cast.headers["owner"]).is_success
    url = f"/community/{post['postId']}"
    _error(api.post(f"{url}/comments", json={"content": "c"}, headers=cast.headers["other"]), 404)
    _error(api.post(f"{url}/like", headers=cast.headers["other"]), 404)
    _error(api.delete(url, headers=cast.headers["owner"]), 404)
    assert audit(post["postId"]).stored_items == 0


def test_an_invalid_token_is_401_even_on_public_routes(api, board, cast):
    post = board.post(cast.headers["owner"])
    _error(api.get(f"/community/{post['postId']}", headers={"Authorization": "Bearer x.y.z"}), 401)


def test_malformed_json_is_400(api, board, cast):
    post = board.post(cast.headers["owner"])
    response = api.post(
        f"/community/{post['postId']}/comments",
        content=b"{not json",
        headers={**cast.headers["owner"], "Content-Type": "application/json"},
    )
    _error(response, 400)
