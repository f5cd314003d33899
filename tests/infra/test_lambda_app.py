"""The app Lambda Web Adapter runs for a streaming service (alpaco.gateway.lambda_app): only that
service's streaming routes, each refusal before the stream in the platform's error body, and
CloudFront's SigV4 `Authorization` never mistaken for a student's token."""

from __future__ import annotations

import pytest
from starlette.testclient import TestClient

from alpaco.gateway.lambda_app import create_stream_app, streaming_routes
from alpaco.kernel.auth import KeySet, TokenVerifier
from alpaco.kernel.config import get_settings
from alpaco.routes import ROUTES, Route

MANIFEST = (
    Route("POST", "/generate", "generator", auth="required", streaming=True),
    Route("GET", "/problems", "problems", auth="optional"),
)
SIGV4 = (
    "AWS4-HMAC-SHA256 Credential=AKIA/20261205/ap-northeast-2/lambda/aws4_request, "
    "SignedHeaders=host;x-amz-date, Signature=00"
)


@pytest.fixture
def client() -> TestClient:
    verifier = TokenVerifier(
        issuer="https://issuer", audience="client", keys=KeySet(lambda: {"keys": []})
    )
    return TestClient(create_stream_app("generator", get_settings(), verifier, MANIFEST))


def test_serves_only_its_streaming_routes(client: TestClient) -> None:
    response = client.get("/problems")
    assert response.status_code == 404
    assert response.json()["code"] == "not_found"


def test_no_token_is_a_401_before_any_stream(client: TestClient) -> None:
    response = client.post("/generate", json={"prompt": "bfs"})
    assert response.status_code == 401
    assert response.headers["content-type"] == "application/json"


def test_cloudfronts_signature_is_no_token(client: TestClient) -> None:
    """Without X-Custom-Auth-Token the adapter leaves CloudFront's signature in Authorization."""
    response = client.post("/generate", json={}, headers={"Authorization": SIGV4})
    assert response.status_code == 401


def test_a_service_without_streaming_routes_is_refused() -> None:
    with pytest.raises(ValueError, match="no streaming route"):
        streaming_routes("problems", MANIFEST)


@pytest.mark.parametrize("route", [r for r in ROUTES if r.streaming], ids=lambda r: r.service)
def test_every_streaming_service_in_the_manifest_gets_an_app(route: Route) -> None:
    assert route in streaming_routes(route.service)
