"""Transactions, retries and batch deletes: conflicts are retried with backoff up to the bound and then
become Contended, everything else surfaces at once; batches hold 25 and unprocessed items are resent."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from typing import Any

import pytest
from botocore.exceptions import ClientError

from alpaco.kernel import dynamo, dynamo_writes
from alpaco.kernel.dynamo_errors import (
    CancellationReason,
    ConditionFailed,
    Contended,
    TransactionCancelled,
    TransactionConflict,
)
from alpaco.kernel.dynamo_writes import ATTEMPTS, batches, delete_keys, retrying, transact
from alpaco.kernel.tables import COMMUNITY


def _cancelled(*codes: str) -> TransactionCancelled:
    return TransactionCancelled("cancelled", tuple(CancellationReason(code) for code in codes))


class _Flaky:
    def __init__(self, failures: list[Exception]) -> None:
        self.failures = failures
        self.calls = 0

    def __call__(self) -> str:
        self.calls += 1
        if self.failures:
            raise self.failures.pop(0)
        return "done"


@pytest.fixture
def backoffs(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The attempts after which a helper backed off, without the sleeping."""
    attempts: list[int] = []
    monkeypatch.setattr(dynamo_writes, "backoff", attempts.append)
    return attempts


@pytest.mark.parametrize(
    "conflict",
    [
        TransactionConflict("busy"),
        _cancelled("None", "TransactionConflict"),
        _cancelled("ThrottlingError", "None"),
        _cancelled("ProvisionedThroughputExceeded"),
    ],
)
def test_conflicts_are_retried_until_the_write_goes_through(
    backoffs: list[int], conflict: Exception
) -> None:
    flaky = _Flaky([conflict, conflict])
    assert retrying(flaky) == "done"
    assert flaky.calls == 3
    assert backoffs == [0, 1]


def test_endless_conflict_stops_at_the_bound_as_contended(backoffs: list[int]) -> None:
    conflict = _cancelled("TransactionConflict", "None")
    flaky = _Flaky([conflict] * 50)
    with pytest.raises(Contended) as caught:
        retrying(flaky)
    assert flaky.calls == ATTEMPTS
    assert backoffs == list(range(ATTEMPTS - 1))
    assert caught.value.__cause__ is conflict


@pytest.mark.parametrize(
    "error",
    [
        _cancelled("ConditionalCheckFailed", "TransactionConflict"),
        _cancelled("None", "ValidationError"),
        ConditionFailed("no"),
        ClientError({"Error": {"Code": "ValidationException", "Message": "bad"}}, "PutItem"),
    ],
)
def test_condition_failures_and_other_errors_are_not_retried(
    backoffs: list[int], error: Exception
) -> None:
    flaky = _Flaky([error])
    with pytest.raises(type(error)) as caught:
        retrying(flaky)
    assert caught.value is error
    assert flaky.calls == 1
    assert backoffs == []


def _key() -> dict[str, Any]:
    return {"PK": {"S": f"writes-{uuid.uuid4()}"}, "SK": {"S": "POST"}}


def test_a_transaction_writes_all_or_nothing(dynamodb_endpoint: str) -> None:
    first, second, third = _key(), _key(), _key()
    absent = "attribute_not_exists(PK)"
    transact(COMMUNITY.name, {"Put": {"Item": first}}, {"Put": {"Item": second}})

    with pytest.raises(TransactionCancelled) as caught:
        transact(
            COMMUNITY.name,
            {"Put": {"Item": third, "ConditionExpression": absent}},
            {"Put": {"Item": first, "ConditionExpression": absent}},
        )

    assert [reason.code for reason in caught.value.reasons] == ["None", "ConditionalCheckFailed"]
    transact(
        COMMUNITY.name,
        {"Put": {"Item": third, "ConditionExpression": absent}},
        {"ConditionCheck": {"Key": second, "ConditionExpression": "attribute_exists(PK)"}},
    )


def test_batches_hold_25_and_are_taken_lazily() -> None:
    taken: list[int] = []

    def numbers() -> Iterator[int]:
        for number in range(60):
            taken.append(number)
            yield number

    chunks = batches(numbers())
    assert next(chunks) == list(range(25))
    assert len(taken) == 25
    assert [len(chunk) for chunk in chunks] == [25, 10]
    assert list(batches([])) == []


class _Unprocessing:
    """The real client, except that its BatchWriteItem leaves requests unprocessed: the last
    `rounds[i]` of them on its i-th call, none once the rounds run out."""

    def __init__(self, real: Any, rounds: list[int]) -> None:
        self.real = real
        self.rounds = rounds
        self.sent: list[int] = []

    def batch_write_item(self, RequestItems: dict[str, list[Any]]) -> dict[str, Any]:
        ((table, requests),) = RequestItems.items()
        self.sent.append(len(requests))
        done = len(requests) - (self.rounds.pop(0) if self.rounds else 0)
        if done:
            self.real.batch_write_item(RequestItems={table: requests[:done]})
        return {"UnprocessedItems": {table: requests[done:]} if requests[done:] else {}}


def _stored(count: int) -> list[dict[str, Any]]:
    post = f"writes-{uuid.uuid4()}"
    keys = [{"PK": {"S": post}, "SK": {"S": f"C#{i:02}"}} for i in range(count)]
    dynamo.client().batch_write_item(
        RequestItems={COMMUNITY.name: [{"PutRequest": {"Item": key}} for key in keys]}
    )
    return keys


def test_a_batch_delete_resends_unprocessed_keys_until_none_are_left(
    dynamodb_endpoint: str, monkeypatch: pytest.MonkeyPatch, backoffs: list[int]
) -> None:
    keys = _stored(25)
    real = dynamo.client()
    stand_in = _Unprocessing(real, rounds=[10, 3])
    monkeypatch.setattr(dynamo, "client", lambda: stand_in)

    delete_keys(COMMUNITY.name, keys)

    assert stand_in.sent == [25, 10, 3]
    assert backoffs == [0, 1]
    left = [real.get_item(TableName=COMMUNITY.name, Key=key).get("Item") for key in keys]
    assert left == [None] * 25


def test_a_batch_delete_that_never_gets_through_stops_at_the_bound_as_contended(
    monkeypatch: pytest.MonkeyPatch, backoffs: list[int]
) -> None:
    stand_in = _Unprocessing(None, rounds=[3] * 50)
    monkeypatch.setattr(dynamo, "client", lambda: stand_in)
    keys = [{"PK": {"S": "p"}, "SK": {"S": str(i)}} for i in range(3)]

    with pytest.raises(Contended):
        delete_keys(COMMUNITY.name, keys)

    assert stand_in.sent == [3] * ATTEMPTS
