"""Submissions table reads (the grader writes the items)."""

from __future__ import annotations

from typing import Any, Final

from alpaco.kernel import dynamo
from alpaco.kernel.tables import (
    ALL_SUBMISSIONS_INDEX,
    SUBMISSIONS,
    SUBMISSIONS_BY_AUTHOR_INDEX,
    SUBMISSIONS_BY_PROBLEM_INDEX,
    SUBMISSIONS_BY_USER_INDEX,
)
from alpaco.services.submissions.filters import SubmissionFilters
from alpaco.services.submissions.views import LIST_ATTRIBUTES

_NAMES: Final = {
    "userId": "#userId",
    "problemId": "#problemId",
    "author": "#author",
    "is_submission": "#all",
}


def get_submission(submission_id: str) -> dict[str, Any] | None:
    """Only real submissions: the table also holds the grader's per-user lease items, which carry
    no `is_submission` mark and must never be served."""
    response = dynamo.client().get_item(
        TableName=SUBMISSIONS.name,
        Key={"submissionId": {"S": submission_id}},
        ConsistentRead=True,
    )
    item = response.get("Item")
    if not item or item.get("is_submission", {}).get("S") != "Y":
        return None
    return dynamo.from_item(item)


def list_submissions(
    filters: SubmissionFilters, *, page_size: int, cursor: str | None
) -> dynamo.Page:
    return dynamo.query_page(list_query(filters), page_size=page_size, cursor=cursor)


def list_query(filters: SubmissionFilters) -> dynamo.Query:
    """The original's index choice (reference §6.2); every other given filter, including the
    `author` the original ignored next to `userId`, narrows the query, and pages stay full unless
    the read budget runs out."""
    equal = {"userId": filters.user_id, "problemId": filters.problem_id, "author": filters.author}
    if filters.user_id:
        index, hash_key = SUBMISSIONS_BY_USER_INDEX, "userId"
    elif filters.author and filters.problem_id:
        index, hash_key = SUBMISSIONS_BY_AUTHOR_INDEX, "author"
    elif filters.problem_id:
        index, hash_key = SUBMISSIONS_BY_PROBLEM_INDEX, "problemId"
    elif filters.author:
        index, hash_key = SUBMISSIONS_BY_AUTHOR_INDEX, "author"
    else:
        index, hash_key = ALL_SUBMISSIONS_INDEX, "is_submission"
        equal["is_submission"] = "Y"
    names: dict[str, str] = {}
    values: dict[str, Any] = {}
    conditions: list[str] = []
    for attribute, value in equal.items():
        if value is None:
            continue
        name = _NAMES[attribute]
        names[name] = attribute
        values[f":{name[1:]}"] = value
        if attribute != hash_key:
            conditions.append(f"{name} = :{name[1:]}")
    if filters.title:
        names["#title"] = "problemTitleTranslated"
        values[":title"] = filters.title
        conditions.append("contains(#title, :title)")
    key = f"{_NAMES[hash_key]} = :{_NAMES[hash_key][1:]}"
    return dynamo.Query(
        spec=SUBMISSIONS,
        index=index,
        key_condition=key,
        values=values,
        names=names,
        filter=" AND ".join(conditions) or None,
        forward=filters.ascending,
        projection=LIST_ATTRIBUTES,
    )
