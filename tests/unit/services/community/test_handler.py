"""The handler alone, fed API Gateway REST events: refusals become the original statuses and messages."""

from __future__ import annotations

import json

import pytest

from alpaco.kernel.dynamo_errors import Contended
from alpaco.services.community import handler as community
from alpaco.services.community import repository

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


@pytest.fixture(autouse=True)
def rates(monkeypatch, budgets):
    monkeypatch.setattr(community, "rates", budgets)
    return budgets


def _call(event):
    result = community.handler(event, None)
    assert result["headers"]["Vary"] == "Origin"
    return result["statusCode"], json.loads(result["body"])


def test_a_contended_write_is_a_409_not_a_success(monkeypatch):
    def always_contended(post_id, *, user_id):
        raise Contended

    monkeypatch.setattr(repository, "toggle_like", always_contended)
    status, body = _call(
        _event("POST", "/community/p1/like", "/community/{postId}/like", {"postId": "p1"})
    )
    assert status == 409
    assert body["code"] == "conflict"


def test_ids_we_never_issue_are_404_without_a_database(monkeypatch):
    monkeypatch.setattr(repository, "delete_comment", pytest.fail)
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


def test_the_author_comes_from_the_claims(monkeypatch):
    seen = {}

    def add_comment(post_id, content, *, user_id, author):
        seen.update(post_id=post_id, content=content, user_id=user_id, author=author)
        raise Contended

    monkeypatch.setattr(repository, "add_comment", add_comment)
    event = _event(
        "POST",
        "/community/p1/comments",
        "/community/{postId}/comments",
        {"postId": "p1"},
        body={"content": "hi", "author": "mallory", "userId": "someone"},
    )
    assert _call(event)[0] == 409
    assert seen == {"post_id": "p1", "content": "hi", "user_id": "user-1", "author": "Alice"}


WRITES = {
    "create a post": (("POST", "/community", "/community", None), "create_post", "posts"),
    "edit a post": (
        ("PATCH", "/community/p1", "/community/{postId}", {"postId": "p1"}),
        "update_post",
        "posts",
    ),
    "comment": (
        ("POST", "/community/p1/comments", "/community/{postId}/comments", {"postId": "p1"}),
        "add_comment",
        "comments",
    ),
    "like": (
        ("POST", "/community/p1/like", "/community/{postId}/like", {"postId": "p1"}),
        "toggle_like",
        "likes",
    ),
}


@pytest.mark.parametrize("write", list(WRITES))
def test_each_write_spends_its_own_budget_and_past_it_writes_nothing(monkeypatch, rates, write):
    route, repository_call, budget = WRITES[write]
    monkeypatch.setattr(repository, repository_call, pytest.fail)
    rates.left = 0

    status, answer = _call(_event(*route, body={"title": "t", "content": "c"}))

    assert (status, answer["code"]) == (429, "too_many_requests")
    assert answer["message"] == f"Too many {budget}."
    assert rates.asked == [(budget, "user-1")]
