"""One generation in flight per user, on every instance: a lease item in the RateLimits table.

Taking the lease is one conditional put (no item, or an expired one); giving it back deletes the
item only if it still holds our token. A server that dies mid-generation leaves the lease to expire
after `LEASE_SECONDS`, the longest a generation may run, so nobody is locked out for good. The
daily budget is the kernel's rate limiter (`Settings.rate_limits.generations`).
"""

from __future__ import annotations

import math
import secrets
import time
from collections.abc import Callable
from contextlib import suppress
from dataclasses import dataclass
from typing import Final

from alpaco.kernel import dynamo
from alpaco.kernel.dynamo_errors import ConditionFailed
from alpaco.kernel.http import TooManyRequests
from alpaco.kernel.tables import RATE_LIMITS

LEASE_SECONDS: Final = 15 * 60
EXPIRES: Final = "expiresAt"  # the RateLimits table's TTL attribute
RETRY_AFTER_SECONDS: Final = 30


@dataclass(frozen=True)
class Lease:
    bucket: str
    token: str

    def release(self) -> None:
        with suppress(ConditionFailed):  # it expired and someone else holds it now
            dynamo.client().delete_item(
                TableName=RATE_LIMITS.name,
                Key={"bucket": {"S": self.bucket}},
                ConditionExpression="#token = :token",
                ExpressionAttributeNames={"#token": "token"},
                ExpressionAttributeValues={":token": {"S": self.token}},
            )


def take_lease(user_id: str, *, clock: Callable[[], float] = time.time) -> Lease:
    """The user's one generation slot, or TooManyRequests while another generation runs."""
    now = clock()
    lease = Lease(bucket=f"generating#{user_id}", token=secrets.token_hex(8))
    try:
        dynamo.client().put_item(
            TableName=RATE_LIMITS.name,
            Item={
                "bucket": {"S": lease.bucket},
                "token": {"S": lease.token},
                EXPIRES: {"N": str(int(now + LEASE_SECONDS))},
            },
            ConditionExpression="attribute_not_exists(#bucket) OR #expires < :now",
            ExpressionAttributeNames={"#bucket": "bucket", "#expires": EXPIRES},
            ExpressionAttributeValues={":now": {"N": str(int(now))}},
            ReturnValuesOnConditionCheckFailure="ALL_OLD",
        )
    except ConditionFailed as exc:
        held_until = float((exc.item or {}).get(EXPIRES, {}).get("N", now + 1))
        raise TooManyRequests(
            "One of your problems is still being generated; wait for it to finish.",
            # When it ends is unknown; the lease's expiry is only the worst case.
            retry_after=min(RETRY_AFTER_SECONDS, max(1, math.ceil(held_until - now))),
        ) from None
    return lease
