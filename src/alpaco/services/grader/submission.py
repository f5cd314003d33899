"""The stored submission item and the GRADE_SUBMISSION response, both from one grading.

The item keeps every attribute of the original (reference §5.7) plus `score`, `passedCaseCount`,
`totalCaseCount` and `memoryKb`. Attributes that key a Submissions index are never empty strings
(DynamoDB rejects those, which silently lost the original's submissions with untitled problems).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Final

from alpaco.services.grader.grading import Grading

GRADE_SUBMISSION_RESULTS: Final = "GRADE_SUBMISSION_RESULTS"


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
    return {name: value for name, value in item.items() if value is not None}


def grade_response(item: Mapping[str, Any]) -> dict[str, Any]:
    """The original's response fields, plus score, counts, memory and submission time."""
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
    }
