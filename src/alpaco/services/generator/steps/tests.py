"""Step 2, test design: hand-picked inputs, each with the reason it is there.

Only inputs: expected outputs come from running the reference. The generator program adds random
and largest-size inputs later, so these are the small, telling ones (edges and typical cases).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any, Final

from pydantic import BaseModel, model_validator

from alpaco.services.generator.steps.base import Step, as_json

# Fewer than the original's 5/7/9: those had to be the whole suite, these are its hand-made part.
MIN_CASES: Final = {"Easy": 4, "Medium": 5, "Hard": 6}
MAX_CASES: Final = 16
EDGE_WORDS: Final = (
    "edge",
    "empty",
    "boundary",
    "single",
    "minimal",
    "minimum",
    "extreme",
    "smallest",
)
TYPICAL_WORDS: Final = (
    "typical",
    "normal",
    "standard",
    "simple",
    "basic",
    "common",
    "general",
    "random",
    "mixed",
)


class TestSpec(BaseModel):
    input: Any
    rationale: str


class TestsAnswer(BaseModel):
    cases: list[TestSpec]

    @model_validator(mode="before")
    @classmethod
    def _bare_list(cls, value: Any) -> Any:
        """The original's answer was a bare array; a model may still give one."""
        return {"cases": value} if isinstance(value, list) else value


def _gate(answer: TestsAnswer, facts: Mapping[str, Any]) -> list[str]:
    needed = MIN_CASES.get(str(facts.get("difficulty")), MIN_CASES["Medium"])
    problems = []
    if not needed <= len(answer.cases) <= MAX_CASES:
        problems.append(f"give between {needed} and {MAX_CASES} cases, not {len(answer.cases)}")
    seen: set[str] = set()
    for number, case in enumerate(answer.cases, start=1):
        if facts.get("mode") == "stdio" and not isinstance(case.input, str):
            problems.append(f"case {number}: in stdio mode an input is the stdin text, a string")
        try:
            key = json.dumps(case.input, sort_keys=True, allow_nan=False)
        except (TypeError, ValueError):
            problems.append(f"case {number}: the input is not a JSON value")
            continue
        if key in seen:
            problems.append(f"case {number} repeats an earlier input")
        seen.add(key)
        if len(case.rationale.strip()) < 5:
            problems.append(f"case {number}: the rationale must say why the case is there")
    rationales = " ".join(case.rationale.lower() for case in answer.cases)
    if not any(word in rationales for word in EDGE_WORDS):
        problems.append("at least one rationale must name an edge case (edge, empty, boundary, …)")
    if not any(word in rationales for word in TYPICAL_WORDS):
        problems.append("at least one rationale must name a typical case (typical, normal, …)")
    return problems


TESTS = Step(
    name="tests",
    status="step2",
    doing="Designing test case inputs",
    task=(
        "Design the hand-picked test inputs of this problem: small inputs a person would check "
        "by hand, covering the edges (smallest sizes, duplicates, extremes of the value range, "
        "ties) and typical cases. Give inputs only, never outputs. Every input must satisfy the "
        "key constraints exactly. An input is a JSON literal (function mode: the single argument "
        "of solution(data); stdio mode: the whole stdin text as one string, lines ending in "
        "\\n); no code, no ellipses. Each rationale says what the case checks, using words like "
        "'edge case' or 'typical case'."
    ),
    schema=TestsAnswer,
    gate=_gate,
    keep=lambda answer: {"testSpecifications": as_json(answer.model_dump()["cases"])},
)
