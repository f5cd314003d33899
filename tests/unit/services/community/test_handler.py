"""The handler fed API Gateway REST events, on the real repository and rate limiter in DynamoDB Local:
refusals become the original statuses and messages."""

from __future__ import annotations

import json
import uuid
from typing import Any

import pytest

from alpaco.kernel import dynamo
from alpaco.kernel.dynamo_writes import ATTEMPTS
from alpaco.services.community import handler as community
from alpaco.services.community import repository
from alpaco.services.community.domain import PostDraft

CLAIMS = {"sub": "user-1", "cognito:username": "alice", "nickname": "Alice"}


def _event(method, path, resource, params, *, body=None, claims=CLAIMS):
    return {
        "resource": resource,
        "path": path,
        "httpMethod": method,
        "headers": {"Content-Type": "application/json"},
        "multiValueHeaders": {},
        "queryStringParameters": None,
        "multiValueQueryStringParameters": None,
        "pathParameters": params,
        "stageVariables": None,
        "requestContext": {
            "resourcePath": resource,
            "httpMethod": method,
            "path": f"/production{path}",
            "stage": "production",
            "requestId": "req-1",
            "identity": {"sourceIp": "203.0.113.7"},
            "authorizer": {"claims": claims} if claims else {},
        },
        "body": None if body is None else json.dumps(body),
        "isBase64Encoded": False,
    }


class SameUserRacing:
    """The real client, but before each transactional write the same user's other toggle (a second
    tab's) lands first, through the real repository: every read the request made is stale."""

    def __init__(self, real: Any, post_id: str, user_id: str) -> None:
        self.real, self.post_id, self.user_id = real, post_id, user_id
        self.raced = 0
        self._racing = False

    def transact_write_items(self, **request: Any) -> Any:
        if not self._racing:
            self._racing = True
            try:
                repository.toggle_like(self.post_id, user_id=self.user_id)
                self.raced += 1
            finally:
                self._racing = False
        return self.real.transact_write_items(**request)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.real, name)


def _user() -> dict[str, str]:
    return {**CLAIMS, "sub": f"community-handler-{uuid.uuid4()}"}


def _post(user_id: str) -> str:
    draft = PostDraft(title="t", content="c", problem_id=None)
    return repository.create_post(draft, user_id=user_id, author="A").post_id


def _call(event):
    result = community.handler(event, None)
    assert result["headers"]["Vary"] == "Origin"
    return result["statusCode"], json.loads(result["body"])


WRITES = {
    "create a post": ("POST", "/community", "posts"),
    "edit a post": ("PATCH", "/community/{postId}", "posts"),
    "comment": ("POST", "/community/{postId}/comments", "comments"),
    "like": ("POST", "/community/{postId}/like", "likes"),
}


def _write(write, post, *, claims, title="t"):
    method, resource, _ = WRITES[write]
    params = {"postId": post} if "{postId}" in resource else None
    path = resource.replace("{postId}", post)
    body = {"title": title, "content": "c"}
    return _event(method, path, resource, params, body=body, claims=claims)


def test_a_write_that_loses_every_race_is_a_409_and_changes_nothing(monkeypatch, dynamodb_endpoint):
    user = _user()
    post = _post(user["sub"])
    racing = SameUserRacing(dynamo.client(), post, user["sub"])
    monkeypatch.setattr(dynamo, "client", lambda: racing)

    status, body = _call(_write("like", post, claims=user))

    assert status == 409
    assert body["code"] == "conflict"
    assert racing.raced == ATTEMPTS
    found = repository.get_post(post, viewer_id=user["sub"])
    assert found is not None
    # Each of the other tab's flips went through; this request's own flip never did.
    liked = racing.raced % 2 == 1
    assert (found[0].likes_count, found[1]) == (int(liked), liked)


def test_ids_we_never_issue_are_404_without_a_database(monkeypatch):
    def no_database():
        pytest.fail("an id we never issue reached DynamoDB")

    monkeypatch.setattr(dynamo, "client", no_database)
    long_id = "x" * 200
    status, body = _call(
        _event(
            "DELETE",
            f"/community/p1/comments/{long_id}",
            "/community/{postId}/comments/{commentId}",
            {"postId": "p1", "commentId": long_id},
        )
    )
    assert (status, body["message"]) == (404, "삭제할 댓글을 찾을 수 없습니다.")


def test_writes_without_claims_are_401_before_the_body_is_read():
    event = _event("POST", "/community", "/community", None, body={"title": ""}, claims=None)
    status, body = _call(event)
    assert (status, body["code"]) == (401, "unauthorized")


def test_the_author_comes_from_the_claims(dynamodb_endpoint):
    post = _post("someone-else")
    event = _event(
        "POST",
        f"/community/{post}/comments",
        "/community/{postId}/comments",
        {"postId": post},
        body={"content": "hi", "author": "mallory", "userId": "someone"},
    )
    assert _call(event)[0] == 201
    (comment,) = repository.list_comments(post, page_size=10, cursor=None).items
    assert (comment.content, comment.user_id, comment.author) == ("hi", "user-1", "Alice")


def _board(user_id, post_id):
    """Everything a write of the user's could change: their posts, the post, their like, its comments."""
    posts = repository.list_posts(problem_id=None, user_id=user_id, page_size=100, cursor=None)
    comments = repository.list_comments(post_id, page_size=100, cursor=None)
    return (
        [p.post_id for p in posts.items],
        repository.get_post(post_id, viewer_id=user_id),
        [c.comment_id for c in comments.items],
    )


@pytest.mark.parametrize("write", list(WRITES))
def test_each_write_spends_its_own_budget_and_past_it_writes_nothing(rate_limits, write):
    budget = WRITES[write][2]
    user = _user()
    post = _post(user["sub"])
    rate_limits.lower(**{budget: 1})
    assert _call(_write(write, post, title="first", claims=user))[0] in {200, 201}
    before = _board(user["sub"], post)

    status, answer = _call(_write(write, post, title="again", claims=user))

    assert (status, answer["code"]) == (429, "too_many_requests")
    assert answer["message"].startswith(f"Too many {budget}: at most 1 every ")
    assert _board(user["sub"], post) == before
