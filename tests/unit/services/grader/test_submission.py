from __future__ import annotations

import pytest

from alpaco.services.grader.grading import failed_grading, grade
from alpaco.services.grader.problem import Problem, ProblemCase, ProblemLimits
from alpaco.services.grader.submission import (
    Submitter,
    Titles,
    grade_response,
    submission_item,
    titles,
)

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


def item_for(grading_status: str = "ok") -> dict[str, object]:
    grading = (
        grade(PROBLEM, [OK, {**OK, "returnValue": 5, "executionTimeMs": 40}])
        if grading_status == "ok"
        else failed_grading("executor down", total=2)
    )
    return submission_item(
        submission_id="s1",
        problem_id="p1",
        problem_titles=Titles("Sum", "합"),
        submitter=Submitter(user_id="sub-1", author="Alice"),
        language="python3.12",
        code="def solution(x): ...",
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
