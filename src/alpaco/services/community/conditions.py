"""The conditions that guard every write, and what a failed one means.

Every count is changed in the same transaction as the item it counts (`count_change`), and every
ownership rule is a condition expression, so no interleaving of requests can break either.
"""

from __future__ import annotations

from typing import Any

from alpaco.kernel import dynamo
from alpaco.kernel.dynamo_errors import ConditionFailed
from alpaco.services.community.domain import Missing, NotOwner
from alpaco.services.community.keys import key

LIVE_POST = "attribute_exists(PK) AND attribute_not_exists(deleting)"


def values(**named: Any) -> dict[str, Any]:
    return {f":{name}": dynamo.to_value(value) for name, value in named.items()}


def count_change(
    post_id: str, counter: str, delta: dict[str, Any], condition: str
) -> dict[str, Any]:
    return {
        "Update": {
            "Key": key(post_id),
            "UpdateExpression": f"ADD {counter} :delta",
            "ConditionExpression": condition,
            "ExpressionAttributeValues": delta,
        }
    }


def refusal(failed: ConditionFailed, *, hidden_when_deleting: bool = True) -> Exception:
    """A failed ownership condition: the old item, returned with the failure, says 404 or 403."""
    old = failed.item
    if not old or (hidden_when_deleting and "deleting" in old):
        return Missing()
    return NotOwner()
