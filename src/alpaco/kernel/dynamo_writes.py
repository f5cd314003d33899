"""Multi-item writes: transactions, retries for the conflicts DynamoDB reports instead of queueing, and
batch deletes that finish their unprocessed items. Each gives up as `Contended` after `ATTEMPTS`, so a
hot item costs a caller a bounded wait and an answer it can retry, never an endless loop.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable, Iterable, Iterator
from typing import Any, Final, TypeVar

from alpaco.kernel import dynamo
from alpaco.kernel.dynamo_errors import (
    CONDITION_FAILED,
    Contended,
    TransactionCancelled,
    TransactionConflict,
)

ATTEMPTS: Final = 10
# The most requests BatchWriteItem takes at once.
BATCH_WRITE_MAX: Final = 25
_TRANSIENT: Final = frozenset(
    {"TransactionConflict", "ThrottlingError", "ProvisionedThroughputExceeded"}
)

T = TypeVar("T")


def transact(table: str, *operations: dict[str, Any]) -> None:
    """One TransactWriteItems over `table`; a cancellation by a condition raises
    TransactionCancelled, whose reasons follow the order of `operations`."""
    transact_items(
        *({kind: {"TableName": table, **spec} for kind, spec in op.items()} for op in operations)
    )


def transact_items(*items: dict[str, Any]) -> None:
    """`transact` for items that name their own tables, so that one write can span two."""
    retrying(lambda: dynamo.client().transact_write_items(TransactItems=list(items)))


def retrying(call: Callable[[], T]) -> T:
    """Writes to an item inside another transaction conflict rather than queue, and botocore does not
    retry that: back off with full jitter and try again, then give up as Contended."""
    for attempt in range(ATTEMPTS):
        try:
            return call()
        except (TransactionConflict, TransactionCancelled) as exc:
            if not _conflicted(exc):
                raise
            if attempt == ATTEMPTS - 1:
                raise Contended from exc
            backoff(attempt)
    raise Contended


def _conflicted(exc: TransactionConflict | TransactionCancelled) -> bool:
    """A cancellation in which a condition failed would fail again; only pure contention is retried."""
    if isinstance(exc, TransactionConflict):
        return True
    return bool(exc.codes & _TRANSIENT) and CONDITION_FAILED not in exc.codes


def backoff(attempt: int) -> None:
    time.sleep(random.uniform(0, min(0.5, 0.01 * 2**attempt)))


def batches(items: Iterable[T], size: int = BATCH_WRITE_MAX) -> Iterator[list[T]]:
    """Lazily, so a sweep over a large partition deletes as it reads instead of holding every key."""
    batch: list[T] = []
    for item in items:
        batch.append(item)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def delete_keys(table: str, keys: list[dict[str, Any]]) -> None:
    """At most BATCH_WRITE_MAX keys; unprocessed ones are sent again until none are left."""
    pending: list[dict[str, Any]] = [{"DeleteRequest": {"Key": key}} for key in keys]
    for attempt in range(ATTEMPTS):
        response = dynamo.client().batch_write_item(RequestItems={table: pending})
        pending = (response.get("UnprocessedItems") or {}).get(table, [])
        if not pending:
            return
        backoff(attempt)
    raise Contended
