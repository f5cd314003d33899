"""The student's last grading, reduced to what the tutor may say about it.

A grading response comes from the client, a submission from our table; either way only case
numbers, verdicts and crash names are read from it. A failing case's input and expected output
come from the problem's own samples, so a hidden case contributes its number and verdict and
nothing else, whatever the client sent. The student's output is kept for a sample only.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Final

from alpaco.services.chatbot.problem import Sample, TutorProblem
from alpaco.services.chatbot.schemas import CaseResult, GradingResult

ACCEPTED: Final = "ACCEPTED"
MAX_SHOWN_CHARS: Final = 300
# A crash is named by an exception type; anything else in that field is the client's free text.
_EXCEPTION_NAME: Final = re.compile(r"[A-Za-z_][A-Za-z0-9_.]{0,80}")


@dataclass(frozen=True)
class Failure:
    """`case_number` is the first failing case; `sample` is the first failing sample case, which
    may be a later one when the first failure is hidden."""

    verdict: str
    case_number: int | None
    hidden: bool
    sample: Sample | None
    actual: str | None
    exception: str | None


def read_failure(result: GradingResult, problem: TutorProblem) -> Failure | None:
    """None when the result names no verdict at all."""
    cases = sorted(result.results, key=lambda case: case.caseNumber)
    failing = [case for case in cases if case.status != ACCEPTED]
    verdict = result.status or (failing[0].status if failing else ACCEPTED if cases else None)
    if verdict is None:
        return None
    if not failing:
        return Failure(verdict, None, False, None, None, None)
    first = failing[0]
    on_sample = next((case for case in failing if problem.sample(case.caseNumber)), None)
    return Failure(
        verdict=verdict,
        case_number=first.caseNumber,
        hidden=problem.sample(first.caseNumber) is None,
        sample=problem.sample(on_sample.caseNumber) if on_sample else None,
        actual=shown(on_sample.actualOutput)
        if on_sample and on_sample.actualOutput is not None
        else None,
        exception=_exception(on_sample or first),
    )


def grading_of(submission: dict[str, Any]) -> GradingResult:
    """A stored submission's verdict and case results, in the grading response's shape."""
    results: Sequence[Any] = submission.get("results") or ()
    return GradingResult.model_validate(
        {
            "status": submission.get("status"),
            "results": [case for case in results if isinstance(case, dict)],
        }
    )


def shown(value: Any, limit: int = MAX_SHOWN_CHARS) -> str:
    """A case's value as the tutor shows it: JSON, cut at `limit` characters."""
    text = json.dumps(value, ensure_ascii=False, default=str)
    return text if len(text) <= limit else text[:limit] + "…"


def _exception(case: CaseResult) -> str | None:
    name = case.exceptionType
    if not name or not _EXCEPTION_NAME.fullmatch(name):
        return None
    return f"{name} on line {case.exceptionLine}" if case.exceptionLine else name
