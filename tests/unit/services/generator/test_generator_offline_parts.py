"""The offline answers' parts: a prompt's theme, the bank's programs cut out of tests.py, the
pick of a bank problem, and each answer through its step's gate for every bank problem."""

from __future__ import annotations

import json
import random
from collections.abc import Mapping
from typing import Any

import pytest

from alpaco.bank.catalog import BankProblem, load_bank
from alpaco.bank.inputs import build_inputs
from alpaco.services.generator.inputs import probes
from alpaco.services.generator.offline import answers, programs
from alpaco.services.generator.offline.shelf import Pick, Shelf
from alpaco.services.generator.offline.theme import theme_words
from alpaco.services.generator.steps.base import accept
from alpaco.services.generator.steps.checkers import GENERATOR, VALIDATOR
from alpaco.services.generator.steps.constraints import CONSTRAINTS
from alpaco.services.generator.steps.intent import INTENT
from alpaco.services.generator.steps.solutions import BRUTE, SOLUTION
from alpaco.services.generator.steps.tests import TESTS

BANK = load_bank()


@pytest.mark.parametrize(
    ("prompt", "theme"),
    [
        ("a BFS problem about a strawberry farm, medium", ["strawberry", "farm"]),
        ("딸기가 등장하는 피보나치 문제", ["딸기"]),
        ("Make me a dynamic programming problem", []),
        ("이분 탐색 문제를 만들어줘", []),
    ],
)
def test_theme_words_leave_out_the_algorithm_and_the_filler(prompt: str, theme: list[str]) -> None:
    assert theme_words(prompt) == theme


def item_of(bp: BankProblem) -> dict[str, Any]:
    """A bank item as the seeder stores it, with the generated tests' rationales (no outputs)."""
    cases = [
        {
            "input": t.data,
            "expected_output": None,
            "rationale": t.rationale,
            "isSample": t.is_sample,
        }
        for t in build_inputs(bp)
    ]
    return {
        "problemId": bp.bank_id,
        "bankId": bp.bank_id,
        "title": bp.title_en,
        "title_translated": bp.title_ko,
        "description": bp.statement_en,
        "description_translated": bp.statement_ko,
        "difficulty": bp.difficulty,
        "tags": list(bp.tags),
        "mode": bp.mode,
        "solutionCode": bp.reference_code,
        "bruteForceCode": bp.brute_code,
        "startCode": bp.start_code,
        "generatorCode": bp.generator_code,
        "finalTestCases": json.dumps(cases),
        "constraints": json.dumps(
            {
                "time_limit_seconds": bp.time_limit_seconds,
                "memory_limit_mb": bp.memory_limit_mb,
                "input_constraints": bp.input_constraints,
                "judge_type": bp.judge_type,
                **({"epsilon": bp.epsilon} if bp.epsilon else {}),
            }
        ),
    }


def run_module(source: str) -> dict[str, Any]:
    namespace: dict[str, Any] = {}
    exec(compile(source, "<offline answer>", "exec"), namespace)  # noqa: S102 - bank code, trusted
    return namespace


@pytest.mark.parametrize("bp", BANK, ids=[bp.bank_id for bp in BANK])
def test_every_offline_answer_passes_its_gate(bp: BankProblem) -> None:
    item = item_of(bp)
    pick = Pick(item, "moon base", 7, bp.difficulty, bp.mode)
    facts: Mapping[str, Any] = {"mode": bp.mode, "difficulty": bp.difficulty}
    for step, answer in [
        (INTENT, answers.intent),
        (TESTS, answers.tests),
        (SOLUTION, answers.solution),
        (BRUTE, answers.brute),
        (VALIDATOR, answers.validator),
        (GENERATOR, answers.generator),
        (CONSTRAINTS, answers.constraints),
    ]:
        accept(step, json.dumps(answer(pick, {})), facts)


@pytest.mark.parametrize("bp", BANK, ids=[bp.bank_id for bp in BANK])
def test_the_cut_out_programs_work_alone(bp: BankProblem) -> None:
    """The validator accepts the bank's inputs and refuses every probe made from them; the
    generator makes what the bank's own generator makes."""
    pick = Pick(item_of(bp), "", 7, bp.difficulty, bp.mode)
    validate = run_module(answers.validator(pick, {})["code"])["validate"]
    for sample in bp.samples:
        validate(sample)
    accepted = [
        what for what, probe in probes(list(bp.samples), bp.mode) if _accepts(validate, probe)
    ]
    assert accepted == []
    made = answers.generator(pick, {})
    generate = run_module(made["code"])["generate"]
    assert generate(random.Random(3), 5) == bp.generate(random.Random(3), 5)
    assert made["small_size"] == programs.constant(bp.generator_code, "BRUTE_MAX_SIZE")
    assert made["max_size"] == max(entry.size for entry in bp.plan)


def _accepts(validate: Any, probe: Any) -> bool:
    try:
        validate(probe)
    except Exception:
        return False
    return True


def test_constants_are_read_only_when_they_are_plain_arithmetic() -> None:
    source = "A = 10**4\nB = 5 * A\nC = len('x')\nD = B // 2 - 1\n"
    assert programs.constant(source, "B") == 50_000
    assert programs.constant(source, "D") == 24_999
    assert programs.constant(source, "C") is None
    assert programs.constant(source, "E") is None


def test_the_pick_is_the_same_for_every_step_of_a_generation() -> None:
    items = [item_of(bp) for bp in BANK]
    shelf = Shelf(lambda: items)
    context = {"user_prompt": "a graph problem", "difficulty": "Medium", "mode": "function"}
    picked = {shelf.pick({**context, "seed": "gen-1"}).item["bankId"] for _ in range(5)}
    assert len(picked) == 1
    tags = {i["bankId"]: i["tags"] for i in items}
    assert "graphs" in tags[picked.pop()]
    vague = {**context, "user_prompt": "a problem about the sea", "difficulty": "Hard"}
    across = {shelf.pick({**vague, "seed": f"gen-{n}"}).item["bankId"] for n in range(30)}
    assert len(across) > 1  # ties are broken by the seed: the same prompt may give another problem


@pytest.mark.parametrize(
    ("prompt", "mode", "bank_id"),
    [
        ("딸기가 등장하는 피보나치 문제", "function", "fibonacci_dp"),
        ("a BFS problem about a strawberry farm", "stdio", "grid_shortest_path"),
        ("palindromes in a library", "function", "longest_palindrome"),
        ("이분 탐색 문제를 만들어줘", "function", "binary_search"),
    ],
)
def test_a_prompt_picks_a_matching_bank_problem(prompt: str, mode: str, bank_id: str) -> None:
    shelf = Shelf(lambda: [item_of(bp) for bp in BANK])
    context = {"user_prompt": prompt, "difficulty": "Medium", "mode": mode, "seed": "s"}
    assert shelf.pick(context).item["bankId"] == bank_id


def test_the_shelf_reads_the_bank_once_until_it_is_stale() -> None:
    reads: list[float] = []
    now = [0.0]

    def source() -> list[dict[str, Any]]:
        reads.append(now[0])
        return [item_of(BANK[0])]

    shelf = Shelf(source, clock=lambda: now[0])
    shelf.items()
    shelf.items()
    now[0] = 601.0
    shelf.items()
    assert reads == [0.0, 601.0]
