"""The stored problem as the generation goes: created at the start, a `generationStatus` after
every attempt of every step (the original's `stepN_complete_attempt_k` progression), each step's
product as it is accepted, and at the end either `completed` or `error` with its message.

A completed problem also gets its trust card's facts (`trust`), read off the suite's statistics:
the pipeline stores only tests its validator accepted, and sets the time limit by calibration.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any, Final

from alpaco.services.generator import calibration, repository
from alpaco.services.problems.repository import stored_trust

COMPLETED: Final = "completed"
ERROR: Final = "error"
MAX_STEP_ERROR_CHARS: Final = 1000
TIME_LIMIT_RULE: Final = (
    f"calibrated: {calibration.FACTOR:g} × the reference's slowest run, at least "
    f"{calibration.FLOOR_SECONDS:g} s, rounded up to {calibration.STEP_SECONDS:g} s"
)


class Record:
    def __init__(self, problem_id: str) -> None:
        self.problem_id = problem_id

    def start(self, item: Mapping[str, Any]) -> None:
        repository.create_problem(
            {**item, "problemId": self.problem_id, "generationStatus": "started"}
        )

    def status(self, status: str, fields: Mapping[str, Any] | None = None) -> None:
        repository.update_problem(self.problem_id, {"generationStatus": status, **(fields or {})})

    def step_failed(self, status: str, error: str) -> None:
        self.status(status, {"errorMessage": error[:MAX_STEP_ERROR_CHARS]})

    def complete(self, fields: Mapping[str, Any]) -> None:
        """The last write: an error met and overcome along the way is no longer the problem's."""
        repository.update_problem(
            self.problem_id,
            {**fields, "trust": trust(fields), "generationStatus": COMPLETED},
            remove=("errorMessage",),
        )

    def fail(self, message: str) -> None:
        repository.update_problem(
            self.problem_id, {"generationStatus": ERROR, "errorMessage": message}
        )


def trust(fields: Mapping[str, Any]) -> dict[str, Any]:
    """The trust card's facts from the suite's statistics (`suite.py`, stored as JSON text)."""
    stats = json.loads(fields["testCaseStats"])
    return stored_trust(
        source="generated",
        tests=stats["totalCases"],
        samples=stats["sampleCases"],
        generated=stats["generatedCases"],
        brute_force_checked=stats["crossCheckedInputs"],
        validator_accepts_all=True,
        reference_max_ms=stats["referenceMaxMs"],
        time_limit_rule=TIME_LIMIT_RULE,
    )
