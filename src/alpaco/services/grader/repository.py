"""Submissions table writes; the grader is the only writer and never overwrites."""

from __future__ import annotations

from typing import Any

from alpaco.kernel import dynamo
from alpaco.kernel.dynamo_errors import ConditionFailed
from alpaco.kernel.tables import SUBMISSIONS


class SubmissionExists(Exception):
    """A submission with this id is already stored; the new one was not written."""


def put_submission(item: dict[str, Any]) -> None:
    try:
        dynamo.client().put_item(
            TableName=SUBMISSIONS.name,
            Item=dynamo.to_item(item),
            ConditionExpression="attribute_not_exists(submissionId)",
        )
    except ConditionFailed as exc:
        raise SubmissionExists(item["submissionId"]) from exc
