"""How the repository writes: transactions whose cancellations keep their reasons, retries for the
conflicts DynamoDB reports instead of queueing, and batch deletes that finish their unprocessed items.

Only `repository.py` imports this module; it is the part of that edge that knows no community rule.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from typing import Any, TypeVar

from botocore.exceptions import ClientError

from alpaco.kernel import dynamo
from alpaco.services.community.domain import Contended

ATTEMPTS = 10
_TRANSIENT = {"TransactionConflict", "ThrottlingError", "ProvisionedThroughputExceeded"}

T = TypeVar("T")


class Cancelled(Exception):
    """A transaction refused by a condition; nothing of it was written."""

    def __init__(self, reasons: list[dict[str, Any]]) -> None:
        super().__init__("transaction cancelled")
        self.reasons = reasons

    def failed(self, index: int) -> bool:
        return self.reasons[index].get("Code") == "ConditionalCheckFailed"

    def item(self, index: int) -> dict[str, Any] | None:
        """The item as it was when its condition failed (asked for with ReturnValuesOnConditionCheckFailure)."""
        found = self.reasons[index].get("Item")
        return dynamo.from_item(found) if found else None


def transact(table: str, *operations: dict[str, Any]) -> None:
    """One TransactWriteItems over `table`; a cancellation by a condition raises Cancelled."""
    items = [{kind: {"TableName": table, **spec} for kind, spec in op.items()} for op in operations]
    try:
        retrying(lambda: dynamo.client().transact_write_items(TransactItems=items))
    except ClientError as exc:
        reasons = [dict(r) for r in exc.response.get("CancellationReasons") or []]
        if exc.response.get("Error", {}).get("Code") == "TransactionCanceledException" and reasons:
            raise Cancelled(reasons) from exc
        raise


def retrying(call: Callable[[], T]) -> T:
    """Writes to an item inside another transaction conflict rather than queue, and botocore does not
    retry that: back off with full jitter and try again, then give up as Contended."""
    for attempt in range(ATTEMPTS):
        try:
            return call()
        except ClientError as exc:
            if not is_conflict(exc):
                raise
            if attempt == ATTEMPTS - 1:
                raise Contended from exc
            backoff(attempt)
    raise Contended


def is_conflict(exc: ClientError) -> bool:
    code = exc.response.get("Error", {}).get("Code")
    if code == "TransactionConflictException":
        return True
    codes = {r.get("Code") for r in exc.response.get("CancellationReasons") or []}
    return (
        code == "TransactionCanceledException"
        and bool(codes & _TRANSIENT)
        and "ConditionalCheckFailed" not in codes
    )


def backoff(attempt: int) -> None:
    time.sleep(random.uniform(0, min(0.5, 0.01 * 2**attempt)))


def delete_keys(table: str, keys: list[dict[str, Any]]) -> None:
    """At most 25 keys, as BatchWriteItem allows; unprocessed ones are sent again until none are left."""
    pending: list[dict[str, Any]] = [{"DeleteRequest": {"Key": key}} for key in keys]
    for attempt in range(ATTEMPTS):
        response = dynamo.client().batch_write_item(RequestItems={table: pending})
        pending = (response.get("UnprocessedItems") or {}).get(table, [])
        if not pending:
            return
        backoff(attempt)
    raise Contended
