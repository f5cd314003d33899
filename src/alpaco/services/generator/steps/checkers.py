"""The input programs: a validator every test input must pass, and a generator of inputs.

Both are written from the constraints alone, as a problem setter writes testlib's validator and
generators, so an input that breaks the constraints is caught whoever produced it, and the suite
gets random and largest-size inputs that no hand-written list would hold.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from pydantic import BaseModel, Field

from alpaco.services.generator.steps.base import Step
from alpaco.services.generator.steps.code import arity_problems, syntax_problems
from alpaco.services.generator.steps.solutions import CodeAnswer


class GeneratorAnswer(BaseModel):
    code: str
    small_size: int = Field(ge=1)
    max_size: int = Field(ge=1)


def _validator_gate(answer: CodeAnswer, facts: Mapping[str, Any]) -> list[str]:
    tree, problems = syntax_problems(answer.code, "validator")
    return problems if tree is None else arity_problems(tree, "validate", 1, "validator")


def _generator_gate(answer: GeneratorAnswer, facts: Mapping[str, Any]) -> list[str]:
    tree, problems = syntax_problems(answer.code, "generator")
    if tree is not None:
        problems = arity_problems(tree, "generate", 2, "generator")
    if answer.small_size > answer.max_size:
        problems.append("small_size must not exceed max_size")
    return problems


VALIDATOR = Step(
    name="validator",
    status="step3_validator",
    doing="Writing the input validator",
    task=(
        "Write the input validator of this problem: a top-level `validate(data)` that raises "
        "ValueError with a short reason when `data` breaks the input format or any key "
        "constraint, and returns None otherwise. `data` is the input exactly as the solution "
        "receives it (function mode: the JSON value; stdio mode: the whole stdin text as a str). "
        "Check every type, every size and every value range, strictly: a wrong type, a missing "
        "or extra field, a count that does not match, a value one past a bound must all raise. "
        "Standard library only."
    ),
    schema=CodeAnswer,
    gate=_validator_gate,
    keep=lambda answer: {"validatorCode": answer.code},
    code_field="code",
)

GENERATOR = Step(
    name="generator",
    status="step3_generator",
    doing="Writing the test input generator",
    task=(
        "Write the test input generator of this problem: a top-level `generate(rng, size)` that "
        "returns one valid input (function mode: a JSON value; stdio mode: the stdin text, a str "
        "ending in a newline), using only `rng` (a random.Random) for randomness. `size` scales "
        "the input from tiny to the largest the constraints allow; vary the shapes (random, "
        "all-equal, sorted, extremes) so that wrong or slow solutions fail. `small_size`: the "
        "largest size at which a brute force still finishes in a second. `max_size`: the size "
        "at which `generate` produces the largest inputs the constraints allow. Standard library "
        "only."
    ),
    schema=GeneratorAnswer,
    gate=_generator_gate,
    keep=lambda answer: {"generatorCode": answer.code},
    code_field=None,
)
