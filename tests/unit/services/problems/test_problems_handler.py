"""Requests the handler refuses before touching DynamoDB, fed as API Gateway REST proxy events."""

from __future__ import annotations

import json
from typing import Any

import pytest

from alpaco.services.problems.handler import handler


def _event(path: str, resource: str, query: dict[str, str], **path_params: str) -> dict[str, Any]:
    return {
        "resource": resource,
        "path": path,
        "httpMethod": "GET",
        "headers": {"Accept": "application/json"},
        "multiValueHeaders": {"Accept": ["application/json"]},
        "queryStringParameters": query or None,
        "multiValueQueryStringParameters": {k: [v] for k, v in query.items()} or None,
        "pathParameters": path_params or None,
        "stageVariables": None,
        "requestContext": {
            "resourcePath": resource,
            "httpMethod": "GET",
            "path": f"/production{path}",
            "stage": "production",
            "requestId": "req-1",
            "identity": {"sourceIp": "203.0.113.7"},
            "authorizer": {},
        },
        "body": None,
        "isBase64Encoded": False,
    }


@pytest.mark.parametrize(
    ("query", "status"),
    [
        ({"difficulty": "Impossible"}, 400),
        ({"sortOrder": "up"}, 400),
        ({"pageSize": "0"}, 400),
        ({"pageSize": "101"}, 400),
        ({"pageSize": "ten"}, 400),
        ({"title": "x" * 300}, 400),
    ],
)
def test_list_rejects_bad_parameters(query: dict[str, str], status: int) -> None:
    response = handler(_event("/problems", "/problems", query), None)
    assert response["statusCode"] == status
    body = json.loads(response["body"])
    assert body["code"] == "bad_request"
    assert response["headers"]["Vary"] == "Origin"


def test_unknown_view_is_a_bad_request() -> None:
    event = _event("/problems/p1", "/problems/{problemId}", {"view": "raw"}, problemId="p1")
    response = handler(event, None)
    assert response["statusCode"] == 400


def test_anonymous_full_view_is_unauthorized() -> None:
    event = _event("/problems/p1", "/problems/{problemId}", {"view": "full"}, problemId="p1")
    response = handler(event, None)
    assert response["statusCode"] == 401
    assert json.loads(response["body"])["code"] == "unauthorized"
