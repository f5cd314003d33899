"""One like item per (post, user), put or deleted in a transaction with the post's `likesCount`."""

from __future__ import annotations

from typing import Any

from alpaco.kernel import dynamo
from alpaco.kernel.dynamo_errors import Contended, TransactionCancelled
from alpaco.kernel.dynamo_writes import ATTEMPTS, transact
from alpaco.kernel.tables import COMMUNITY
from alpaco.services.community.conditions import LIVE_POST, count_change, values
from alpaco.services.community.domain import Missing
from alpaco.services.community.items import like_to_item
from alpaco.services.community.keys import key, like_key


def flip(post_id: str, *, user_id: str) -> bool:
    """Flip the user's like; returns whether they like the post now. A flip that loses a race with
    the same user's other one re-reads and flips again, so each successful call is exactly one."""
    liked_key = like_key(post_id, user_id)
    for _ in range(ATTEMPTS):
        liked = _exists(liked_key)
        change = values(delta=-1 if liked else 1)
        if liked:
            like_op = {"Delete": {"Key": liked_key, "ConditionExpression": "attribute_exists(PK)"}}
        else:
            item = like_to_item(post_id, user_id)
            like_op = {"Put": {"Item": item, "ConditionExpression": "attribute_not_exists(PK)"}}
        counter = count_change(post_id, "likesCount", change, LIVE_POST)
        try:
            transact(COMMUNITY.name, like_op, counter)
        except TransactionCancelled as cancelled:
            if cancelled.failed(1):
                raise Missing from None
            if not cancelled.failed(0):
                raise
            continue
        return not liked
    raise Contended


def likes_count(post_id: str) -> int:
    response = dynamo.client().get_item(
        TableName=COMMUNITY.name,
        Key=key(post_id),
        ConsistentRead=True,
        ProjectionExpression="likesCount",
    )
    return int(dynamo.from_item(response.get("Item") or {}).get("likesCount", 0))


def _exists(item_key: dict[str, Any]) -> bool:
    response = dynamo.client().get_item(
        TableName=COMMUNITY.name, Key=item_key, ConsistentRead=True, ProjectionExpression="PK"
    )
    return "Item" in response
