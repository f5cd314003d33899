"""What each caller may see of a Submissions item.

The original let anyone read anyone's code (reference §11.3). Here everyone sees a summary; the code
and the per-case results are for the submission's owner and admins. Both shapes are allow-lists, so an
attribute the grader adds later stays private until someone decides to show it.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Final

from alpaco.kernel.auth import Claims

SUMMARY_FIELDS: Final = (
    "submissionId",
    "problemId",
    "problemTitle",
    "problemTitleTranslated",
    "userId",
    "author",
    "language",
    "status",
    "executionTime",
    "memoryKb",
    "score",
    "passedCaseCount",
    "totalCaseCount",
    "submissionTime",
)
# What a list reads from its index: the summary and the error message it may show in part. The
# list indexes (kernel.tables) copy these and what the filters match on, nothing else.
LIST_ATTRIBUTES: Final = (*SUMMARY_FIELDS, "errorMessage")
_DETAILS_MARK: Final = ". Details:"


def is_owner(item: Mapping[str, Any], caller: Claims | None) -> bool:
    """The submitter and admins may see the code and the per-case results."""
    if caller is None:
        return False
    return caller.is_admin or caller.user_id == item.get("userId")


def summary(item: Mapping[str, Any]) -> dict[str, Any]:
    view = {name: item[name] for name in SUMMARY_FIELDS if name in item}
    message = public_error_message(item.get("errorMessage"))
    if message is not None:
        view["errorMessage"] = message
    return view


def owner_view(item: Mapping[str, Any]) -> dict[str, Any]:
    view = {name: item[name] for name in SUMMARY_FIELDS if name in item}
    view["userCode"] = item.get("userCode", "")
    view["results"] = item.get("results") or []
    view["resultsClipped"] = item.get("resultsClipped") is True  # cut to fit the stored item
    if item.get("errorMessage") is not None:
        view["errorMessage"] = item["errorMessage"]
    return view


def view_for(item: Mapping[str, Any], caller: Claims | None) -> dict[str, Any]:
    return owner_view(item) if is_owner(item, caller) else summary(item)


def public_error_message(message: Any) -> str | None:
    """The verdict line without its details: those quote the owner's stderr, which can carry their
    code (a traceback prints source lines)."""
    if not isinstance(message, str):
        return None
    return message.split(_DETAILS_MARK, 1)[0]
