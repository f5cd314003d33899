"""Problems table access; other services (grader, bank seeding) read and count problems only through here."""

from __future__ import annotations

from typing import Any

from alpaco.kernel import dynamo
from alpaco.kernel.tables import PROBLEMS

BANK_CREATOR = "alpaco-bank"


def get_problem(problem_id: str) -> dict[str, Any] | None:
    response = dynamo.client().get_item(
        TableName=PROBLEMS.name, Key={"problemId": {"S": problem_id}}, ConsistentRead=True
    )
    item = response.get("Item")
    return dynamo.from_item(item) if item else None


def put_problem(item: dict[str, Any]) -> None:
    dynamo.client().put_item(TableName=PROBLEMS.name, Item=dynamo.to_item(item))


def record_submission(problem_id: str, *, accepted: bool) -> None:
    """Atomic counters; the condition keeps a stray id from creating a half-empty problem item."""
    expression = "ADD submissionCount :one" + (", acceptedCount :one" if accepted else "")
    try:
        dynamo.client().update_item(
            TableName=PROBLEMS.name,
            Key={"problemId": {"S": problem_id}},
            UpdateExpression=expression,
            ConditionExpression="attribute_exists(problemId)",
            ExpressionAttributeValues={":one": {"N": "1"}},
        )
    except Exception as exc:
        if not dynamo.is_conditional_failure(exc):
            raise


def has_bank_problems() -> bool:
    response = dynamo.client().query(
        TableName=PROBLEMS.name,
        IndexName="CreatorIdCreatedAtGSI",
        KeyConditionExpression="creatorId = :c",
        ExpressionAttributeValues={":c": {"S": BANK_CREATOR}},
        Limit=1,
    )
    return bool(response.get("Items"))
