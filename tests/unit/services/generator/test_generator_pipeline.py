"""Whole generations on the happy path: what is asked, what is stored, what is returned."""

from __future__ import annotations

import json
from collections import Counter

from tests.unit.services.generator.conftest import Run

from alpaco.services.grader.problem import read_problem
from alpaco.services.problems.views import public_view

# The original's happy path asked ten times (its translation twice); so do we, in four rounds.
HAPPY_CALLS = Counter(
    {
        "intent": 1,
        "tests": 1,
        "solution": 1,
        "brute": 1,
        "validator": 1,
        "generator": 1,
        "constraints": 1,
        "validation": 1,
        "description": 1,
        "translation": 1,
    }
)
PROBLEM_RESULT = {
    "problemId", "userPrompt", "difficulty", "language", "createdAt", "schemaVersion", "intent",
    "testInputs", "finalTestCases", "validatedSolutionCode", "startCode", "validationDetails",
    "constraints", "judgeType", "description", "title", "title_translated",
    "description_translated", "targetLanguage", "generationStatus", "completedAt", "creatorId",
    "author",
}  # fmt: skip


def test_a_function_problem_is_generated_checked_and_stored(run_generation: Run) -> None:
    generation = run_generation("pair_sum_count")
    assert generation.error is None
    assert generation.calls == HAPPY_CALLS
    payload = generation.payload
    assert payload is not None
    assert set(payload) >= PROBLEM_RESULT
    assert payload["title"] == payload["title_translated"]
    assert payload["title"].endswith("(보통)")
    assert "moon base" in payload["title"]
    assert "epsilon" not in payload

    stored = generation.stored
    assert stored["generationStatus"] == "completed"
    assert "errorMessage" not in stored
    assert stored["creatorId"] == "generator-tests"
    assert stored["difficulty"] == "Medium"
    assert stored["title"].endswith("(Medium)")
    assert {"two-pointers", "sorting"} <= set(stored["tags"])
    for field in ("solutionCode", "bruteForceCode", "validatorCode", "generatorCode", "startCode"):
        assert stored[field].strip(), field
    cases = json.loads(stored["finalTestCases"])
    assert [case["isSample"] for case in cases[:2]] == [True, True]
    assert not any(case["isSample"] for case in cases[2:])
    assert any(case["rationale"].startswith("generated: largest input") for case in cases)
    assert json.loads(stored["constraints"])["time_limit_seconds"] == stored["timeLimitSeconds"]

    problem = read_problem(stored)  # what the grader needs, read strictly
    assert len(problem.cases) == len(cases)
    view = public_view(stored)
    assert len(view["sampleCases"]) == 2
    for sample in view["sampleCases"]:
        assert json.dumps(sample["input"]) in stored["description"]


def test_the_status_follows_the_originals_progression(run_generation: Run) -> None:
    statuses = run_generation("pair_sum_count").statuses
    for expected in (
        "step1_complete_attempt_0",
        "step2_complete_attempt_0",
        "step3_complete_attempt_0",
        "step4_attempt_0",
        "step5_complete_attempt_0",
        "step6_complete_attempt_0",
        "step6_5_complete_attempt_0",
        "step7_complete_attempt_0",
        "step8_complete_attempt_0",
        "step10_complete_attempt_0",
    ):
        assert expected in statuses
    assert statuses.index("step1_complete_attempt_0") < statuses.index("step4_attempt_0")
    assert statuses.index("step5_complete_attempt_0") < statuses.index("step7_complete_attempt_0")
    assert statuses[-1] == "completed"


def test_progress_only_grows_and_names_every_step(run_generation: Run) -> None:
    progress = run_generation("pair_sum_count").progress
    values = [update.progress for update in progress]
    assert values == sorted(values)
    assert 90 <= values[-1] <= 99
    named = {update.step for update in progress}
    assert set(HAPPY_CALLS) | {"execution", "calibration", "finalisation", "start_code"} <= named


def test_a_stdio_problem_is_generated_with_text_tests(run_generation: Run) -> None:
    generation = run_generation("balanced_brackets", difficulty="Easy")
    assert generation.error is None, generation.error
    stored = generation.stored
    assert stored["mode"] == "stdio"
    assert stored["judgeType"] in ("equal", "tokens", "lines")
    cases = json.loads(stored["finalTestCases"])
    assert all(isinstance(c["input"], str) and isinstance(c["expected_output"], str) for c in cases)
    assert read_problem(stored).limits.mode == "stdio"
