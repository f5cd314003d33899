"""The stored problem as the generation goes: created at the start, a `generationStatus` after
every attempt of every step (the original's `stepN_complete_attempt_k` progression), each step's
product as it is accepted, and at the end either `completed` or `error` with its message."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Final

from alpaco.services.generator import repository

COMPLETED: Final = "completed"
ERROR: Final = "error"
MAX_STEP_ERROR_CHARS: Final = 1000


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
            self.problem_id, {**fields, "generationStatus": COMPLETED}, remove=("errorMessage",)
        )

    def fail(self, message: str) -> None:
        repository.update_problem(
            self.problem_id, {"generationStatus": ERROR, "errorMessage": message}
        )
