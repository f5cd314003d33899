"""Step 6, constraints: limits and the judge. The time limit asked for here is only a proposal: the
pipeline replaces it with one calibrated on the reference's measured time (`calibration.py`)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Final

from pydantic import BaseModel, Field

from alpaco.services.generator.steps.base import Step, as_json

JUDGES_BY_MODE: Final = {
    "function": ("equal", "unordered_equal", "float_eps"),
    "stdio": ("equal", "tokens", "lines"),
}
MEMORY_RANGE_MB: Final = (16, 2048)
DEFAULT_EPSILON: Final = 1e-6


class ConstraintsAnswer(BaseModel):
    time_limit_seconds: float = Field(gt=0)
    memory_limit_mb: int
    input_constraints: str
    judge_type: str
    epsilon: float | None = None

    def settled(self) -> ConstraintsAnswer:
        """The original's post-processing: float_eps always has a positive epsilon, others none."""
        if self.judge_type != "float_eps":
            return self.model_copy(update={"epsilon": None})
        if self.epsilon is None or self.epsilon <= 0:
            return self.model_copy(update={"epsilon": DEFAULT_EPSILON})
        return self


def _gate(answer: ConstraintsAnswer, facts: Mapping[str, Any]) -> list[str]:
    mode = str(facts.get("mode"))
    judges = JUDGES_BY_MODE.get(mode, JUDGES_BY_MODE["function"])
    problems = []
    if answer.judge_type not in judges:
        problems.append(f"judge_type must be one of {', '.join(judges)} in {mode} mode")
    low, high = MEMORY_RANGE_MB
    if not low <= answer.memory_limit_mb <= high:
        problems.append(f"memory_limit_mb must be between {low} and {high}")
    if len(answer.input_constraints.strip()) < 5:
        problems.append("input_constraints must state the bounds of every part of the input")
    return problems


CONSTRAINTS = Step(
    name="constraints",
    status="step6",
    doing="Deriving constraints and the judge type",
    task=(
        "Derive the problem's limits and judge. `input_constraints`: every bound of the input, "
        "as the statement will print it. `judge_type`: how an output is compared with the "
        "expected one: function mode equal (exact JSON value), unordered_equal (a list in any "
        "order), float_eps (numbers within `epsilon`, absolute or relative); stdio mode equal, "
        "tokens (whitespace-separated tokens) or lines. `memory_limit_mb`: usually 256. "
        "`time_limit_seconds`: your estimate; it will be calibrated by measurement."
    ),
    schema=ConstraintsAnswer,
    gate=_gate,
    keep=lambda answer: {"constraints": as_json(answer.settled().model_dump(exclude_none=True))},
)
