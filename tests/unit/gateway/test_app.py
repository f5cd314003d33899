"""Gateway behaviour that needs no database: streaming routes, CORS, auth modes, body limits, and the
rules of dev sign-in."""

from __future__ import annotations

import sys
import types
from collections.abc import AsyncIterator, Iterator
from dataclasses import replace
from pathlib import Path

import jwt
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
    Route("GET", "/boom", "fake_stream"),
)
APP = "http://localhost:3000"
EVIL = "https://evil.example"
ADMIN = "root"


@pytest.fixture
def client(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[tuple[TestClient, DevIdentityProvider]]:
    async def stream(body: bytes, claims: Claims | None) -> AsyncIterator[sse.Event]:
        yield sse.Event({"token": "hello", "user": claims.user_id if claims else None})
        yield sse.Event("[DONE]")

    def handler(event: dict[str, object], context: object) -> dict[str, object]:
        if event["path"] == "/boom":
            raise RuntimeError("a bug in a service")
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
    settings = replace(
        get_settings(),
        max_body_bytes=64,
        cors_origins=frozenset({APP}),
        dev_admins=frozenset({ADMIN}),
    )
    app = create_app(settings, verifier, identity, ROUTES)
    with TestClient(app, raise_server_exceptions=False) as test_client:
        yield test_client, identity


def test_streaming_route_sends_sse_frames(client: tuple[TestClient, DevIdentityProvider]) -> None:
    http, identity = client
    token = identity.issue(DevUser("streamer", None, ()))
    response = http.post(
        "/stream",
        headers={"X-Custom-Auth-Token": f"Bearer {token}", "Origin": APP},
        content=b"{}",
    )
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/event-stream")
    assert response.headers["access-control-allow-origin"] == APP
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


def test_preflight_from_an_allowed_origin_grants_the_path_methods(
    client: tuple[TestClient, DevIdentityProvider],
) -> None:
    http, _ = client
    for path, methods in [("/stream", "OPTIONS,POST"), ("/auth/dev/token", "OPTIONS,POST")]:
        response = http.options(
            path, headers={"Origin": APP, "Access-Control-Request-Method": "POST"}
        )
        assert response.status_code == 204, path
        assert response.headers["access-control-allow-origin"] == APP
        assert response.headers["access-control-allow-methods"] == methods
        allowed = response.headers["access-control-allow-headers"].split(",")
        assert {"Authorization", "Content-Type", "X-Custom-Auth-Token"} <= set(allowed)
        assert int(response.headers["access-control-max-age"]) > 0
        assert response.headers["vary"] == "Origin"


def test_preflight_from_another_origin_is_granted_nothing(
    client: tuple[TestClient, DevIdentityProvider],
) -> None:
    http, _ = client
    response = http.options(
        "/stream", headers={"Origin": EVIL, "Access-Control-Request-Method": "POST"}
    )
    assert response.status_code == 204
    assert not [name for name in response.headers if name.startswith("access-control-")]
    assert response.headers["allow"] == "OPTIONS,POST"


@pytest.mark.parametrize(
    ("method", "path", "status"),
    [
        ("POST", "/stream", 401),
        ("GET", "/nowhere", 404),
        ("PUT", "/echo", 405),
        ("GET", "/boom", 500),
        ("GET", "/echo", 200),
    ],
)
def test_every_answer_names_an_allowed_origin_errors_included(
    client: tuple[TestClient, DevIdentityProvider], method: str, path: str, status: int
) -> None:
    http, _ = client
    allowed = http.request(method, path, headers={"Origin": APP})
    assert allowed.status_code == status
    assert allowed.headers["access-control-allow-origin"] == APP
    assert allowed.headers["vary"] == "Origin"
    if status >= 400:
        assert set(allowed.json()) == {"message", "code"}
    refused = http.request(method, path, headers={"Origin": EVIL})
    assert refused.status_code == status
    assert "access-control-allow-origin" not in refused.headers


def _sign_in(
    http: TestClient, body: object, headers: dict[str, str] | None = None
) -> tuple[int, dict[str, str]]:
    response = http.post("/auth/dev/token", json=body, headers=headers)
    return response.status_code, response.json()


def test_dev_sign_in_takes_json_only(client: tuple[TestClient, DevIdentityProvider]) -> None:
    http, _ = client
    response = http.post(
        "/auth/dev/token",
        content=b'{"username": "alice"}',
        headers={"Content-Type": "text/plain", "Origin": APP},
    )
    assert response.status_code == 415
    assert response.json() == {
        "message": "Dev sign-in takes Content-Type: application/json.",
        "code": "unsupported_media_type",
    }
    assert response.headers["access-control-allow-origin"] == APP
    assert http.post("/auth/dev/token", data={"username": "alice"}).status_code == 415
    status, body = _sign_in(
        http, {"username": "alice"}, {"Content-Type": "application/json; charset=utf-8"}
    )
    assert status == 200, body


@pytest.mark.parametrize(
    "headers",
    [
        {"Origin": EVIL},
        {"Origin": "null"},
        {"Origin": APP, "Sec-Fetch-Site": "cross-site"},
        {"Sec-Fetch-Site": "cross-site"},
    ],
)
def test_dev_sign_in_refuses_other_sites(
    client: tuple[TestClient, DevIdentityProvider], headers: dict[str, str]
) -> None:
    http, _ = client
    status, body = _sign_in(http, {"username": "alice"}, headers)
    assert status == 403
    assert body["code"] == "forbidden"


@pytest.mark.parametrize(
    "headers",
    [{}, {"Origin": APP, "Sec-Fetch-Site": "same-site"}, {"Sec-Fetch-Site": "same-origin"}],
)
def test_dev_sign_in_answers_allowed_pages_and_tools(
    client: tuple[TestClient, DevIdentityProvider], headers: dict[str, str]
) -> None:
    http, _ = client
    status, body = _sign_in(http, {"username": "alice"}, headers)
    assert status == 200, body


def test_dev_sign_in_grants_admins_only_to_listed_users(
    client: tuple[TestClient, DevIdentityProvider],
) -> None:
    http, _ = client
    status, body = _sign_in(http, {"username": "mallory", "groups": ["Admins"]})
    assert status == 403
    assert body["code"] == "forbidden"
    assert "Admins" in body["message"]
    status, body = _sign_in(http, {"username": ADMIN, "groups": ["Admins"]})
    assert status == 200
    claims = jwt.decode(body["idToken"], options={"verify_signature": False})
    assert claims["cognito:groups"] == ["Admins"]
    status, body = _sign_in(http, {"username": "mallory", "groups": ["Readers"]})
    assert status == 200
