"""The generator's writes to the Problems table, which it owns (the problems service only reads).

An item is created once, conditionally (a uuid4 collision is refused, not overwritten), and then
updated attribute by attribute as the steps finish, as the original did; unlike the original, a
failed write is never swallowed: it stops the generation, which then reports its error.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from alpaco.kernel import dynamo
from alpaco.kernel.dynamo_errors import ConditionFailed
from alpaco.kernel.tables import PROBLEMS


class ProblemExists(Exception):
    """The new problem's id is already taken."""


def create_problem(item: Mapping[str, Any]) -> None:
    try:
        dynamo.client().put_item(
            TableName=PROBLEMS.name,
            Item=dynamo.to_item(item),
            ConditionExpression="attribute_not_exists(problemId)",
        )
    except ConditionFailed as exc:
        raise ProblemExists(str(item.get("problemId"))) from exc


def update_problem(
    problem_id: str, fields: Mapping[str, Any], *, remove: Sequence[str] = ()
) -> None:
    """Sets the non-None `fields` and removes the `remove` attributes of an existing problem."""
    names: dict[str, str] = {}
    values: dict[str, Any] = {}
    sets: list[str] = []
    for index, (name, value) in enumerate(fields.items()):
        if value is None:
            continue
        names[f"#s{index}"] = name
        values[f":s{index}"] = dynamo.to_value(value)
        sets.append(f"#s{index} = :s{index}")
    removals = []
    for index, name in enumerate(remove):
        names[f"#r{index}"] = name
        removals.append(f"#r{index}")
    expression = " ".join(
        part
        for part in (
            f"SET {', '.join(sets)}" if sets else "",
            f"REMOVE {', '.join(removals)}" if removals else "",
        )
        if part
    )
    if not expression:
        return
    request: dict[str, Any] = {
        "TableName": PROBLEMS.name,
        "Key": {"problemId": {"S": problem_id}},
        "UpdateExpression": expression,
        "ConditionExpression": "attribute_exists(problemId)",
        "ExpressionAttributeNames": names,
    }
    if values:
        request["ExpressionAttributeValues"] = values
    dynamo.client().update_item(**request)
