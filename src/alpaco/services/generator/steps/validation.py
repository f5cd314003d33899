"""Step 7, validation: a review of the whole problem by the model, after the machine checks.

Execution has already shown that the programs run and agree; what a review adds is judgment the
machine lacks: does the reference solve the stated goal (tie-breaks included), do the tests cover
it, do the limits and the judge fit. A failing review names what to redo.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal

from pydantic import BaseModel, Field

from alpaco.services.generator.steps.base import Step, as_json

Redo = Literal["solution", "tests", "constraints"]


class ValidationAnswer(BaseModel):
    status: Literal["Pass", "Fail"]
    details: str
    regenerate: list[Redo] = Field(default_factory=list)


def _gate(answer: ValidationAnswer, facts: Mapping[str, Any]) -> list[str]:
    if answer.status == "Fail" and len(answer.details.strip()) < 20:
        return ["a failing review must explain what is wrong in `details`"]
    if len(answer.details.strip()) < 5:
        return ["`details` must summarise the review"]
    return []


VALIDATION = Step(
    name="validation",
    status="step7",
    doing="Validating problem coherence and completeness",
    task=(
        "Review this generated problem. Check that the reference solution solves the goal as "
        "specified (tie-breaking rule included), that the tests cover the edges and typical "
        "cases, that the judge type fits the output format, and that the input constraints are "
        "consistent. Answer `Pass`, or `Fail` with what is wrong in `details` and which parts "
        "must be redone in `regenerate` (solution, tests, constraints)."
    ),
    schema=ValidationAnswer,
    gate=_gate,
    keep=lambda answer: {"validationDetails": as_json(answer.model_dump())},
)
