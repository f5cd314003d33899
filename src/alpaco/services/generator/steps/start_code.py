"""Step 6.5, start code: the template a student starts from.

The original asked for it separately and sometimes got `def solution(arr, n)`, which the executor
(one argument, always) cannot call. Here the template comes with the reference's answer and must
pass this gate: the entry point and arity the executor calls, no solving logic, not the reference.
Only a template that fails is asked for again, under this step's name.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Final

from alpaco.services.generator.steps.base import Step
from alpaco.services.generator.steps.code import (
    arity_problems,
    has_loop,
    reads_stdin,
    syntax_problems,
    top_function,
)
from alpaco.services.generator.steps.solutions import CodeAnswer

MAX_TEMPLATE_LINES: Final = 40


def start_code_problems(code: str, facts: Mapping[str, Any]) -> list[str]:
    tree, problems = syntax_problems(code, "start code")
    if tree is None:
        return problems
    if " ".join(code.split()) == " ".join(str(facts.get("solution_code", "")).split()):
        return ["the start code must not be the reference solution"]
    if len(code.splitlines()) > MAX_TEMPLATE_LINES:
        problems.append(
            f"the start code must be a short template (at most {MAX_TEMPLATE_LINES} lines)"
        )
    if facts.get("mode") == "stdio":
        if not reads_stdin(tree):
            problems.append("the start code must read standard input, as the solution does")
        return problems
    problems += arity_problems(tree, "solution", 1, "start code")
    function = top_function(tree, "solution")
    if function is not None and has_loop(function):
        problems.append("the start code must not hold solving logic (no loops)")
    return problems


def _gate(answer: CodeAnswer, facts: Mapping[str, Any]) -> list[str]:
    return start_code_problems(answer.code, facts)


START_CODE = Step(
    name="start_code",
    status="step6_5",
    doing="Generating the start code template",
    task=(
        "Write the start code the student begins with. Function mode: exactly "
        "`def solution(data):` (one parameter: the executor passes the whole input as one "
        "value), with type hints, comments describing the fields of `data`, and a placeholder "
        "return; no solving logic. Stdio mode: read standard input into variables and leave a "
        "placeholder where the answer is printed. Never include the solution."
    ),
    schema=CodeAnswer,
    gate=_gate,
    keep=lambda answer: {"startCode": answer.code},
    code_field="code",
)
