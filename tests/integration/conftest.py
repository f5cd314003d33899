"""Rate limits lowered for one test, and what every refusal past one must look like."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import httpx
import pytest

from alpaco.kernel.config import reset_settings

# Windows start at multiples of their length since the epoch; this one runs from 2001 to 2033, so no
# window boundary can fall between a test's requests and give it a fresh budget halfway.
WINDOW_SECONDS = 1_000_000_000


@dataclass(frozen=True)
class RateLimits:
    """The gateway runs in this process, so settings changed here reach its handlers."""

    patch: pytest.MonkeyPatch

    def lower(self, **limits: int) -> None:
        """`lower(posts=2)`: that budget per user for the rest of the test."""
        self.patch.setenv("ALPACO_RATE_LIMIT_WINDOW_SECONDS", str(WINDOW_SECONDS))
        for action, limit in limits.items():
            self.patch.setenv(f"ALPACO_RATE_LIMIT_{action.upper()}", str(limit))
        reset_settings()

    @staticmethod
    def assert_refused(response: httpx.Response, action: str) -> None:
        """A 429 in the one error shape, with a Retry-After that a page on an allowed origin
        may read."""
        assert response.status_code == 429, response.text
        body = response.json()
        assert set(body) == {"message", "code"}
        assert body["code"] == "too_many_requests"
        assert f"Too many {action}" in body["message"]
        assert 0 < int(response.headers["Retry-After"]) <= WINDOW_SECONDS
        assert response.headers["Access-Control-Allow-Origin"] == response.request.headers["Origin"]
        assert "Retry-After" in response.headers["Access-Control-Expose-Headers"].split(",")


@pytest.fixture
def rate_limits(gateway_url: str) -> Iterator[RateLimits]:
    with pytest.MonkeyPatch.context() as patch:
        yield RateLimits(patch)
    reset_settings()
