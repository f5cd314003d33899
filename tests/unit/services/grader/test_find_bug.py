"""Find my bug on a toy problem, with the executor run in-process (its sandbox is tested on its
own; the bank's problems are found over real HTTP in tests/integration/grader/)."""

from __future__ import annotations

import json
from typing import Any

import pytest

from alpaco.kernel.http import Conflict
from alpaco.services.grader.find_bug import (
    BUDGET_SECONDS,
    MAX_TRIES,
    SEARCH_SECONDS,
    Budget,
    Stop,
    hunt,
)
from alpaco.services.grader.oracle import Oracle
from alpaco.services.grader.problem import read_judging
from alpaco.services.grader.programs import programs_of
from alpaco.services.grader.request import FindBugRequest
from alpaco.services.grader.service import Ports, find_my_bug

SKIPS_THE_FIRST = "def solution(data):\n    return sum(data[1:])\n"
CORRECT = (
    "def solution(data):\n    total = 0\n    for x in data:\n        total += x\n    return total\n"
)


def ports(executor: Any, item: dict[str, Any], problems_of: Any) -> Ports:
    return Ports(invoker=executor, problems=problems_of(item), submissions=None)  # type: ignore[arg-type]


def find(code: str, item: dict[str, Any], executor: Any, problems_of: Any) -> dict[str, Any]:
    request = FindBugRequest(problem_id=item["problemId"], code=code, language="python3.12")
    return find_my_bug(request, "user-1", ports(executor, item, problems_of))


def test_a_bug_is_found_and_shrunk_to_a_small_valid_input(
    toy: Any, executor_factory: Any, problems_of: Any
) -> None:
    answer = find(SKIPS_THE_FIRST, toy.item(), executor_factory(), problems_of)
    assert answer["executionMode"] == "FIND_MY_BUG_RESULTS"
    assert answer["found"] is True
    assert answer["verdict"] == "WRONG_ANSWER"
    shrunk = answer["input"]
    assert len(shrunk) == 1, shrunk
    assert abs(shrunk[0]) == 1, shrunk
    assert toy.is_valid(shrunk)
    assert (answer["expectedOutput"], answer["actualOutput"]) == (shrunk[0], 0)
    assert answer["shrinkSteps"] >= 1
    assert answer["inputChars"] == len(json.dumps(shrunk)) <= answer["foundInputChars"]
    assert 0 < answer["tries"] <= MAX_TRIES
    assert answer["message"].startswith("WRONG_ANSWER on this input, found after")


def test_a_crash_is_a_difference_too(toy: Any, executor_factory: Any, problems_of: Any) -> None:
    crashes = "def solution(data):\n    return sum(data) // (data[0] - data[-1])\n"
    answer = find(crashes, toy.item(), executor_factory(), problems_of)
    assert answer["found"] is True
    assert answer["verdict"] in ("RUNTIME_ERROR", "WRONG_ANSWER")
    assert toy.is_valid(answer["input"])


def test_a_correct_solution_gets_an_honest_no(
    toy: Any, executor_factory: Any, problems_of: Any
) -> None:
    answer = find(CORRECT, toy.item(), executor_factory(), problems_of)
    assert answer["found"] is False
    assert answer["tries"] == MAX_TRIES
    assert answer["message"] == f"No difference found in {MAX_TRIES} tries."
    assert (answer["input"], answer["expectedOutput"], answer["actualOutput"]) == (None, None, None)
    assert answer["budget"] == {"seconds": BUDGET_SECONDS, "tries": MAX_TRIES}


def test_the_bank_layout_with_both_functions_in_one_program_works(
    toy: Any, executor_factory: Any, problems_of: Any
) -> None:
    item = toy.item(validatorCode=None, generatorCode=toy.validate + toy.generate)
    answer = find(SKIPS_THE_FIRST, item, executor_factory(), problems_of)
    assert answer["found"] is True
    assert len(answer["input"]) == 1


def test_without_a_validator_the_found_input_is_not_shrunk(
    toy: Any, executor_factory: Any, problems_of: Any
) -> None:
    answer = find(SKIPS_THE_FIRST, toy.item(validatorCode=None), executor_factory(), problems_of)
    assert answer["found"] is True
    assert answer["shrinkSteps"] == 0
    assert answer["inputChars"] == answer["foundInputChars"]


@pytest.mark.parametrize("missing", ["solutionCode", "generatorCode"])
def test_a_problem_without_a_reference_or_generator_is_a_409(
    missing: str, toy: Any, executor_factory: Any, problems_of: Any
) -> None:
    with pytest.raises(Conflict, match="reference solution and input generator"):
        find(SKIPS_THE_FIRST, toy.item(**{missing: None}), executor_factory(), problems_of)


def test_the_same_code_gets_the_same_answer(
    toy: Any, executor_factory: Any, problems_of: Any
) -> None:
    first = find(SKIPS_THE_FIRST, toy.item(), executor_factory(), problems_of)
    again = find(SKIPS_THE_FIRST, toy.item(), executor_factory(), problems_of)
    assert (first["input"], first["tries"]) == (again["input"], again["tries"])


class NoTests(dict[str, Any]):
    """A problem item whose stored tests must never be read."""

    def get(self, key: str, default: Any = None) -> Any:
        assert key != "finalTestCases", "find-my-bug read the stored tests"
        return super().get(key, default)

    def __getitem__(self, key: str) -> Any:
        assert key != "finalTestCases", "find-my-bug read the stored tests"
        return super().__getitem__(key)


def test_the_stored_tests_are_never_read(toy: Any, executor_factory: Any, problems_of: Any) -> None:
    item = NoTests(toy.item(finalTestCases=json.dumps([{"input": [7], "expected_output": 7}])))
    answer = find(SKIPS_THE_FIRST, item, executor_factory(), problems_of)
    assert answer["found"] is True
    assert toy.is_valid(answer["input"])


@pytest.mark.parametrize("code", [CORRECT, SKIPS_THE_FIRST], ids=["search", "shrink"])
def test_every_call_fits_in_what_is_left_of_the_budget(
    code: str, toy: Any, executor_factory: Any, fake_clock: Any
) -> None:
    # The generator's calls and the student's take 1.5 s each (the validator and the reference
    # run beside the student's): the budget, not the tries, ends the hunt.
    executor = executor_factory(fake_clock, cost=1.5, paced=(code, toy.generate))
    item = toy.item()
    oracle = Oracle(executor, "user-1", read_judging(item), programs_of(item), code)
    budget = Budget(clock=fake_clock)
    found = hunt(oracle, programs_of(item).generator or "", seed=7, budget=budget)
    assert len(executor.timed) >= 3
    for started, payload in executor.timed:
        elapsed = started - budget.started
        assert payload["deadline_ms"] <= (BUDGET_SECONDS - elapsed) * 1000
        if found.failure is None:
            assert payload["deadline_ms"] <= (SEARCH_SECONDS - elapsed) * 1000
    assert found.stop is (Stop.TIME if found.failure is None else Stop.FOUND)
    assert budget.elapsed() <= BUDGET_SECONDS
