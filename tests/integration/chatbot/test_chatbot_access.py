"""Who may ask: a token in `Authorization` or `X-Custom-Auth-Token` (the original client sends
both), 401 as JSON without one; and how much: the daily quota's 429, before any stream."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from typing import Any

import httpx
import pytest

from alpaco.kernel.config import reset_settings

pytestmark = pytest.mark.integration


@pytest.fixture
def token(token_for: Callable[..., str]) -> str:
    return token_for(f"auth-{uuid.uuid4().hex[:8]}")


@pytest.mark.parametrize(
    "names",
    [("Authorization",), ("X-Custom-Auth-Token",), ("Authorization", "X-Custom-Auth-Token")],
)
def test_either_header_carries_the_token(
    chat: Callable[..., httpx.Response], token: str, names: tuple[str, ...]
) -> None:
    headers = dict.fromkeys(names, f"Bearer {token}")
    headers["x-amz-content-sha256"] = "0" * 64  # sent by the original client; ignored
    response = chat("hint?", headers=headers)
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/event-stream")
    assert response.text.endswith("data: [DONE]\n\n")


@pytest.mark.parametrize(
    "headers",
    [
        {},
        {"X-Custom-Auth-Token": "Bearer junk"},
        {"Authorization": "Bearer"},
        {"X-Custom-Auth-Token": "Basic x"},
    ],
)
def test_without_a_valid_token_it_is_401_json(
    api: httpx.Client, chat: Callable[..., httpx.Response], headers: dict[str, str]
) -> None:
    response = chat("hint?", headers=headers)
    assert response.status_code == 401
    assert response.headers["content-type"] == "application/json"
    assert response.json()["code"] == "unauthorized"
    assert response.headers["access-control-allow-origin"] == api.headers["origin"]


@pytest.fixture
def two_a_day(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The gateway runs in this process and reads the setting per request."""
    monkeypatch.setenv("ALPACO_CHAT_MESSAGES_PER_DAY", "2")
    reset_settings()
    yield
    monkeypatch.undo()
    reset_settings()


def test_past_the_daily_quota_it_is_429_with_retry_after(
    api: httpx.Client, chat: Callable[..., httpx.Response], two_a_day: Any
) -> None:
    user = f"quota-{uuid.uuid4().hex[:8]}"
    assert [chat("hint?", user=user).status_code for _ in range(2)] == [200, 200]
    refused = chat("hint?", user=user)
    assert refused.status_code == 429
    assert refused.json()["code"] == "too_many_requests"
    assert 0 < int(refused.headers["retry-after"]) <= 86_400
    assert "Retry-After" in refused.headers["access-control-expose-headers"].split(",")
    assert chat("hint?", user=f"{user}-other").status_code == 200


def test_bounds_and_unknown_problems_refuse_before_the_stream(
    api: httpx.Client, auth_headers: Callable[..., dict[str, str]]
) -> None:
    headers = auth_headers(f"bounds-{uuid.uuid4().hex[:8]}")
    too_long = api.post(
        "/chatbot", json={"newMessage": "x" * 4_001, "problemDetails": {"id": "p"}}, headers=headers
    )
    assert too_long.status_code == 400
    assert too_long.json()["details"][0]["loc"] == ["body", "newMessage"]
    unknown = api.post(
        "/chatbot", json={"newMessage": "hi", "problemDetails": {"id": "nope"}}, headers=headers
    )
    assert (unknown.status_code, unknown.json()["code"]) == (404, "not_found")
