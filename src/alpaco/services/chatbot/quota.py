"""Tutor messages per user per UTC day: one counter item in the ChatUsage table.

Spending a message is one `UpdateItem` on `(userId, usageDate)`: `ADD messages 1` on the condition
that the count is still under the cap, so concurrent requests on any number of instances never
pass the cap together and a refused one counts for nothing. `expiresAt` lets DynamoDB's TTL drop
the item a day after its day ends. The 429 says how long until midnight UTC, when the next day's
item starts from nothing.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Final

from alpaco.kernel import dynamo
from alpaco.kernel.config import DAY_SECONDS
from alpaco.kernel.dynamo_errors import ConditionFailed
from alpaco.kernel.http import TooManyRequests
from alpaco.kernel.tables import CHAT_USAGE

COUNTER: Final = "messages"


def spend_message(user_id: str, per_day: int, *, clock: Callable[[], float] = time.time) -> None:
    """Count one message, or raise TooManyRequests when today's `per_day` are spent."""
    now = clock()
    day_ends = (math.floor(now / DAY_SECONDS) + 1) * DAY_SECONDS
    day = datetime.fromtimestamp(now, UTC).date().isoformat()
    try:
        dynamo.client().update_item(
            TableName=CHAT_USAGE.name,
            Key={"userId": {"S": user_id}, "usageDate": {"S": day}},
            UpdateExpression="ADD #count :one SET #expires = :expires",
            ConditionExpression="attribute_not_exists(#count) OR #count < :cap",
            ExpressionAttributeNames={"#count": COUNTER, "#expires": str(CHAT_USAGE.expires)},
            ExpressionAttributeValues={
                ":one": {"N": "1"},
                ":cap": {"N": str(per_day)},
                ":expires": {"N": str(day_ends + DAY_SECONDS)},
            },
        )
    except ConditionFailed:
        wait = max(1, math.ceil(day_ends - now))
        raise TooManyRequests(
            f"You have used today's {per_day} tutor messages. They renew at midnight UTC, in "
            f"{wait} seconds.",
            retry_after=wait,
        ) from None
