"""Retries: conflicts are retried with backoff, everything else surfaces at once."""

from __future__ import annotations

import pytest
from botocore.exceptions import ClientError

from alpaco.services.community import _writes
from alpaco.services.community.domain import Contended


def _error(code: str, reasons: list[str] | None = None) -> ClientError:
    response: dict = {"Error": {"Code": code, "Message": code}}
    if reasons is not None:
        response["CancellationReasons"] = [{"Code": r} for r in reasons]
    return ClientError(response, "TransactWriteItems")


class _Flaky:
    def __init__(self, failures: list[ClientError]) -> None:
        self.failures = failures
        self.calls = 0

    def __call__(self) -> str:
        self.calls += 1
        if self.failures:
            raise self.failures.pop(0)
        return "done"


@pytest.fixture
def no_backoff(monkeypatch):
    monkeypatch.setattr(_writes, "backoff", lambda attempt: None)


@pytest.mark.usefixtures("no_backoff")
def test_conflicts_are_retried_until_the_write_goes_through():
    flaky = _Flaky(
        [
            _error("TransactionCanceledException", ["None", "TransactionConflict"]),
            _error("TransactionConflictException"),
        ]
    )
    assert _writes.retrying(flaky) == "done"
    assert flaky.calls == 3


@pytest.mark.usefixtures("no_backoff")
def test_endless_conflict_becomes_contended():
    conflict = _error("TransactionCanceledException", ["TransactionConflict", "None"])
    flaky = _Flaky([conflict] * 50)
    with pytest.raises(Contended):
        _writes.retrying(flaky)
    assert flaky.calls == _writes.ATTEMPTS


@pytest.mark.usefixtures("no_backoff")
@pytest.mark.parametrize(
    "error",
    [
        _error("TransactionCanceledException", ["ConditionalCheckFailed", "TransactionConflict"]),
        _error("ConditionalCheckFailedException"),
        _error("ValidationException"),
    ],
)
def test_condition_failures_and_other_errors_are_not_retried(error):
    flaky = _Flaky([error])
    with pytest.raises(ClientError):
        _writes.retrying(flaky)
    assert flaky.calls == 1
