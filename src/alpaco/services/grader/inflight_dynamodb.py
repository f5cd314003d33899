"""The in-flight limiter for AWS: per-user leases in the Submissions table, shared by all instances.

One lease item per user, keyed `submissionId = "inflight#<userId>"` (a real submission id is a
UUID, so the keys never collide). It holds one map attribute per slot, `lease0`, `lease1`, ...:
`{expiresAt: epoch ms, token: <random>}`. Taking a slot is one conditional `UpdateItem` per slot
tried (`attribute_not_exists(leaseN) OR leaseN.expiresAt < :now`); releasing removes the map only
if it still carries our token, so a late release never frees a slot someone else took over.

Per-slot expiry rather than one counter: a counter leaked by a crashed instance would stay
leaked while the user keeps grading on the other slot; a slot lease simply runs out. The lease
must outlive the longest grading, so `lease_seconds` is above the grader function's timeout.

The item carries no attribute that keys a Submissions index (problemId, userId, author,
is_submission, submissionTime), so it never appears in any submission list.
"""

from __future__ import annotations

import secrets
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from typing import Any, Final

from alpaco.kernel import dynamo, log
from alpaco.kernel.dynamo_errors import ConditionFailed
from alpaco.kernel.tables import SUBMISSIONS
from alpaco.services.grader.inflight import MAX_IN_FLIGHT_PER_USER, too_many

LEASE_KEY_PREFIX: Final = "inflight#"
DEFAULT_LEASE_SECONDS: Final = 300.0

_logger = log.get_logger("grader")


def lease_key(user_id: str) -> dict[str, Any]:
    return {"submissionId": {"S": f"{LEASE_KEY_PREFIX}{user_id}"}}


class DynamoLeaseLimiter:
    def __init__(
        self,
        limit: int = MAX_IN_FLIGHT_PER_USER,
        *,
        lease_seconds: float = DEFAULT_LEASE_SECONDS,
        clock: Callable[[], float] = time.time,
        client: Callable[[], Any] = dynamo.client,
    ) -> None:
        self._limit = limit
        self._lease_ms = int(lease_seconds * 1000)
        self._clock = clock
        self._client = client

    @contextmanager
    def slot(self, user_id: str) -> Iterator[None]:
        token = secrets.token_hex(8)
        slot = self._acquire(user_id, token)
        try:
            yield
        finally:
            self._release(user_id, slot, token)

    def _acquire(self, user_id: str, token: str) -> int:
        now = int(self._clock() * 1000)
        for slot in range(self._limit):
            try:
                self._client().update_item(
                    TableName=SUBMISSIONS.name,
                    Key=lease_key(user_id),
                    UpdateExpression="SET #lease = :lease",
                    ConditionExpression="attribute_not_exists(#lease) OR #lease.expiresAt < :now",
                    ExpressionAttributeNames={"#lease": f"lease{slot}"},
                    ExpressionAttributeValues={
                        ":lease": {
                            "M": {
                                "expiresAt": {"N": str(now + self._lease_ms)},
                                "token": {"S": token},
                            }
                        },
                        ":now": {"N": str(now)},
                    },
                )
            except ConditionFailed:
                continue
            return slot
        raise too_many(self._limit)

    def _release(self, user_id: str, slot: int, token: str) -> None:
        """Best effort: a lease we fail to remove runs out by itself. A failed condition means
        ours ran out and another request took the slot over: it is theirs to release."""
        try:
            with suppress(ConditionFailed):
                self._client().update_item(
                    TableName=SUBMISSIONS.name,
                    Key=lease_key(user_id),
                    UpdateExpression="REMOVE #lease",
                    ConditionExpression="#lease.#token = :token",
                    ExpressionAttributeNames={"#lease": f"lease{slot}", "#token": "token"},
                    ExpressionAttributeValues={":token": {"S": token}},
                )
        except Exception as exc:
            _logger.warning("in-flight lease not released (it will expire): %s", exc)
