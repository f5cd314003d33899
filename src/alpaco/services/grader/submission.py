"""The stored submission item and the GRADE_SUBMISSION response, both from one grading.

The item keeps every attribute of the original (reference §5.7) plus `score`, `passedCaseCount`,
`totalCaseCount` and `memoryKb`. Attributes that key a Submissions index are never empty strings
(DynamoDB rejects those, which silently lost the original's submissions with untitled problems).

An item must also fit in DynamoDB's 400 KB, or the grading is lost after it ran. Every text a case
shows is clipped, but a problem with many sample cases can still add up past that, so an item over
`MAX_ITEM_BYTES` sheds what a student can best do without, always in the same order: the samples'
stdout and stderr, then the samples' input and outputs, then the error message's length, and only
then trailing case results. Such an item says `resultsClipped: true`; the code is always kept.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Final

from alpaco.kernel.dynamo import MAX_ITEM_BYTES, item_bytes
from alpaco.services.grader.grading import Grading
from alpaco.services.grader.text import clip

GRADE_SUBMISSION_RESULTS: Final = "GRADE_SUBMISSION_RESULTS"
_SAMPLE_FIELDS_SHED: Final = (("stdout", "stderr"), ("input", "expectedOutput", "actualOutput"))
_CLIPPED_MESSAGE_CHARS: Final = 200


@dataclass(frozen=True)
class Submitter:
    user_id: str
    author: str


@dataclass(frozen=True)
class Titles:
    title: str
    translated: str


def titles(problem_item: Mapping[str, Any] | None, problem_id: str) -> Titles:
    """Each title falls back to the other, then to the id: never empty."""
    item = problem_item or {}
    english = str(item.get("title") or "").strip()
    korean = str(item.get("title_translated") or "").strip()
    fallback = f"Problem {problem_id}"
    return Titles(title=english or korean or fallback, translated=korean or english or fallback)


def submission_item(
    *,
    submission_id: str,
    problem_id: str,
    problem_titles: Titles,
    submitter: Submitter,
    language: str,
    code: str,
    submitted_at: int,
    grading: Grading,
) -> dict[str, Any]:
    item: dict[str, Any] = {
        "submissionId": submission_id,
        "problemId": problem_id,
        "problemTitle": problem_titles.title,
        "problemTitleTranslated": problem_titles.translated,
        "userId": submitter.user_id,
        "author": submitter.author or submitter.user_id,
        "language": language,
        "status": grading.status.value,
        "executionTime": grading.execution_time,
        "memoryKb": grading.memory_kb,
        "results": [case.view() for case in grading.cases],
        "score": grading.score,
        "passedCaseCount": grading.passed,
        "totalCaseCount": grading.total,
        "submissionTime": submitted_at,
        "userCode": code,
        "is_submission": "Y",
    }
    if grading.error_message:
        item["errorMessage"] = grading.error_message
    return fit_item({name: value for name, value in item.items() if value is not None})


def fit_item(item: dict[str, Any], limit: int = MAX_ITEM_BYTES) -> dict[str, Any]:
    """The item when it fits in `limit` bytes, else a copy clipped until it does."""
    if item_bytes(item) <= limit:
        return item
    fitted = {**item, "resultsClipped": True}
    for fields in _SAMPLE_FIELDS_SHED:
        fitted["results"] = [_shed(case, fields) for case in fitted["results"]]
        if item_bytes(fitted) <= limit:
            return fitted
    if "errorMessage" in fitted:
        fitted["errorMessage"] = clip(fitted["errorMessage"], _CLIPPED_MESSAGE_CHARS)
    return {**fitted, "results": _fitting_prefix(fitted, limit)}


def _fitting_prefix(item: dict[str, Any], limit: int) -> list[dict[str, Any]]:
    """The longest run of leading case results the item can carry, by bisection."""
    results = item["results"]
    low, high = 0, len(results)
    while low < high:
        middle = (low + high + 1) // 2
        if item_bytes({**item, "results": results[:middle]}) <= limit:
            low = middle
        else:
            high = middle - 1
    return list(results[:low])


def _shed(case: dict[str, Any], fields: tuple[str, ...]) -> dict[str, Any]:
    return {**case, **dict.fromkeys(fields)} if case.get("isSample") is True else case


def grade_response(item: Mapping[str, Any]) -> dict[str, Any]:
    """The original's response fields, plus score, counts, memory, submission time and whether
    the results were clipped to fit the stored item."""
    return {
        "submissionId": item["submissionId"],
        "problemId": item["problemId"],
        "status": item["status"],
        "executionTime": item["executionTime"],
        "memoryKb": item.get("memoryKb"),
        "results": item["results"],
        "errorMessage": item.get("errorMessage"),
        "executionMode": GRADE_SUBMISSION_RESULTS,
        "problemTitle": item["problemTitle"],
        "problemTitleTranslated": item["problemTitleTranslated"],
        "score": item["score"],
        "passedCaseCount": item["passedCaseCount"],
        "totalCaseCount": item["totalCaseCount"],
        "submissionTime": item["submissionTime"],
        "resultsClipped": item.get("resultsClipped", False),
    }
