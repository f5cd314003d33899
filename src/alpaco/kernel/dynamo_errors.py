"""DynamoDB's refusals that repositories act on, as our own exceptions, translated in one place.

    ConditionFailed        a ConditionExpression was false; nothing was written
    TransactionCancelled   a transaction was refused whole; `reasons` says why, operation by operation
    TransactionConflict    a single-item request met an item that a transaction holds
    Rejected               the request cannot succeed as written (ValidationException), e.g. an
                           ADD to an attribute that is not a number
    Unavailable            DynamoDB could not be reached, timed out or kept throttling, after
                           botocore's retries; the request may or may not have been applied
    Contended              others kept winning until our retries ran out (ours, not DynamoDB's)

`Client` wraps the boto3 client that `kernel.dynamo.client()` hands out: each operation raises the
first three in place of botocore's `ClientError`, from it, so no repository tests an error code; any
other `ClientError` passes through unchanged. Their items are as DynamoDB sent them (attribute values
such as `{"S": "..."}`); `kernel.dynamo.from_item` turns one into plain values.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from botocore.exceptions import ClientError, HTTPClientError
from botocore.exceptions import ConnectionError as BotoConnectionError

CONDITION_FAILED = "ConditionalCheckFailed"
# Refusals that say "later" rather than "no": what is left of them once botocore stops retrying.
_LATER = frozenset(
    {
        "ProvisionedThroughputExceededException",
        "RequestLimitExceeded",
        "ThrottlingException",
        "InternalServerError",
        "InternalFailure",  # DynamoDB Local's answer when it cannot write, e.g. a full disk
        "ServiceUnavailable",
    }
)


class ConditionFailed(Exception):
    """`item` is the stored item when the request asked for it with
    ReturnValuesOnConditionCheckFailure, so a caller can tell "missing" from "not yours"."""

    def __init__(self, message: str, item: dict[str, Any] | None = None) -> None:
        super().__init__(message)
        self.item = item


@dataclass(frozen=True)
class CancellationReason:
    """Why one operation of a cancelled transaction failed; "None" for those that did not."""

    code: str
    message: str | None = None
    item: dict[str, Any] | None = None


class TransactionCancelled(Exception):
    """`reasons` holds one entry per operation, in the order they were sent."""

    def __init__(self, message: str, reasons: tuple[CancellationReason, ...]) -> None:
        super().__init__(message)
        self.reasons = reasons

    @property
    def codes(self) -> set[str]:
        return {reason.code for reason in self.reasons}

    def failed(self, index: int) -> bool:
        return index < len(self.reasons) and self.reasons[index].code == CONDITION_FAILED


class TransactionConflict(Exception):
    """DynamoDB refuses such a request instead of queueing it, and botocore does not retry it."""


class Rejected(Exception):
    """Retrying the same request is pointless; the caller may write less instead."""


class Unavailable(Exception):
    """The caller answers 503 and the client retries; a write it made may have landed."""


class Contended(Exception):
    """The caller may simply try again later."""


class Client:
    """The boto3 client, each of its operations called under `_translated`."""

    def __init__(self, raw: Any) -> None:
        self._raw = raw

    def __getattr__(self, name: str) -> Any:
        attribute = getattr(self._raw, name)
        if not callable(attribute):
            return attribute

        def operation(*args: Any, **kwargs: Any) -> Any:
            with _translated():
                return attribute(*args, **kwargs)

        # Kept on the instance, so later calls of the operation skip __getattr__.
        self.__dict__[name] = operation
        return operation


@contextmanager
def _translated() -> Iterator[None]:
    try:
        yield
    except ClientError as exc:
        ours = _refusal(exc.response)
        if ours is None:
            raise
        raise ours from exc
    except (BotoConnectionError, HTTPClientError) as exc:  # refused, reset, timed out
        raise Unavailable(f"DynamoDB is unreachable: {type(exc).__name__}") from exc


def _refusal(response: Mapping[str, Any]) -> Exception | None:
    error = response.get("Error", {})
    code, message = error.get("Code"), str(error.get("Message", ""))
    if code == "ConditionalCheckFailedException":
        return ConditionFailed(message, response.get("Item") or None)
    if code == "TransactionCanceledException":
        reasons = tuple(
            CancellationReason(str(r.get("Code", "None")), r.get("Message"), r.get("Item") or None)
            for r in response.get("CancellationReasons") or []
        )
        return TransactionCancelled(message, reasons)
    if code == "TransactionConflictException":
        return TransactionConflict(message)
    if code == "ValidationException":
        return Rejected(message)
    if code in _LATER:
        return Unavailable(f"DynamoDB refused: {code}")
    return None
