"""What the tutor may know of a problem, read from its Problems item.

Hidden test cases are dropped here, as the item is read: nothing past this module can put a hidden
case's input or output into a prompt, a hint or a log line, because nothing past it holds one.
The reference and brute-force code stay, for the leak guard and as the model's confidential
grounding; the statement is the one in the student's language when the item has it.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Final, NamedTuple

from alpaco.kernel.auth import Claims

COMPLETED: Final = "completed"


class Sample(NamedTuple):
    """`number` counts every case from 1, as the grader's `caseNumber` does."""

    number: int
    input: Any
    expected: Any


@dataclass(frozen=True)
class TutorProblem:
    problem_id: str
    title: str
    statement: str
    tags: tuple[str, ...]
    mode: str
    samples: tuple[Sample, ...]
    solution: str
    brute_force: str
    start_code: str
    hints: tuple[str, ...]

    def sample(self, number: int) -> Sample | None:
        return next((s for s in self.samples if s.number == number), None)


def is_visible(item: Mapping[str, Any], caller: Claims) -> bool:
    """The problems API's rule: a problem still being generated (or failed) exists only for its
    creator and admins."""
    return (
        item.get("generationStatus") == COMPLETED
        or caller.is_admin
        or item.get("creatorId") == caller.user_id
    )


def read_problem(item: Mapping[str, Any], language: str) -> TutorProblem:
    korean = language == "ko"
    return TutorProblem(
        problem_id=str(item.get("problemId") or ""),
        title=_text(
            item, ("title_translated", "title") if korean else ("title", "title_translated")
        ),
        statement=_text(
            item,
            ("description_translated", "description")
            if korean
            else ("description", "description_translated"),
        ),
        tags=tuple(str(tag) for tag in item.get("tags") or () if str(tag).strip()),
        mode=str(item.get("mode") or "function"),
        samples=_samples(item.get("finalTestCases")),
        solution=str(item.get("solutionCode") or ""),
        brute_force=str(item.get("bruteForceCode") or ""),
        start_code=str(item.get("startCode") or ""),
        hints=tuple(str(hint) for hint in item.get("hints") or () if str(hint).strip()),
    )


def _text(item: Mapping[str, Any], names: tuple[str, ...]) -> str:
    return next((str(item[name]) for name in names if str(item.get(name) or "").strip()), "")


def _samples(raw: Any) -> tuple[Sample, ...]:
    """Only the cases marked `isSample: true`; a malformed list gives none rather than a guess."""
    try:
        cases = json.loads(raw) if isinstance(raw, str) else raw
    except ValueError:
        return ()
    if isinstance(cases, Mapping):  # the original's `{"finalTestCases": [...]}` wrapper
        cases = cases.get("finalTestCases")
    if not isinstance(cases, list):
        return ()
    return tuple(
        Sample(number, case.get("input"), case.get("expected_output"))
        for number, case in enumerate(cases, start=1)
        if isinstance(case, Mapping) and case.get("isSample") is True
    )
