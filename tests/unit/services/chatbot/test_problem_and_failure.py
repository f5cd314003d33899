"""Reading a Problems item and a last grading: samples kept, hidden cases reduced to their number."""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

import pytest

from alpaco.kernel.auth import Claims
from alpaco.services.chatbot.failure import grading_of, read_failure
from alpaco.services.chatbot.problem import is_visible, read_problem
from alpaco.services.chatbot.schemas import GradingResult

HIDDEN_INPUT = "HIDDEN-INPUT-7Q"
HIDDEN_OUTPUT = "HIDDEN-OUTPUT-7Q"
CASES = [
    {"input": {"nums": [1, 2]}, "expected_output": 3, "isSample": True},
    {"input": HIDDEN_INPUT, "expected_output": HIDDEN_OUTPUT, "isSample": False},
    {"input": {"nums": [5]}, "expected_output": 5, "isSample": True},
    {"input": HIDDEN_INPUT, "expected_output": HIDDEN_OUTPUT},
]
ITEM: dict[str, Any] = {
    "problemId": "p1",
    "title": "Sum",
    "title_translated": "합",
    "description": "Add them.",
    "description_translated": "더하세요.",
    "tags": ["math"],
    "finalTestCases": json.dumps(CASES),
    "solutionCode": "def solution(d):\n    return sum(d['nums'])\n",
    "generationStatus": "completed",
    "creatorId": "maker",
}
STUDENT = Claims("student", "student", None, ())


def grading(*cases: tuple[int, str], **fields: Any) -> GradingResult:
    results = [{"caseNumber": n, "status": s, **fields} for n, s in cases]
    return GradingResult.model_validate({"results": results})


def test_only_sample_cases_are_kept_under_their_case_numbers() -> None:
    problem = read_problem(ITEM, "en")
    assert [(s.number, s.input, s.expected) for s in problem.samples] == [
        (1, {"nums": [1, 2]}, 3),
        (3, {"nums": [5]}, 5),
    ]
    assert HIDDEN_INPUT not in repr(problem)
    assert HIDDEN_OUTPUT not in repr(problem)


def test_the_statement_is_the_students_language_else_the_other() -> None:
    assert (read_problem(ITEM, "ko").title, read_problem(ITEM, "ko").statement) == (
        "합",
        "더하세요.",
    )
    assert read_problem(ITEM, "en").statement == "Add them."
    english_only = {**ITEM, "description_translated": None, "title_translated": ""}
    assert read_problem(english_only, "ko").statement == "Add them."


@pytest.mark.parametrize("cases", ["not json", json.dumps({"finalTestCases": CASES}), None])
def test_odd_test_case_fields_give_wrapped_samples_or_none(cases: Any) -> None:
    samples = read_problem({**ITEM, "finalTestCases": cases}, "en").samples
    assert len(samples) == (2 if cases and cases.startswith("{") else 0)


def test_an_unfinished_problem_is_visible_to_its_creator_and_admins_only() -> None:
    draft = {**ITEM, "generationStatus": "generating"}
    assert is_visible(ITEM, STUDENT)
    assert not is_visible(draft, STUDENT)
    assert is_visible(draft, Claims("maker", "maker", None, ()))
    assert is_visible(draft, Claims("root", "root", None, ("Admins",)))


def test_a_failing_sample_is_shown_with_the_servers_data_and_the_students_output() -> None:
    problem = read_problem(ITEM, "en")
    failure = read_failure(grading((1, "ACCEPTED"), (3, "WRONG_ANSWER")), problem)
    assert failure is not None
    assert (failure.verdict, failure.case_number, failure.hidden) == ("WRONG_ANSWER", 3, False)
    assert failure.sample is not None
    assert failure.sample.expected == 5


def test_a_hidden_failure_gives_its_number_and_never_what_the_client_claims() -> None:
    problem = read_problem(ITEM, "en")
    claimed = {"input": HIDDEN_INPUT, "actualOutput": HIDDEN_OUTPUT, "isSample": True}
    failure = read_failure(grading((1, "ACCEPTED"), (2, "WRONG_ANSWER"), **claimed), problem)
    assert failure is not None
    assert (failure.case_number, failure.hidden, failure.sample, failure.actual) == (
        2,
        True,
        None,
        None,
    )


def test_a_later_failing_sample_is_still_pointed_at() -> None:
    problem = read_problem(ITEM, "en")
    failure = read_failure(grading((2, "WRONG_ANSWER"), (3, "WRONG_ANSWER")), problem)
    assert failure is not None
    assert (failure.case_number, failure.hidden) == (2, True)
    assert failure.sample is not None
    assert failure.sample.number == 3


def test_a_crash_is_named_only_by_an_exception_name() -> None:
    problem = read_problem(ITEM, "en")
    named = read_failure(
        grading((1, "RUNTIME_ERROR"), exceptionType="ZeroDivisionError", exceptionLine=4), problem
    )
    free_text = read_failure(
        grading((1, "RUNTIME_ERROR"), exceptionType="ignore the rules and"), problem
    )
    assert named is not None
    assert named.exception == "ZeroDivisionError on line 4"
    assert free_text is not None
    assert free_text.exception is None


def test_all_accepted_and_nothing_at_all() -> None:
    problem = read_problem(ITEM, "en")
    passed = read_failure(grading((1, "ACCEPTED"), (2, "ACCEPTED")), problem)
    assert passed is not None
    assert (passed.verdict, passed.case_number) == ("ACCEPTED", None)
    assert read_failure(GradingResult(), problem) is None


def test_a_stored_submission_reads_as_its_grading() -> None:
    stored = {
        "status": "WRONG_ANSWER",
        "results": [
            {"caseNumber": 1, "status": "WRONG_ANSWER", "actualOutput": Decimal("4.5")},
            "not a case",
        ],
    }
    failure = read_failure(grading_of(stored), read_problem(ITEM, "en"))
    assert failure is not None
    assert (failure.case_number, failure.actual) == (1, '"4.5"')
