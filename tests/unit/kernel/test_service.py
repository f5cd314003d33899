"""Handler contract: AWS-shaped REST proxy events in, proxy results in our error shape out."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Annotated, Any

import pytest
from aws_lambda_powertools.event_handler.openapi.params import Query
from pydantic import BaseModel, Field

from alpaco.kernel.config import reset_settings
from alpaco.kernel.dynamo_errors import Unavailable
from alpaco.kernel.http import Forbidden, TooManyRequests
from alpaco.kernel.request import caller, require_caller
from alpaco.kernel.schemas import Filter, PageQuery, View
from alpaco.kernel.service import Incoming, create_app, make_handler, route

EVENTS = Path(__file__).parent / "events"
SITE = "https://alpaco.example"


@pytest.fixture(autouse=True)
def site_is_the_allowed_origin(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("ALPACO_CORS_ORIGINS", SITE)
    reset_settings()
    yield
    monkeypatch.undo()
    reset_settings()


def _event(name: str, origin: str | None = SITE, **patch: Any) -> dict[str, Any]:
    """A recorded event, sent by a page on `origin`."""
    event: dict[str, Any] = json.loads((EVENTS / name).read_text())
    if origin is not None:
        event["headers"]["Origin"] = origin
    event.update(patch)
    return event


class Echo(BaseModel):
    title: str = Field(min_length=1)
    n: int


class DemoQuery(PageQuery):
    tag: Filter


app = create_app("contract-test")


@route(app, "GET", "/demo/{demoId}", ok=View)
def get_demo(
    demoId: str, query: Annotated[DemoQuery, Query()], request: Incoming
) -> dict[str, Any]:
    if demoId == "forbidden":
        raise Forbidden("not yours")
    if demoId == "busy":
        raise TooManyRequests("slow down", retry_after=17)
    if demoId == "full":
        raise TooManyRequests("none free")
    if demoId == "store-down":
        raise Unavailable("DynamoDB is unreachable: EndpointConnectionError")
    if demoId == "crash":
        raise RuntimeError("secret detail that must not leak")
    who = caller(request)
    return {
        "demoId": demoId,
        "user": who.user_id if who else None,
        "admin": who.is_admin if who else False,
        "name": who.display_name if who else None,
        "tag": query.tag,
        "pageSize": query.pageSize,
    }


@route(app, "POST", "/demo", ok=View)
def post_demo(body: Echo) -> dict[str, Any]:
    return {"body": body.model_dump()}


@route(app, "GET", "/demo/private/{demoId}", ok=View, auth="optional")
def private(demoId: str, request: Incoming) -> dict[str, Any]:
    return {"user": require_caller(request).user_id}


handler = make_handler(app)


def _call(event: dict[str, Any]) -> tuple[int, dict[str, Any], dict[str, Any]]:
    result = handler(event, None)
    headers = {k.lower(): v for k, v in (result.get("headers") or {}).items()}
    for k, values in (result.get("multiValueHeaders") or {}).items():
        headers[k.lower()] = values[-1]
    body = json.loads(result["body"]) if result.get("body") else {}
    return result["statusCode"], headers, body


def test_documented_get_event_reaches_the_route_with_claims() -> None:
    status, headers, body = _call(_event("rest_proxy_get.json"))
    assert status == 200
    assert body["demoId"] == "42"
    assert body["user"] == "7d9a1c52-0000-4000-8000-000000000001"
    assert body["admin"] is True
    assert body["name"] == "alpaca"
    assert body["tag"] == "dp"
    assert body["pageSize"] == 20
    assert headers["access-control-allow-origin"] == SITE


def test_base64_body_is_decoded() -> None:
    status, _, body = _call(_event("rest_proxy_post_base64.json"))
    assert status == 200
    assert body == {"body": {"title": "알파카", "n": 3}}


@pytest.mark.parametrize("raw", ["{oops", "[1, 2]", "", "null", '"text"'])
def test_malformed_or_non_object_json_is_400(raw: str) -> None:
    event = _event("rest_proxy_post_base64.json", body=raw, isBase64Encoded=False)
    status, headers, body = _call(event)
    assert status == 400
    assert body["code"] == "bad_request"
    assert headers["access-control-allow-origin"] == SITE


def test_validation_failure_is_400_in_our_shape() -> None:
    event = _event(
        "rest_proxy_post_base64.json",
        body=json.dumps({"title": "", "n": "many"}),
        isBase64Encoded=False,
    )
    status, _, body = _call(event)
    assert status == 400
    assert body["code"] == "bad_request"
    assert {tuple(d["loc"])[-1] for d in body["details"]} == {"title", "n"}


def test_api_error_keeps_its_status() -> None:
    event = _event(
        "rest_proxy_get.json", path="/demo/forbidden", pathParameters={"demoId": "forbidden"}
    )
    status, _, body = _call(event)
    assert (status, body["code"]) == (403, "forbidden")


def test_a_429_carries_retry_after_in_a_header_a_page_may_read() -> None:
    event = _event("rest_proxy_get.json", path="/demo/busy", pathParameters={"demoId": "busy"})
    status, headers, body = _call(event)
    assert status == 429
    assert body == {"message": "slow down", "code": "too_many_requests"}
    assert headers["retry-after"] == "17"
    assert headers["access-control-allow-origin"] == SITE
    assert "Retry-After" in headers["access-control-expose-headers"].split(",")


def test_a_429_without_a_known_wait_names_none() -> None:
    event = _event("rest_proxy_get.json", path="/demo/full", pathParameters={"demoId": "full"})
    status, headers, body = _call(event)
    assert (status, body["code"]) == (429, "too_many_requests")
    assert "retry-after" not in headers


def test_unexpected_error_is_500_without_details() -> None:
    event = _event("rest_proxy_get.json", path="/demo/crash", pathParameters={"demoId": "crash"})
    status, headers, body = _call(event)
    assert status == 500
    assert body == {"message": "Internal server error.", "code": "internal"}
    assert "secret" not in json.dumps(body)
    assert headers["access-control-allow-origin"] == SITE


def test_unknown_route_is_404_in_our_shape() -> None:
    status, _, body = _call(_event("rest_proxy_get.json", path="/nowhere", resource="/nowhere"))
    assert (status, body["code"]) == (404, "not_found")


def test_missing_claims_on_a_private_route_is_401() -> None:
    event = _event("rest_proxy_get.json", path="/demo/private/1", pathParameters={"demoId": "1"})
    event["requestContext"]["authorizer"] = None
    event["headers"].pop("Authorization", None)
    status, _, body = _call(event)
    assert (status, body["code"]) == (401, "unauthorized")


@pytest.mark.parametrize("size", ["0", "101", "-1", "ten", "1.5"])
def test_page_size_out_of_range_is_400(size: str) -> None:
    event = _event("rest_proxy_get.json")
    event["queryStringParameters"] = {"pageSize": size}
    status, _, body = _call(event)
    assert (status, body["code"]) == (400, "bad_request")


def test_preflight_from_the_allowed_origin_is_granted() -> None:
    status, headers, _ = _call(_event("rest_proxy_get.json", httpMethod="OPTIONS"))
    assert status == 204
    assert headers["access-control-allow-origin"] == SITE
    assert set(headers["access-control-allow-methods"].split(",")) >= {"GET", "PATCH", "DELETE"}
    assert "X-Custom-Auth-Token" in headers["access-control-allow-headers"].split(",")
    assert headers["access-control-max-age"]
    assert headers["vary"] == "Origin"


def test_preflight_from_another_origin_is_granted_nothing() -> None:
    event = _event("rest_proxy_get.json", origin="https://evil.example", httpMethod="OPTIONS")
    status, headers, _ = _call(event)
    assert status == 204
    assert not [name for name in headers if name.startswith("access-control-")]
    assert headers["vary"] == "Origin"


@pytest.mark.parametrize("origin", ["https://evil.example", None])
def test_answers_name_no_origin_but_a_listed_one(origin: str | None) -> None:
    status, headers, _ = _call(_event("rest_proxy_get.json", origin=origin))
    assert status == 200
    assert "access-control-allow-origin" not in headers
    assert headers["vary"] == "Origin"


@pytest.mark.parametrize(
    "content_type", ["application/x-www-form-urlencoded", "text/plain", "multipart/form-data"]
)
def test_a_body_that_is_not_json_is_415(content_type: str) -> None:
    """Forms are what a page on any site can send without asking; JSON needs a preflight."""
    event = _event("rest_proxy_post_base64.json", body="title=a&n=1", isBase64Encoded=False)
    event["headers"]["Content-Type"] = content_type
    status, headers, body = _call(event)
    assert (status, body["code"]) == (415, "unsupported_media_type")
    assert headers["access-control-allow-origin"] == SITE


def test_json_with_a_charset_is_read() -> None:
    event = _event("rest_proxy_post_base64.json")
    event["headers"]["Content-Type"] = "application/json; charset=utf-8"
    status, _, body = _call(event)
    assert (status, body) == (200, {"body": {"title": "알파카", "n": 3}})


def test_an_invalid_field_is_named_in_the_message_and_located_in_details() -> None:
    event = _event(
        "rest_proxy_post_base64.json", body=json.dumps({"title": "x"}), isBase64Encoded=False
    )
    status, _, body = _call(event)
    assert status == 400
    assert body["message"] == "Invalid request: body.n: Field required"
    assert body["details"] == [{"loc": ["body", "n"], "msg": "Field required"}]


def test_a_database_that_cannot_be_reached_is_503_with_retry_after() -> None:
    event = _event(
        "rest_proxy_get.json", path="/demo/store-down", pathParameters={"demoId": "store-down"}
    )
    status, headers, body = _call(event)
    assert (status, body["code"]) == (503, "unavailable")
    assert headers["retry-after"] == "2"
    assert "EndpointConnectionError" not in body["message"]
