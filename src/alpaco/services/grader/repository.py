"""Submissions table writes; the grader is the only writer and never overwrites.

A graded submission and its problem's counters are written in one transaction, so no crash can
leave a stored submission uncounted or a count without its submission.
"""

from __future__ import annotations

from typing import Any

from alpaco.kernel import dynamo
from alpaco.kernel.dynamo_errors import ConditionFailed, Rejected, TransactionCancelled
from alpaco.kernel.dynamo_writes import transact_items
from alpaco.kernel.tables import SUBMISSIONS


class SubmissionExists(Exception):
    """A submission with this id is already stored; the new one was not written."""


def put_submission(item: dict[str, Any], *, counted: dict[str, Any] | None = None) -> bool:
    """Store `item`, with `counted` (a transaction operation on its problem's counters) when given.
    Returns whether it was counted: a problem that is gone, or whose counters cannot be added to,
    does not stop the submission from being stored."""
    put = {
        "TableName": SUBMISSIONS.name,
        "Item": dynamo.to_item(item),
        "ConditionExpression": "attribute_not_exists(submissionId)",
    }
    try:
        if counted is None:
            dynamo.client().put_item(**put)
            return False
        try:
            transact_items({"Put": put}, counted)
            return True
        except TransactionCancelled as exc:
            if exc.failed(0):
                raise SubmissionExists(item["submissionId"]) from exc
        except Rejected:
            pass  # the counters are not numbers; the submission alone may still be stored
        dynamo.client().put_item(**put)
        return False
    except ConditionFailed as exc:
        raise SubmissionExists(item["submissionId"]) from exc
