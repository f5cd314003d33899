"""The gateway over real HTTP: health, dev sign-in and its rules, the Cognito-authorizer auth matrix,
CORS, limits."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import re
import time
from collections.abc import Callable
from typing import Any

import httpx
import jwt
import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

from alpaco.gateway.identity import DevIdentityProvider
from alpaco.kernel.tables import ALL_TABLES
from alpaco.routes import ROUTES

pytestmark = pytest.mark.integration

DEV_FRONTEND = "http://localhost:3000"
EVIL = "https://evil.example"


def test_health_reports_each_dependency(api: httpx.Client) -> None:
    response = api.get("/health")
    assert response.status_code == 200
    report = response.json()
    assert report["status"] in ("ok", "degraded")
    checks = report["checks"]
    assert checks["dynamodb"] == {"status": "ok", "tables": len(ALL_TABLES)}
    assert checks["sandbox"]["layers"]["rlimits"] is True
    assert checks["sandbox"]["status"] == ("degraded" if checks["sandbox"]["missing"] else "ok")
    assert checks["llm"] == {"status": "ok", "provider": "offline"}


def test_liveness_asks_nothing(api: httpx.Client) -> None:
    response = api.get("/health", params={"deep": "0"})
    assert (response.status_code, response.json()) == (200, {"status": "ok"})


def test_dev_token_answers_me_with_its_claims(api: httpx.Client) -> None:
    from alpaco.kernel.config import get_settings

    assert "alice" in get_settings().dev_admins  # the test gateway lists her as an admin
    issued = api.post(
        "/auth/dev/token", json={"username": "alice", "nickname": "Alice", "groups": ["Admins"]}
    )
    assert issued.status_code == 200
    body = issued.json()
    assert body["expiresIn"] == 3600
    me = api.get("/auth/me", headers={"Authorization": f"Bearer {body['idToken']}"})
    assert me.status_code == 200
    assert me.json()["username"] == "alice"
    assert me.json()["nickname"] == "Alice"
    assert me.json()["groups"] == ["Admins"]
    again = api.post("/auth/dev/token", json={"username": "alice"}).json()["idToken"]
    assert (
        api.get("/auth/me", headers={"Authorization": again}).json()["userId"]
        == me.json()["userId"]
    )


@pytest.mark.parametrize(
    "body",
    [
        {"username": ""},
        {"username": "   "},
        {"username": "x" * 65},
        {"username": "bad\nname"},
        {"username": "bell\x07"},
        {"username": 7},
        {"nickname": "no username"},
        {"username": "ok", "groups": "Admins"},
        [],
    ],
)
def test_dev_token_rejects_bad_usernames(api: httpx.Client, body: Any) -> None:
    response = api.post("/auth/dev/token", json=body)
    assert response.status_code == 400
    assert response.json()["code"] == "bad_request"
    assert response.headers["access-control-allow-origin"] == api.headers["origin"]


def test_dev_token_rejects_malformed_json(api: httpx.Client) -> None:
    response = api.post(
        "/auth/dev/token", content=b"{not json", headers={"Content-Type": "application/json"}
    )
    assert response.status_code == 400
    assert set(response.json()) >= {"message", "code"}


def _claims(dev_identity: DevIdentityProvider, **patch: Any) -> dict[str, Any]:
    now = int(time.time())
    claims: dict[str, Any] = {
        "sub": "11111111-2222-3333-4444-555555555555",
        "aud": dev_identity.audience,
        "iss": dev_identity.issuer,
        "token_use": "id",
        "iat": now,
        "exp": now + 600,
        "cognito:username": "eve",
    }
    claims.update(patch)
    return {k: v for k, v in claims.items() if v is not None}


def _b64(data: dict[str, Any]) -> str:
    return base64.urlsafe_b64encode(json.dumps(data).encode()).rstrip(b"=").decode()


def _unsigned(header: dict[str, Any], claims: dict[str, Any]) -> str:
    return f"{_b64(header)}.{_b64(claims)}."


def _bad_tokens(dev_identity: DevIdentityProvider) -> dict[str, str | None]:
    now = int(time.time())
    good = dev_identity.sign(_claims(dev_identity))
    head, body, signature = good.split(".")
    stranger = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    jwk = dev_identity.jwks()["keys"][0]
    public_pem = jwt.algorithms.RSAAlgorithm.from_jwk(json.dumps(jwk)).public_bytes(  # type: ignore[union-attr]
        encoding=serialization.Encoding.PEM,
        format=serialization.PublicFormat.SubjectPublicKeyInfo,
    )
    hs_header = _b64({"alg": "HS256", "typ": "JWT", "kid": dev_identity.kid})
    hs_body = _b64(_claims(dev_identity))
    hs_sig = (
        base64.urlsafe_b64encode(
            hmac.new(public_pem, f"{hs_header}.{hs_body}".encode(), hashlib.sha256).digest()
        )
        .rstrip(b"=")
        .decode()
    )
    return {
        "missing": None,
        "malformed": "not-a-jwt",
        "expired": dev_identity.sign(_claims(dev_identity, iat=now - 7200, exp=now - 3600)),
        "not yet valid": dev_identity.sign(_claims(dev_identity, nbf=now + 3600)),
        "issued in the future": dev_identity.sign(
            _claims(dev_identity, iat=now + 3600, exp=now + 7200)
        ),
        "wrong issuer": dev_identity.sign(_claims(dev_identity, iss="https://evil.example/pool")),
        "wrong audience": dev_identity.sign(_claims(dev_identity, aud="another-client")),
        "access token": dev_identity.sign(_claims(dev_identity, token_use="access")),
        "no token_use": dev_identity.sign(_claims(dev_identity, token_use=None)),
        "alg none": _unsigned(
            {"alg": "none", "typ": "JWT", "kid": dev_identity.kid}, _claims(dev_identity)
        ),
        "hs256 with the public key": f"{hs_header}.{hs_body}.{hs_sig}",
        "tampered signature": f"{head}.{body}.{signature[:-4]}{'AAAA' if not signature.endswith('AAAA') else 'BBBB'}",
        "tampered claims": f"{head}.{_b64(_claims(dev_identity, sub='someone-else'))}.{signature}",
        "unknown kid": jwt.encode(
            _claims(dev_identity), stranger, algorithm="RS256", headers={"kid": "rotated-away"}
        ),
        "foreign key, real kid": jwt.encode(
            _claims(dev_identity), stranger, algorithm="RS256", headers={"kid": dev_identity.kid}
        ),
    }


def test_auth_matrix_rejects_every_bad_token(
    api: httpx.Client, dev_identity: DevIdentityProvider
) -> None:
    accepted = api.get(
        "/auth/me", headers={"Authorization": f"Bearer {dev_identity.sign(_claims(dev_identity))}"}
    )
    assert accepted.status_code == 200
    for case, token in _bad_tokens(dev_identity).items():
        headers = {} if token is None else {"Authorization": f"Bearer {token}"}
        response = api.get("/auth/me", headers=headers)
        assert response.status_code == 401, case
        assert response.json()["code"] == "unauthorized", case
        assert response.headers["access-control-allow-origin"] == api.headers["origin"], case
        if token:
            assert token not in response.text, case


def test_required_auth_route_rejects_before_reaching_the_service(
    api: httpx.Client, dev_identity: DevIdentityProvider
) -> None:
    for case, token in _bad_tokens(dev_identity).items():
        headers = {} if token is None else {"Authorization": f"Bearer {token}"}
        response = api.post("/grade", json={"userCode": "x", "problemId": "1"}, headers=headers)
        assert response.status_code == 401, case
        assert response.json()["code"] == "unauthorized", case


def test_the_web_apps_sign_in_is_answered_as_a_browser_sends_it(gateway_url: str) -> None:
    response = httpx.post(
        f"{gateway_url}/auth/dev/token",
        content=json.dumps({"username": "web-user", "nickname": "Web"}),
        headers={
            "Origin": gateway_url,
            "Sec-Fetch-Site": "same-origin",
            "Content-Type": "application/json",
        },
    )
    assert response.status_code == 200
    assert response.json()["idToken"].count(".") == 2


def test_dev_token_refuses_text_plain(api: httpx.Client) -> None:
    response = api.post(
        "/auth/dev/token",
        content=json.dumps({"username": "mallory", "groups": ["Admins"]}),
        headers={"Content-Type": "text/plain"},
    )
    assert response.status_code == 415
    assert response.json()["code"] == "unsupported_media_type"
    assert set(response.json()) == {"message", "code"}


@pytest.mark.parametrize(
    "headers",
    [{"Origin": EVIL}, {"Origin": DEV_FRONTEND, "Sec-Fetch-Site": "cross-site"}],
)
def test_dev_token_refuses_other_sites(api: httpx.Client, headers: dict[str, str]) -> None:
    response = api.post("/auth/dev/token", json={"username": "mallory"}, headers=headers)
    assert response.status_code == 403
    assert response.json()["code"] == "forbidden"
    assert "idToken" not in response.text


def test_dev_token_grants_admins_only_to_listed_usernames(api: httpx.Client) -> None:
    refused = api.post("/auth/dev/token", json={"username": "mallory", "groups": ["Admins"]})
    assert refused.status_code == 403
    assert refused.json()["code"] == "forbidden"
    assert "Admins" in refused.json()["message"]
    granted = api.post("/auth/dev/token", json={"username": "alice", "groups": ["Admins"]})
    assert granted.status_code == 200
    me = api.get("/auth/me", headers={"Authorization": f"Bearer {granted.json()['idToken']}"})
    assert me.json()["groups"] == ["Admins"]


PREFLIGHTS = [(route.method, re.sub(r"\{\w+\}", "x", route.path)) for route in ROUTES] + [
    ("POST", "/auth/dev/token"),
    ("GET", "/auth/me"),
]


@pytest.mark.parametrize(("method", "path"), PREFLIGHTS)
def test_preflight_from_an_allowed_origin_is_granted(
    api: httpx.Client, method: str, path: str
) -> None:
    response = api.options(
        path,
        headers={
            "Origin": DEV_FRONTEND,
            "Access-Control-Request-Method": method,
            "Access-Control-Request-Headers": "authorization,content-type",
        },
    )
    assert response.status_code == 204
    assert response.headers["access-control-allow-origin"] == DEV_FRONTEND
    assert method in response.headers["access-control-allow-methods"].split(",")
    allowed = response.headers["access-control-allow-headers"].split(",")
    assert {"Authorization", "Content-Type", "X-Custom-Auth-Token"} <= set(allowed)
    assert int(response.headers["access-control-max-age"]) > 0
    assert response.headers["vary"] == "Origin"


@pytest.mark.parametrize(
    ("method", "path"), [("POST", "/auth/dev/token"), ("POST", "/grade"), ("PATCH", "/community/x")]
)
def test_preflight_from_another_origin_is_granted_nothing(
    api: httpx.Client, method: str, path: str
) -> None:
    response = api.options(path, headers={"Origin": EVIL, "Access-Control-Request-Method": method})
    assert response.status_code == 204
    assert not [name for name in response.headers if name.startswith("access-control-")]


@pytest.mark.parametrize(
    ("method", "path", "status"),
    [
        ("GET", "/problems?pageSize=0", 400),
        ("GET", "/auth/me", 401),
        ("GET", "/community/no-such-post", 404),
        ("PUT", "/problems", 405),
        ("GET", "/health", 200),
    ],
)
def test_every_answer_names_an_allowed_origin_errors_included(
    api: httpx.Client, method: str, path: str, status: int
) -> None:
    allowed = api.request(method, path, headers={"Origin": DEV_FRONTEND})
    assert allowed.status_code == status
    assert allowed.headers["access-control-allow-origin"] == DEV_FRONTEND
    assert allowed.headers["vary"] == "Origin"
    refused = api.request(method, path, headers={"Origin": EVIL})
    assert refused.status_code == status
    assert "access-control-allow-origin" not in refused.headers


def test_unknown_route_is_404_in_the_error_shape(api: httpx.Client) -> None:
    response = api.get("/no/such/route")
    assert response.status_code == 404
    assert response.json()["code"] == "not_found"
    assert response.headers["access-control-allow-origin"] == api.headers["origin"]


def test_wrong_method_is_405_in_the_error_shape(api: httpx.Client) -> None:
    response = api.put("/problems")
    assert response.status_code == 405
    assert set(response.json()) >= {"message", "code"}


def test_oversized_body_is_413(
    api: httpx.Client, auth_headers: Callable[..., dict[str, str]]
) -> None:
    from alpaco.kernel.config import get_settings

    limit = get_settings().max_body_bytes
    response = api.post(
        "/grade",
        content=b"{" + b" " * limit + b"}",
        headers={**auth_headers("big"), "Content-Type": "application/json"},
    )
    assert response.status_code == 413
    assert response.json()["code"] == "payload_too_large"


def test_the_api_document_and_its_page_are_served(api: httpx.Client) -> None:
    document = api.get("/openapi.json")
    assert document.status_code == 200
    assert document.headers["content-type"].startswith("application/json")
    assert "/grade" in document.json()["paths"]
    page = api.get("/docs")
    assert page.status_code == 200
    assert page.headers["content-type"].startswith("text/html")
    assert "SwaggerUIBundle" in page.text
    assert api.get("/docs", params={"format": "json"}).json() == document.json()


@pytest.mark.parametrize("method", ["TRACE", "QUERY", "PUT"])
def test_any_other_method_is_405_naming_the_allowed_ones(api: httpx.Client, method: str) -> None:
    response = api.request(method, "/community/some-post")
    assert response.status_code == 405
    assert {"GET", "PATCH", "DELETE"} <= set(response.headers["allow"].replace(" ", "").split(","))
    assert response.json()["code"] == "method_not_allowed"


def test_a_body_that_is_not_utf8_is_400_not_500(api: httpx.Client, auth_headers) -> None:
    response = api.post(
        "/community",
        content=b'{"title": "\x80\xff", "content": "x"}',
        headers={**auth_headers("bytes-sender"), "Content-Type": "application/json"},
    )
    assert response.status_code == 400
    assert response.json()["code"] == "bad_request"
