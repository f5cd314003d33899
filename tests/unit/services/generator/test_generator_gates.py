"""Each step's gate: what it lets through and what it sends back, in words a model can act on."""

from __future__ import annotations

import json
from typing import Any

import pytest

from alpaco.services.generator.steps.base import Rejected, accept, request
from alpaco.services.generator.steps.checkers import GENERATOR, VALIDATOR
from alpaco.services.generator.steps.code import program_problems
from alpaco.services.generator.steps.constraints import CONSTRAINTS, ConstraintsAnswer
from alpaco.services.generator.steps.intent import INTENT, IntentAnswer
from alpaco.services.generator.steps.solutions import BRUTE, SOLUTION
from alpaco.services.generator.steps.start_code import start_code_problems
from alpaco.services.generator.steps.statement import (
    DESCRIPTION,
    TRANSLATION,
    missing_examples,
    title_problems,
    titled,
)
from alpaco.services.generator.steps.tests import TESTS

FUNCTION = {"mode": "function", "difficulty": "Medium"}
STDIO = {"mode": "stdio", "difficulty": "Easy"}


def problems_of(step: Any, answer: Any, facts: dict[str, Any] = FUNCTION) -> list[str]:
    try:
        accept(step, answer if isinstance(answer, str) else json.dumps(answer), facts)
    except Rejected as exc:
        return exc.problems
    return []


def test_intent_needs_a_goal_bounds_and_formats() -> None:
    good = {
        "goal": "Count the pairs whose sum is at most k.",
        "key_constraints": ["1 <= n <= 10^4"],
        "concepts": ["two pointers"],
        "input_schema_description": "an object with nums and k",
        "output_format_description": "an integer",
    }
    assert problems_of(INTENT, good) == []
    thin = {**good, "goal": "pairs", "key_constraints": [" "]}
    found = problems_of(INTENT, thin)
    assert any("goal" in p for p in found)
    assert any("key_constraints" in p for p in found)


def test_a_schema_mismatch_names_the_field() -> None:
    assert problems_of(INTENT, {"goal": "Count the pairs."}) != []
    assert any("input_schema_description" in p for p in problems_of(INTENT, {"goal": "x" * 20}))


def case(value: Any, rationale: str = "typical case") -> dict[str, Any]:
    return {"input": value, "rationale": rationale}


def test_tests_need_enough_distinct_cases_with_edge_and_typical_reasons() -> None:
    good = [case(n) for n in range(4)] + [case(-1, "edge case: negative")]
    assert problems_of(TESTS, {"cases": good}) == []
    assert problems_of(TESTS, good) == []  # the original's bare array
    repeated = [*good[:4], case(0, "edge case: again")]
    assert any("repeats" in p for p in problems_of(TESTS, {"cases": repeated}))
    assert any("between 5" in p for p in problems_of(TESTS, {"cases": good[:3]}))
    no_edge = [case(n) for n in range(5)]
    assert any("edge" in p for p in problems_of(TESTS, {"cases": no_edge}))


def test_stdio_inputs_must_be_text() -> None:
    cases = [case("1\n"), case("2\n"), case("3\n"), case(4, "edge case")]
    assert any("stdin text" in p for p in problems_of(TESTS, {"cases": cases}, STDIO))


@pytest.mark.parametrize(
    ("code", "complaint"),
    [
        ("def solution(arr, n):\n    return n\n", "exactly 1 positional argument"),
        ("def solve(data):\n    return data\n", "top-level function `solution`"),
        ("def solution(data):\n    print(data)\n", "must return"),
        ("def solution(data)\n    return 1\n", "does not compile"),
        ("def solution(data):\n    # TODO\n    return 1\n", "TODO"),
    ],
)
def test_a_function_mode_program_must_be_callable_as_the_executor_calls_it(
    code: str, complaint: str
) -> None:
    assert any(complaint in p for p in program_problems(code, "function", "solution"))


def test_a_stdio_program_must_read_standard_input() -> None:
    assert (
        program_problems(
            "import sys\nprint(sum(map(int, sys.stdin.read().split())))\n", "stdio", "x"
        )
        == []
    )
    assert program_problems("print(input())\n", "stdio", "x") == []
    assert any("standard input" in p for p in program_problems("print(42)\n", "stdio", "x"))


def test_a_bare_code_answer_is_taken_for_a_code_step() -> None:
    text = "```python\ndef solution(data):\n    return sorted(data)\n```"
    answer, mended = accept(BRUTE, text, FUNCTION)
    assert answer.code.startswith("def solution(data):")
    assert mended == "bare code taken as the code"
    solution, _ = accept(SOLUTION, text, FUNCTION)
    assert solution.start_code == ""


def test_validator_and_generator_entry_points() -> None:
    assert problems_of(VALIDATOR, {"code": "def validate(data):\n    pass\n"}) == []
    assert problems_of(VALIDATOR, {"code": "def check(data):\n    pass\n"}) != []
    generator = {
        "code": "def generate(rng, size):\n    return size\n",
        "small_size": 5,
        "max_size": 9,
    }
    assert problems_of(GENERATOR, generator) == []
    assert problems_of(GENERATOR, {**generator, "small_size": 10}) == [
        "small_size must not exceed max_size"
    ]
    assert (
        problems_of(GENERATOR, {**generator, "code": "def generate(size):\n    return size\n"})
        != []
    )


def test_constraints_judge_fits_the_mode_and_epsilon_is_settled() -> None:
    good = {
        "time_limit_seconds": 1,
        "memory_limit_mb": 256,
        "input_constraints": "1 <= n <= 10",
        "judge_type": "float_eps",
    }
    assert problems_of(CONSTRAINTS, good) == []
    assert problems_of(CONSTRAINTS, good, STDIO) != []
    assert problems_of(CONSTRAINTS, {**good, "judge_type": "tokens"}, STDIO) == []
    assert problems_of(CONSTRAINTS, {**good, "memory_limit_mb": 4}) != []
    assert ConstraintsAnswer.model_validate(good).settled().epsilon == 1e-6
    equal = ConstraintsAnswer.model_validate({**good, "judge_type": "equal", "epsilon": 0.1})
    assert equal.settled().epsilon is None


def test_a_start_code_keeps_the_executors_signature_and_holds_no_solution() -> None:
    facts = {"mode": "function", "solution_code": "def solution(data):\n    return sum(data)\n"}
    assert start_code_problems("def solution(data: list[int]) -> int:\n    return 0\n", facts) == []
    assert any(
        "exactly 1" in p
        for p in start_code_problems("def solution(nums, k):\n    return 0\n", facts)
    )
    assert any(
        "loops" in p
        for p in start_code_problems(
            "def solution(data):\n    for x in data:\n        pass\n    return 0\n", facts
        )
    )
    assert start_code_problems(facts["solution_code"], facts) == [
        "the start code must not be the reference solution"
    ]
    stdio = {"mode": "stdio", "solution_code": ""}
    assert start_code_problems("import sys\ndata = sys.stdin.read()\n", stdio) == []


SAMPLES = [
    {"input": {"nums": [3, 1], "k": 4}, "output": 1},
    {"input": {"nums": [7], "k": 1}, "output": 0},
]


def statement(examples: str) -> str:
    story = "A story about pens. " * 8
    sections = "### Input\n\nnums, k\n\n### Output\n\nA count.\n\n### Constraints\n\n- n <= 10"
    return f"{story}\n\n{sections}\n\n### Examples\n\n{examples}\n"


def test_the_description_must_show_every_sample_as_the_reference_computed_it() -> None:
    blocks = ['{"k": 4, "nums": [3,1]}', "1", '{"nums": [7], "k": 1}', "0"]
    shown = "\n\n".join(f"```json\n{block}\n```" for block in blocks)
    assert (
        problems_of(
            DESCRIPTION,
            {"title": "Pens", "description": statement(shown)},
            {**FUNCTION, "samples": SAMPLES},
        )
        == []
    )
    wrong = shown.replace("```json\n0\n```", "```json\n2\n```")
    assert missing_examples(statement(wrong), SAMPLES, "function") == [
        "example 2 must show the output 0"
    ]
    no_sections = problems_of(
        DESCRIPTION,
        {"title": "Pens", "description": "# Pens\n" + "x" * 300},
        {**FUNCTION, "samples": []},
    )
    assert any("### Examples" in p for p in no_sections)
    assert any("main title" in p for p in no_sections)


def test_titles_follow_the_originals_rules() -> None:
    assert title_problems("Calm Pen Pairs (Medium)") == []
    assert title_problems("x" * 71) != []
    assert title_problems("**Bold**") != []
    assert titled("Calm Pen Pairs", "Medium") == "Calm Pen Pairs (Medium)"
    assert titled("Calm Pen Pairs (Hard)", "Medium") == "Calm Pen Pairs (Hard)"


def test_a_translation_keeps_every_code_block_and_header() -> None:
    english = statement('```json\n{"nums": [7], "k": 1}\n```\n\n```json\n0\n```')
    korean = english.replace("A story about pens.", "펜 이야기.").replace("### Input", "### 입력")
    facts = {**FUNCTION, "description": english}
    assert problems_of(TRANSLATION, {"title": "펜 (보통)", "description": korean}, facts) == []
    changed = korean.replace('"k": 1', '"k": 2')
    assert any(
        "code block" in p
        for p in problems_of(TRANSLATION, {"title": "펜 (보통)", "description": changed}, facts)
    )
    assert any(
        "Korean" in p
        for p in problems_of(TRANSLATION, {"title": "Pens", "description": english}, facts)
    )


def test_a_retry_prompt_carries_what_was_wrong_and_the_previous_answer() -> None:
    context = {"user_prompt": "pairs", "difficulty": "Hard", "mode": "stdio", "seed": "p-1"}
    first = request(INTENT, {"request": "pairs"}, context=context, feedback=[], previous=None)
    assert first.step == "intent"
    assert first.schema is IntentAnswer
    assert '"mode": "stdio"' in first.prompt
    assert '"difficulty": "Hard"' in first.prompt
    assert "not accepted" not in first.prompt
    assert first.context["seed"] == "p-1"
    again = request(
        INTENT,
        {"request": "pairs"},
        context=context,
        feedback=["goal is empty"],
        previous='{"goal": ""}',
    )
    assert "- goal is empty" in again.prompt
    assert '{"goal": ""}' in again.prompt
    assert again.context["feedback"] == ["goal is empty"]
