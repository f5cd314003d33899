"""Gateway behaviour that needs no database: streaming routes, preflight, auth modes, body limits."""

from __future__ import annotations

import sys
import types
from collections.abc import AsyncIterator, Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from alpaco.gateway.app import create_app
from alpaco.gateway.identity import DevIdentityProvider, DevUser
from alpaco.kernel import sse
from alpaco.kernel.auth import Claims, KeySet, TokenVerifier
from alpaco.kernel.config import get_settings
from alpaco.routes import Route

ROUTES = (
    Route("POST", "/stream", "fake_stream", auth="required", streaming=True),
    Route("GET", "/echo", "fake_stream", auth="optional"),
)


@pytest.fixture
def client(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[tuple[TestClient, DevIdentityProvider]]:
    async def stream(body: bytes, claims: Claims | None) -> AsyncIterator[sse.Event]:
        yield sse.Event({"token": "hello", "user": claims.user_id if claims else None})
        yield sse.Event("[DONE]")

    def handler(event: dict[str, object], context: object) -> dict[str, object]:
        authorizer = event["requestContext"]["authorizer"]  # type: ignore[index]
        return {
            "statusCode": 200,
            "headers": {"X-Sub": str(authorizer.get("claims", {}).get("sub"))},
            "body": "",
        }  # type: ignore[union-attr]

    module = types.ModuleType("alpaco.services.fake_stream.handler")
    module.stream = stream  # type: ignore[attr-defined]
    module.handler = handler  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "alpaco.services.fake_stream.handler", module)
    identity = DevIdentityProvider(
        tmp_path / "k.pem", issuer="http://test/auth/dev", audience="aud"
    )
    verifier = TokenVerifier(issuer=identity.issuer, audience="aud", keys=KeySet(identity.jwks))
    settings = replace(get_settings(), max_body_bytes=64)
    with TestClient(create_app(settings, verifier, identity, ROUTES)) as test_client:
        yield test_client, identity


def test_streaming_route_sends_sse_frames(client: tuple[TestClient, DevIdentityProvider]) -> None:
    http, identity = client
    token = identity.issue(DevUser("streamer", None, ()))
    response = http.post(
        "/stream", headers={"X-Custom-Auth-Token": f"Bearer {token}"}, content=b"{}"
    )
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/event-stream")
    assert response.headers["access-control-allow-origin"] == "*"
    frames = [f for f in response.text.split("\n\n") if f]
    assert frames[0].startswith('data: {"token": "hello", "user": "')
    assert frames[-1] == "data: [DONE]"


def test_streaming_route_requires_a_token(client: tuple[TestClient, DevIdentityProvider]) -> None:
    http, _ = client
    response = http.post("/stream", content=b"{}")
    assert response.status_code == 401
    assert response.json()["code"] == "unauthorized"


def test_optional_auth_passes_claims_only_when_sent(
    client: tuple[TestClient, DevIdentityProvider],
) -> None:
    http, identity = client
    assert http.get("/echo").headers["x-sub"] == "None"
    token = identity.issue(DevUser("opt", None, ()))
    assert (
        http.get("/echo", headers={"Authorization": f"Bearer {token}"}).headers["x-sub"] != "None"
    )
    assert http.get("/echo", headers={"Authorization": "Bearer junk"}).status_code == 401


def test_body_limit_applies_without_content_length(
    client: tuple[TestClient, DevIdentityProvider],
) -> None:
    http, identity = client
    token = identity.issue(DevUser("big", None, ()))

    def chunks() -> Iterator[bytes]:
        for _ in range(10):
            yield b"x" * 10

    response = http.post("/stream", headers={"Authorization": f"Bearer {token}"}, content=chunks())
    assert response.status_code == 413


def test_preflight_lists_the_path_methods(client: tuple[TestClient, DevIdentityProvider]) -> None:
    http, _ = client
    response = http.options("/stream")
    assert response.status_code == 204
    assert response.headers["access-control-allow-methods"] == "OPTIONS,POST"
