"""Problems table access; other services (grader, bank seeding) read and count problems only through here."""

from __future__ import annotations

from collections.abc import Mapping
from contextlib import suppress
from typing import Any, Final

from alpaco.kernel import dynamo
from alpaco.kernel.difficulty import KOREAN_DIFFICULTY
from alpaco.kernel.dynamo_errors import ConditionFailed
from alpaco.kernel.tables import COMPLETED_PROBLEMS_INDEX, PROBLEMS, PROBLEMS_BY_CREATOR_INDEX
from alpaco.services.problems import trust
from alpaco.services.problems.filters import ProblemFilters, search_text
from alpaco.services.problems.views import COMPLETED, LIST_ATTRIBUTES

BANK_CREATOR = "alpaco-bank"
# The `trust` map a writer stores with a completed problem; writers (the bank seeder, the
# generator) reach this service only through this module.
stored_trust = trust.stored_trust


def get_problem(problem_id: str) -> dict[str, Any] | None:
    response = dynamo.client().get_item(
        TableName=PROBLEMS.name, Key={"problemId": {"S": problem_id}}, ConsistentRead=True
    )
    item = response.get("Item")
    return dynamo.from_item(item) if item else None


COUNTERS: Final = ("submissionCount", "acceptedCount")


class ProblemChanged(Exception):
    """The stored problem is no longer the one the caller read; nothing was written."""


def write_problem(item: dict[str, Any], previous: dict[str, Any] | None = None) -> None:
    """Writes the item only if the stored one still has `previous`'s counters (or, by default, if
    there is none), so that a submission counted after the read is never overwritten."""
    names: dict[str, str] = {}
    values: dict[str, Any] = {}
    if previous is None:
        condition = "attribute_not_exists(problemId)"
    else:
        checks = ["attribute_exists(problemId)"]
        for index, counter in enumerate(COUNTERS):
            names[f"#c{index}"] = counter
            if counter in previous:
                values[f":c{index}"] = {"N": str(previous[counter])}
                checks.append(f"#c{index} = :c{index}")
            else:
                checks.append(f"attribute_not_exists(#c{index})")
        condition = " AND ".join(checks)
    request: dict[str, Any] = {
        "TableName": PROBLEMS.name,
        "Item": _stored(item),
        "ConditionExpression": condition,
    }
    if names:
        request["ExpressionAttributeNames"] = names
    if values:
        request["ExpressionAttributeValues"] = values
    try:
        dynamo.client().put_item(**request)
    except ConditionFailed as exc:
        raise ProblemChanged(item["problemId"]) from exc


def _stored(item: dict[str, Any]) -> dict[str, Any]:
    """The item plus `searchText`, the lower-cased titles the list searches."""
    return dynamo.to_item({**item, "searchText": titles_searched(item)})


def titles_searched(item: Mapping[str, Any]) -> str | None:
    """The `searchText` a writer stores beside an item's titles, so the list's title search finds
    it; None when the item has no title yet (an empty string may not be stored)."""
    return search_text(item) or None


def record_submission(problem_id: str, *, accepted: bool) -> None:
    """Atomic counters; the condition keeps a stray id from creating a half-empty problem item."""
    with suppress(ConditionFailed):
        dynamo.client().update_item(**submission_counted(problem_id, accepted=accepted)["Update"])


def submission_counted(problem_id: str, *, accepted: bool) -> dict[str, Any]:
    """`record_submission` as one operation of a transaction, for a writer that must store the
    submission and count it together or not at all."""
    expression = "ADD submissionCount :one" + (", acceptedCount :one" if accepted else "")
    return {
        "Update": {
            "TableName": PROBLEMS.name,
            "Key": {"problemId": {"S": problem_id}},
            "UpdateExpression": expression,
            "ConditionExpression": "attribute_exists(problemId)",
            "ExpressionAttributeValues": {":one": {"N": "1"}},
        }
    }


def has_bank_problems() -> bool:
    response = dynamo.client().query(
        TableName=PROBLEMS.name,
        IndexName=PROBLEMS_BY_CREATOR_INDEX,
        KeyConditionExpression="creatorId = :c",
        ExpressionAttributeValues={":c": {"S": BANK_CREATOR}},
        Limit=1,
    )
    return bool(response.get("Items"))


def list_bank_problems() -> list[dict[str, Any]]:
    """Every bank problem, whole (the generator's offline answers are drawn from them). The creator
    index copies only list fields, so it gives the ids and the items are read by key."""
    ids: list[str] = []
    pages = (
        dynamo.client()
        .get_paginator("query")
        .paginate(
            TableName=PROBLEMS.name,
            IndexName=PROBLEMS_BY_CREATOR_INDEX,
            KeyConditionExpression="creatorId = :c",
            ExpressionAttributeValues={":c": {"S": BANK_CREATOR}},
            ProjectionExpression="problemId",
        )
    )
    for page in pages:
        ids += [item["problemId"]["S"] for item in page["Items"]]
    return [item for pid in ids if (item := get_problem(pid)) is not None]


def error_messages(problem_ids: list[str]) -> dict[str, str]:
    """Why each of these (failed) generations failed; the list indexes do not copy the message."""
    if not problem_ids:
        return {}
    response = dynamo.client().batch_get_item(
        RequestItems={
            PROBLEMS.name: {
                "Keys": [{"problemId": {"S": pid}} for pid in problem_ids],
                "ProjectionExpression": "problemId, errorMessage",
            }
        }
    )
    found = [dynamo.from_item(item) for item in response["Responses"].get(PROBLEMS.name, [])]
    return {f["problemId"]: str(f["errorMessage"]) for f in found if f.get("errorMessage")}


def list_problems(filters: ProblemFilters, *, page_size: int, cursor: str | None) -> dynamo.Page:
    """Completed problems by `createdAt`, in pages full unless the read budget runs out; a creator's
    list reads only that creator's partition instead of filtering the completed index."""
    return dynamo.query_page(list_query(filters), page_size=page_size, cursor=cursor)


def list_query(filters: ProblemFilters) -> dynamo.Query:
    names: dict[str, str] = {}
    values: dict[str, Any] = {}
    conditions: list[str] = []
    if not (filters.creator_id and filters.unfinished):
        names["#status"] = "generationStatus"
        values[":completed"] = COMPLETED
    if filters.creator_id:
        index, key = PROBLEMS_BY_CREATOR_INDEX, "creatorId = :creator"
        values[":creator"] = filters.creator_id
        if not filters.unfinished:
            conditions.append("#status = :completed")
    else:
        index, key = COMPLETED_PROBLEMS_INDEX, "#status = :completed"
    if filters.difficulty:
        names["#difficulty"] = "difficulty"
        values[":difficulty"] = filters.difficulty
        values[":difficultyKo"] = KOREAN_DIFFICULTY[filters.difficulty]
        conditions.append("#difficulty IN (:difficulty, :difficultyKo)")
    if filters.tag:
        names["#tags"] = "tags"
        values[":tag"] = filters.tag
        conditions.append("contains(#tags, :tag)")
    if filters.title:
        # Items written without `searchText` (by an older writer) still match on the raw titles.
        names.update({"#search": "searchText", "#title": "title", "#titleKo": "title_translated"})
        values[":title"] = filters.title
        conditions.append(
            "(contains(#search, :title) OR contains(#title, :title) OR contains(#titleKo, :title))"
        )
    return dynamo.Query(
        spec=PROBLEMS,
        index=index,
        key_condition=key,
        values=values,
        names=names,
        filter=" AND ".join(conditions) or None,
        forward=filters.ascending,
        projection=LIST_ATTRIBUTES,
    )
