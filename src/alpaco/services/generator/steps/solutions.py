"""Steps 3 and 3b, solution and brute force: two programs written apart that must agree.

The reference is the efficient solution; its outputs become the expected outputs. The brute force
is asked without ever seeing the reference, for the most obviously correct program, however slow;
the two are run side by side on small inputs. The same step also gives a third opinion when they
disagree. The reference's answer carries a start code too (one call instead of two), which the
start-code step checks and, only if it fails, has rewritten.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Final

from pydantic import BaseModel

from alpaco.services.generator.steps.base import Step
from alpaco.services.generator.steps.code import program_problems

CONTRACT: Final = (
    "Function mode: define a top-level `solution(data)` that takes exactly one argument, the "
    "whole input as a JSON value, and returns a JSON value (lists, dicts with string keys, "
    "numbers, strings, booleans, None). Stdio mode: read all of standard input and print the "
    "answer. Python 3.12, standard library only, no printing of debug output, no TODO."
)


class SolutionAnswer(BaseModel):
    code: str
    start_code: str = ""


class CodeAnswer(BaseModel):
    code: str


def _solution_gate(answer: SolutionAnswer, facts: Mapping[str, Any]) -> list[str]:
    return program_problems(answer.code, str(facts.get("mode")), "solution")


def _brute_gate(answer: CodeAnswer, facts: Mapping[str, Any]) -> list[str]:
    return program_problems(answer.code, str(facts.get("mode")), "brute force")


SOLUTION = Step(
    name="solution",
    status="step3",
    doing="Generating the reference solution",
    task=(
        "Write the reference solution: correct on every input the constraints allow and fast "
        "enough for the largest of them in Python (mind the complexity the key constraints call "
        f"for). {CONTRACT} Also write `start_code`, the template the student starts from: the "
        "same entry point and signature (function mode: `def solution(data):` with exactly one "
        "parameter), comments describing the input, a placeholder return, and no solving logic."
    ),
    schema=SolutionAnswer,
    gate=_solution_gate,
    keep=lambda answer: {"solutionCode": answer.code},
    code_field="code",
)

BRUTE = Step(
    name="brute",
    status="step3_brute",
    doing="Writing an independent brute-force solution",
    task=(
        "Write a brute-force solution to this problem: the most obviously correct program you "
        "can, trying every possibility directly, however slow (it only runs on small inputs). "
        f"Do not optimise and do not reuse a clever idea. {CONTRACT}"
    ),
    schema=CodeAnswer,
    gate=_brute_gate,
    keep=lambda answer: {"bruteForceCode": answer.code},
    code_field="code",
)
