"""Every retry and gate, driven by scripted answers: malformed JSON, truncated arrays, a solution
that crashes, a brute force that disagrees, validators that reject or accept everything, a
generator out of bounds, a start code the executor cannot call, a failing review, a step that
never succeeds, and a client that goes away."""

from __future__ import annotations

import json
from collections.abc import Callable

from tests.unit.services.generator.conftest import Run

from alpaco.services.generator.errors import Cancelled, GenerationFailed
from alpaco.services.generator.offline.statement import parse
from alpaco.services.problems import repository as problems_repository
from alpaco.services.problems.filters import ProblemFilters

Good = Callable[..., str]
PAIRS = "pair_sum_count"


def code(source: str, **extra: str) -> str:
    return json.dumps({"code": source, **extra})


def test_malformed_json_is_retried_with_the_error(run_generation: Run, good: Good) -> None:
    generation = run_generation(PAIRS, {"intent": ['{"goal": "count', good(PAIRS, "intent")]})
    assert generation.error is None
    assert generation.calls["intent"] == 2
    assert "step1_failed_attempt_0" in generation.statuses
    assert "step1_complete_attempt_1" in generation.statuses


def test_a_truncated_test_list_keeps_its_complete_cases(run_generation: Run, good: Good) -> None:
    text = good(PAIRS, "tests")
    cut = text[: text.rindex('{"input"')] + '{"input": {"nums": [1, 2'
    generation = run_generation(PAIRS, {"tests": [cut]})
    assert generation.error is None
    assert generation.calls["tests"] == 1
    assert any("truncated" in update.message for update in generation.progress)


def test_a_crashing_solution_is_regenerated_with_its_error(run_generation: Run, good: Good) -> None:
    crash = code("def solution(data):\n    return data['nums'][99]\n", start_code="")
    generation = run_generation(PAIRS, {"solution": [crash, good(PAIRS, "solution")]})
    assert generation.error is None
    assert generation.calls["solution"] == 2
    assert "step4_failed_attempt_0" in generation.statuses
    assert "step4_regenerate_attempt_0" in generation.statuses
    assert "IndexError" in " ".join(u.message for u in generation.progress)


def test_a_disagreeing_brute_force_is_outvoted_and_replaced(
    run_generation: Run, good: Good
) -> None:
    wrong = code(
        "def solution(data):\n    nums, k = data['nums'], data['k']\n"
        "    return sum(1 for i in range(len(nums)) for j in range(i + 1, len(nums))"
        " if nums[i] + nums[j] < k)\n"
    )
    generation = run_generation(PAIRS, {"brute": [wrong, good(PAIRS, "brute")]})
    assert generation.error is None
    assert generation.calls["brute"] == 2  # the brute force, then the third opinion
    assert generation.calls["solution"] == 1  # the reference won the vote
    assert generation.stored["bruteForceCode"] == json.loads(good(PAIRS, "brute"))["code"]


def test_a_reference_outvoted_by_two_is_regenerated(run_generation: Run, good: Good) -> None:
    strict = json.loads(good(PAIRS, "solution"))
    strict["code"] = strict["code"].replace("<= k", "< k")
    generation = run_generation(PAIRS, {"solution": [json.dumps(strict), good(PAIRS, "solution")]})
    assert generation.error is None
    assert generation.calls["solution"] == 2
    assert generation.calls["brute"] == 2  # the third opinion sided with the brute force


def test_a_validator_rejecting_everything_is_regenerated(run_generation: Run, good: Good) -> None:
    refuse = code("def validate(data):\n    raise ValueError('nothing is valid')\n")
    generation = run_generation(PAIRS, {"validator": [refuse, good(PAIRS, "validator")]})
    assert generation.error is None
    assert generation.calls["validator"] == 2
    assert generation.calls["generator"] == 1
    assert generation.calls["tests"] == 1


def test_a_validator_accepting_everything_is_regenerated(run_generation: Run, good: Good) -> None:
    lax = code("def validate(data):\n    return None\n")
    generation = run_generation(PAIRS, {"validator": [lax, good(PAIRS, "validator")]})
    assert generation.error is None
    assert generation.calls["validator"] == 2


def test_a_generator_out_of_bounds_is_regenerated(run_generation: Run, good: Good) -> None:
    answer = json.loads(good(PAIRS, "generator"))
    answer["code"] = answer["code"].replace("LIMIT = 10**6", "LIMIT = 10**7")
    generation = run_generation(
        PAIRS, {"generator": [json.dumps(answer), good(PAIRS, "generator")]}
    )
    assert generation.error is None
    assert generation.calls["generator"] == 2
    assert generation.calls["validator"] == 1


def test_a_start_code_the_executor_cannot_call_is_rewritten(
    run_generation: Run, good: Good
) -> None:
    answer = json.loads(good(PAIRS, "solution"))
    answer["start_code"] = "def solution(nums, k):\n    return 0\n"
    generation = run_generation(PAIRS, {"solution": [json.dumps(answer)]})
    assert generation.error is None
    assert generation.calls["start_code"] == 1
    assert generation.stored["startCode"].startswith(
        "from typing import Any\n\n\ndef solution(data"
    )


def test_a_failing_review_sends_the_solution_back(run_generation: Run, good: Good) -> None:
    fail = json.dumps(
        {
            "status": "Fail",
            "details": "The solution ignores the tie rule for equal moods.",
            "regenerate": ["solution"],
        }
    )
    generation = run_generation(PAIRS, {"validation": [fail, good(PAIRS, "validation")]})
    assert generation.error is None
    assert (generation.calls["validation"], generation.calls["solution"]) == (2, 2)
    assert generation.calls["description"] == 2


def test_a_title_that_fails_its_gate_is_asked_for_alone(run_generation: Run) -> None:
    generation = run_generation(
        PAIRS, tweaks={"description": lambda a: {**a, "title": "**" + "Long " * 20}}
    )
    assert generation.error is None
    assert (generation.calls["description"], generation.calls["title"]) == (1, 1)
    assert generation.stored["title"].startswith("Calm Pen Pairs")


def test_a_description_without_the_samples_is_refused(run_generation: Run, good: Good) -> None:
    other_samples = [{"input": {"nums": [1], "k": 1}, "output": 0}]
    generation = run_generation(
        PAIRS, {"description": [good(PAIRS, "description", samples=other_samples)]}
    )
    assert isinstance(generation.error, GenerationFailed)
    assert "The description step failed" in str(generation.error)
    assert "example 1 must show the input" in str(generation.error)
    assert generation.calls["description"] == 3


def test_an_untranslatable_statement_keeps_the_english(run_generation: Run) -> None:
    generation = run_generation(PAIRS, {"translation": ['{"title": "Pens", "description": "no"}']})
    assert generation.error is None
    assert generation.calls["translation"] == 3
    stored = generation.stored
    assert stored["title_translated"] == stored["title"]
    assert stored["description_translated"] == stored["description"]
    assert "translation" in stored["translationError"]
    assert parse(stored["description"]).sections[0][0] == "### Input"


def test_a_step_that_never_succeeds_fails_the_generation(run_generation: Run) -> None:
    bogus = json.dumps(
        {
            "time_limit_seconds": 1,
            "memory_limit_mb": 256,
            "input_constraints": "n <= 10",
            "judge_type": "close_enough",
        }
    )
    generation = run_generation(PAIRS, {"constraints": [bogus]})
    assert isinstance(generation.error, GenerationFailed)
    assert "The constraints step failed after 3 attempts" in str(generation.error)
    assert generation.calls["constraints"] == 3
    stored = generation.stored
    assert stored["generationStatus"] == "error"
    assert "judge_type must be one of" in stored["errorMessage"]
    listed = problems_repository.list_problems(ProblemFilters(), page_size=100, cursor=None)
    assert generation.problem_id not in {item["problemId"] for item in listed.items}


def test_a_solution_that_stays_wrong_fails_after_bounded_repairs(run_generation: Run) -> None:
    crash = code("def solution(data):\n    return 1 // 0\n", start_code="")
    generation = run_generation(PAIRS, {"solution": [crash]})
    assert isinstance(generation.error, GenerationFailed)
    assert "still wrong after 3 repairs" in str(generation.error)
    assert generation.calls["solution"] == 4
    assert generation.stored["generationStatus"] == "error"


def test_a_client_that_goes_away_stops_the_pipeline(run_generation: Run) -> None:
    progress: list[str] = []

    def cancelled() -> bool:
        progress.append("checked")
        return len(progress) > 3

    generation = run_generation(PAIRS, cancelled=cancelled)
    assert isinstance(generation.error, Cancelled)
    assert sum(generation.calls.values()) < 5
    stored = generation.stored
    assert stored["generationStatus"] == "error"
    assert "cancelled" in stored["errorMessage"]
