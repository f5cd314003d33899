"""A stand-in for the per-user rate limiter, so handler tests need no DynamoDB (importlib mode lets
test files import nothing from here)."""

from __future__ import annotations

import pytest

from alpaco.kernel.config import Rate
from alpaco.kernel.http import TooManyRequests


class Budgets:
    """Records each request's ask, as (action, user id); refuses once `left` asks have passed."""

    def __init__(self) -> None:
        self.asked: list[tuple[str, str]] = []
        self.left: int | None = None

    def spend(self, rate: Rate, user_id: str) -> None:
        self.asked.append((rate.action, user_id))
        if self.left is not None and len(self.asked) > self.left:
            raise TooManyRequests(f"Too many {rate.action}.", retry_after=42)


@pytest.fixture
def budgets() -> Budgets:
    return Budgets()
