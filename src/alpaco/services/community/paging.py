"""Reading many items: the page a list answers with, and a consistent walk through one partition."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from alpaco.kernel import dynamo
from alpaco.kernel.tables import COMMUNITY
from alpaco.services.community.conditions import values


@dataclass(frozen=True)
class Slice:
    items: list[Any]
    cursor: str | None


def partition(post_id: str, *, projection: str | None) -> Iterator[tuple[str, dict[str, Any]]]:
    """Every item of the post's partition as (sort key, item), read strongly consistently."""
    request: dict[str, Any] = {
        "TableName": COMMUNITY.name,
        "KeyConditionExpression": "PK = :post",
        "ExpressionAttributeValues": values(post=post_id),
        "ConsistentRead": True,
    }
    if projection:
        request["ProjectionExpression"] = projection
    while True:
        response = dynamo.client().query(**request)
        for raw in response.get("Items", []):
            item = dynamo.from_item(raw)
            yield str(item["SK"]), item
        if "LastEvaluatedKey" not in response:
            return
        request["ExclusiveStartKey"] = response["LastEvaluatedKey"]
