"""Per-user budgets for write requests that hold across Lambda instances: fixed windows in DynamoDB.

A request of one user for one action in one window is one `UpdateItem` on the RateLimits table,
item `bucket = "<action>#<user id>#<window>"` (window: whole windows since the epoch):
`ADD hits 1` on the condition `attribute_not_exists(hits) OR hits < limit`. DynamoDB checks and
adds as one step, so no number of concurrent requests on any number of instances gets more than
`limit` through, and a refused request counts for nothing. `expiresAt`, the window's end, lets
the table's TTL delete the item later; nothing waits on that, as a window's key is never used again.

A fixed window rather than a sliding one: a sliding count needs the last window's count or a log
of times, a read before the write. The price is a burst of up to twice the limit around a window's
boundary, still a bound per user.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable

from alpaco.kernel import dynamo
from alpaco.kernel.config import Rate
from alpaco.kernel.dynamo_errors import ConditionFailed
from alpaco.kernel.http import TooManyRequests
from alpaco.kernel.tables import RATE_LIMITS


class RateLimiter:
    def __init__(self, *, clock: Callable[[], float] = time.time) -> None:
        self._clock = clock

    def spend(self, rate: Rate, user_id: str) -> None:
        """Count one request against the user's budget, or raise TooManyRequests with the seconds
        left in the window (in 1..window_seconds) when the budget is spent."""
        now = self._clock()
        window = int(now // rate.window_seconds)
        ends = (window + 1) * rate.window_seconds
        try:
            dynamo.client().update_item(
                TableName=RATE_LIMITS.name,
                Key={"bucket": {"S": f"{rate.action}#{user_id}#{window}"}},
                UpdateExpression="ADD #hits :one SET #expires = :ends",
                ConditionExpression="attribute_not_exists(#hits) OR #hits < :limit",
                ExpressionAttributeNames={"#hits": "hits", "#expires": RATE_LIMITS.expires},
                ExpressionAttributeValues={
                    ":one": {"N": "1"},
                    ":limit": {"N": str(rate.limit)},
                    ":ends": {"N": str(ends)},
                },
            )
        except ConditionFailed:
            retry_after = math.ceil(ends - now)
            raise TooManyRequests(
                f"Too many {rate.action}: at most {rate.limit} every {rate.window_seconds} "
                f"seconds. Try again in {retry_after} seconds.",
                retry_after=retry_after,
            ) from None
