"""What the list tests of several services share: a log of every Query a request made, and a
small read budget."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from alpaco.kernel import dynamo
from alpaco.kernel.config import reset_settings


class Reads:
    """Stands in for the DynamoDB client (the gateway runs in this process) and keeps every Query
    with DynamoDB's answer, so a test can count what each list request read."""

    def __init__(self, real: Any) -> None:
        self._real = real
        self.calls: list[tuple[dict[str, Any], dict[str, Any]]] = []

    def query(self, **request: Any) -> Any:
        response = self._real.query(**request)
        self.calls.append((dict(request), response))
        return response

    def __getattr__(self, name: str) -> Any:
        return getattr(self._real, name)

    def take(self) -> list[tuple[dict[str, Any], dict[str, Any]]]:
        calls, self.calls = self.calls, []
        return calls

    def scanned(self) -> int:
        """Items read since the last look, before any filter."""
        return sum(int(response["ScannedCount"]) for _, response in self.take())


@pytest.fixture
def reads(dynamodb_endpoint: str, monkeypatch: pytest.MonkeyPatch) -> Reads:
    log = Reads(dynamo.client())
    monkeypatch.setattr(dynamo, "client", lambda: log)
    return log


@pytest.fixture
def small_read_budget(dynamodb_endpoint: str) -> Iterator[int]:
    """Lists may read 5 items a request during the test, as `ALPACO_LIST_READ_BUDGET=5` would."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("ALPACO_LIST_READ_BUDGET", "5")
        reset_settings()
        yield 5
    reset_settings()
