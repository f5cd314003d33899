"""HTTP → REST proxy event → HTTP, checked on a real Starlette request."""

from __future__ import annotations

import base64
import json
from typing import Any

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route as StarletteRoute
from starlette.testclient import TestClient

from alpaco.gateway.events import build_event, to_response
from alpaco.routes import Route

ROUTE = Route("POST", "/things/{thingId}", "demo")


async def echo(request: Request) -> Response:
    body = await request.body()
    claims = {"sub": "u-1"} if request.headers.get("x-claims") else None
    return JSONResponse(build_event(request, ROUTE, body, claims))


client = TestClient(Starlette(routes=[StarletteRoute("/things/{thingId}", echo, methods=["POST"])]))


def _event(**kwargs: Any) -> dict[str, Any]:
    response = client.post("/things/t%201?tag=a&tag=b&q=x", **kwargs)
    data: dict[str, Any] = response.json()
    return data


def test_event_has_the_rest_proxy_shape() -> None:
    event = _event(json={"a": 1}, headers={"X-Claims": "1", "X-Multi": "v"})
    assert event["resource"] == "/things/{thingId}"
    assert event["path"] == "/things/t%201" or event["path"] == "/things/t 1"
    assert event["httpMethod"] == "POST"
    assert event["pathParameters"] == {"thingId": "t 1"}
    assert event["queryStringParameters"] == {"tag": "b", "q": "x"}
    assert event["multiValueQueryStringParameters"] == {"tag": ["a", "b"], "q": ["x"]}
    assert event["headers"]["Content-Type"] == "application/json"
    assert event["multiValueHeaders"]["X-Multi"] == ["v"]
    assert json.loads(event["body"]) == {"a": 1}
    assert event["isBase64Encoded"] is False
    context = event["requestContext"]
    assert context["stage"] == "local"
    assert context["requestId"]
    assert context["identity"]["sourceIp"]
    assert context["authorizer"] == {"claims": {"sub": "u-1"}}
    assert context["resourcePath"] == "/things/{thingId}"


def test_binary_body_is_base64() -> None:
    raw = bytes(range(256))
    event = _event(content=raw, headers={"Content-Type": "application/octet-stream"})
    assert event["isBase64Encoded"] is True
    assert base64.b64decode(event["body"]) == raw


def test_no_body_and_no_claims() -> None:
    event = _event()
    assert event["body"] is None
    assert event["requestContext"]["authorizer"] == {}


def test_response_merges_headers_and_multi_value_headers() -> None:
    response = to_response(
        {
            "statusCode": 201,
            "headers": {"Content-Type": "application/json", "X-One": "single"},
            "multiValueHeaders": {"X-One": ["a", "b"], "Set-Cookie": ["c=1", "d=2"]},
            "body": '{"ok": true}',
        }
    )
    assert response.status_code == 201
    assert response.headers.getlist("x-one") == ["a", "b"]
    assert response.headers.getlist("set-cookie") == ["c=1", "d=2"]
    assert response.body == b'{"ok": true}'


def test_base64_response_body_is_decoded() -> None:
    response = to_response(
        {"statusCode": 200, "body": base64.b64encode(b"\x00\x01").decode(), "isBase64Encoded": True}
    )
    assert response.body == b"\x00\x01"
