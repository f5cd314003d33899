from __future__ import annotations

import json
from typing import Any

import pytest

from alpaco.kernel.dynamo import MAX_ITEM_BYTES, item_bytes
from alpaco.services.grader.grading import Grading, failed_grading, grade
from alpaco.services.grader.problem import Problem, ProblemCase, ProblemLimits
from alpaco.services.grader.submission import (
    Submitter,
    Titles,
    fit_item,
    grade_response,
    submission_item,
    titles,
)

CODE = "def solution(x): ..."

PROBLEM = Problem(
    problem_id="p1",
    title="Sum",
    title_translated="합",
    limits=ProblemLimits(mode="function", time_limit_seconds=1.0, memory_limit_mb=64),
    judge_type="equal",
    epsilon=None,
    cases=(ProblemCase(1, [1, 2], 3, True), ProblemCase(2, [2, 2], 4, False)),
)
OK = {"status": "OK", "returnValue": 3, "executionTimeMs": 20, "peakMemoryKb": 100}


def item_for(grading_status: str = "ok") -> dict[str, Any]:
    grading = (
        grade(PROBLEM, [OK, {**OK, "returnValue": 5, "executionTimeMs": 40}], code=CODE)
        if grading_status == "ok"
        else failed_grading("executor down", total=2)
    )
    return stored(grading, CODE)


def stored(grading: Grading, code: str) -> dict[str, Any]:
    return submission_item(
        submission_id="s1",
        problem_id="p1",
        problem_titles=Titles("Sum", "합"),
        submitter=Submitter(user_id="sub-1", author="Alice"),
        language="python3.12",
        code=code,
        submitted_at=1_700_000_000,
        grading=grading,
    )


def test_the_item_has_every_original_attribute_and_the_score() -> None:
    item = item_for()
    assert item == {
        "submissionId": "s1",
        "problemId": "p1",
        "problemTitle": "Sum",
        "problemTitleTranslated": "합",
        "userId": "sub-1",
        "author": "Alice",
        "language": "python3.12",
        "status": "WRONG_ANSWER",
        "executionTime": 0.04,
        "memoryKb": 100,
        "results": item["results"],
        "score": 50,
        "passedCaseCount": 1,
        "totalCaseCount": 2,
        "submissionTime": 1_700_000_000,
        "userCode": "def solution(x): ...",
        "errorMessage": "Failed at test case 2: WRONG_ANSWER",
        "is_submission": "Y",
    }
    assert [r["status"] for r in item["results"]] == ["ACCEPTED", "WRONG_ANSWER"]  # type: ignore[attr-defined]


def test_a_failed_grading_stores_no_results_and_no_memory() -> None:
    item = item_for("failed")
    assert item["status"] == "INTERNAL_ERROR"
    assert item["results"] == []
    assert "memoryKb" not in item
    assert item["errorMessage"] == "Grading failed: executor down"


def test_the_response_has_the_original_fields_with_numbers() -> None:
    response = grade_response(item_for())
    assert response["executionMode"] == "GRADE_SUBMISSION_RESULTS"
    assert response["submissionId"] == "s1"
    assert isinstance(response["executionTime"], float)
    assert all(isinstance(r["executionTime"], float) for r in response["results"])
    assert (response["score"], response["passedCaseCount"], response["totalCaseCount"]) == (
        50,
        1,
        2,
    )
    assert "userCode" not in response
    assert response["resultsClipped"] is False


@pytest.mark.parametrize(
    ("item", "expected"),
    [
        ({"title": "A", "title_translated": "가"}, ("A", "가")),
        ({"title": "A", "title_translated": ""}, ("A", "A")),
        ({"title": "  ", "title_translated": "가"}, ("가", "가")),
        ({}, ("Problem p1", "Problem p1")),
        (None, ("Problem p1", "Problem p1")),
    ],
)
def test_titles_are_never_empty(item: dict[str, str] | None, expected: tuple[str, str]) -> None:
    found = titles(item, "p1")
    assert (found.title, found.translated) == expected


def test_an_empty_author_falls_back_to_the_user_id() -> None:
    item = submission_item(
        submission_id="s",
        problem_id="p",
        problem_titles=Titles("t", "t"),
        submitter=Submitter(user_id="sub-9", author=""),
        language="python3.12",
        code="x",
        submitted_at=1,
        grading=failed_grading("x", total=0),
    )
    assert item["author"] == "sub-9"


WIDE = "\U0001d11e"  # four UTF-8 bytes, the most a character costs
BIG_CODE = WIDE * (64 * 1024 // 4)


def many_samples(count: int, hidden: int = 0) -> Problem:
    """Cases whose previews are as long as a preview gets, most of them samples."""
    big = [WIDE * 10] * 500
    cases = tuple(
        ProblemCase(n, big, [n, *big], is_sample=n <= count) for n in range(1, count + hidden + 1)
    )
    return Problem("p1", "Sum", "합", PROBLEM.limits, "equal", None, cases)


def flood(n: int) -> dict[str, Any]:
    """Every case prints as much as it may; odd ones return a huge value, even ones crash."""
    if n % 2:
        return {**OK, "returnValue": [WIDE] * 5000, "stdout": WIDE * 9000, "stderr": WIDE * 9000}
    return {
        "status": "RE",
        "stdout": WIDE * 9000,
        "stderr": WIDE * 9000,
        "exceptionType": WIDE * 30_000,
        "exceptionLine": 10**9,
    }


def test_a_small_item_is_stored_as_is() -> None:
    item = item_for()
    assert fit_item(item) is item
    assert "resultsClipped" not in item


@pytest.mark.parametrize(("samples", "hidden"), [(40, 0), (256, 0), (128, 128)])
def test_the_largest_gradings_still_fit_and_keep_the_code(samples: int, hidden: int) -> None:
    problem = many_samples(samples, hidden)
    results = [flood(n) for n in range(1, samples + hidden + 1)]
    item = stored(grade(problem, results, code=BIG_CODE), BIG_CODE)
    assert item_bytes(item) <= MAX_ITEM_BYTES
    assert len(json.dumps(item, ensure_ascii=False).encode()) < 400 * 1024
    assert item["userCode"] == BIG_CODE
    assert item["resultsClipped"] is True
    assert len(item["results"]) == samples + hidden == item["totalCaseCount"]
    assert item["errorMessage"].startswith("Failed at test case 1: WRONG_ANSWER")
    assert grade_response(item)["results"] == item["results"]
    assert grade_response(item)["resultsClipped"] is True


def test_sample_output_goes_first_and_the_data_stays_when_that_is_enough() -> None:
    problem = many_samples(40)
    item = stored(grade(problem, [flood(1)] * 40, code=CODE), CODE)
    assert item["resultsClipped"] is True
    assert all(case["stdout"] is None and case["stderr"] is None for case in item["results"])
    assert all(isinstance(case["input"], str) for case in item["results"])
    assert all(isinstance(case["actualOutput"], str) for case in item["results"])


def test_clipping_is_deterministic() -> None:
    problem = many_samples(256)
    results = [flood(n) for n in range(1, 257)]
    first = stored(grade(problem, results, code=BIG_CODE), BIG_CODE)
    assert stored(grade(problem, results, code=BIG_CODE), BIG_CODE) == first


def test_past_every_other_step_trailing_results_go_and_the_counts_stay() -> None:
    item = item_for()
    item["errorMessage"] = "Failed at test case 2: WRONG_ANSWER. Details: " + "x" * 10_000
    item["results"] = [case for case in item["results"] if not case["isSample"]] * 100
    limit = item_bytes({**item, "results": []}) - 9_000
    fitted = fit_item(item, limit)
    assert item_bytes(fitted) <= limit
    assert len(fitted["errorMessage"]) == 200
    assert 0 < len(fitted["results"]) < 100
    assert fitted["results"] == item["results"][: len(fitted["results"])]
    assert item_bytes({**fitted, "results": item["results"][: len(fitted["results"]) + 1]}) > limit
    assert (fitted["totalCaseCount"], fitted["passedCaseCount"]) == (2, 1)
    assert fitted["userCode"] == item["userCode"]
