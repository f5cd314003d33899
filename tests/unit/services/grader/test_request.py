from __future__ import annotations

from typing import Any

import pytest

from alpaco.kernel.http import BadRequest, PayloadTooLarge
from alpaco.services.grader.request import (
    CustomRunRequest,
    FindBugRequest,
    GradeRequest,
    parse_request,
)

CODE = "def solution(x):\n    return x\n"


def test_grade_submission_is_the_default_mode() -> None:
    request = parse_request({"problemId": "p1", "userCode": CODE, "language": "python"})
    assert request == GradeRequest(problem_id="p1", code=CODE, language="python3.12")


def test_a_client_submission_id_is_ignored() -> None:
    request = parse_request({"problemId": "p1", "userCode": CODE, "submissionId": "mine"})
    assert "mine" not in repr(request)


def test_run_custom_tests_keeps_the_inputs_and_an_optional_problem() -> None:
    body = {"executionMode": "RUN_CUSTOM_TESTS", "userCode": CODE, "customTestCases": [5, [1, 2]]}
    assert parse_request(body) == CustomRunRequest(
        problem_id=None, code=CODE, language="python3.12", inputs=(5, [1, 2])
    )
    with_problem = parse_request({**body, "problemId": "p9"})
    assert isinstance(with_problem, CustomRunRequest)
    assert with_problem.problem_id == "p9"


def test_find_my_bug_needs_a_problem() -> None:
    body = {"executionMode": "FIND_MY_BUG", "userCode": CODE, "customTestCases": [1]}
    assert parse_request({**body, "problemId": "p3"}) == FindBugRequest(
        problem_id="p3", code=CODE, language="python3.12"
    )
    with pytest.raises(BadRequest, match="Missing problemId for FIND_MY_BUG"):
        parse_request(body)


@pytest.mark.parametrize("language", [None, "", "python", "Python3", "python3.12", "py"])
def test_python_names_are_python_3_12(language: Any) -> None:
    request = parse_request({"problemId": "p", "userCode": CODE, "language": language})
    assert request.language == "python3.12"


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ({"executionMode": "RUN", "problemId": "p", "userCode": CODE}, "Unknown executionMode"),
        ({"problemId": "p"}, "userCode"),
        ({"problemId": "p", "userCode": "   "}, "userCode"),
        ({"problemId": "p", "userCode": 5}, "userCode"),
        ({"problemId": "p", "userCode": "x = '\ud800'"}, "userCode"),
        ({"problemId": "\udfff", "userCode": CODE}, "problemId"),
        ({"userCode": CODE}, "Missing problemId"),
        ({"userCode": CODE, "problemId": 7}, "problemId"),
        ({"userCode": CODE, "problemId": "x" * 129}, "problemId"),
        ({"userCode": CODE, "problemId": "p", "language": "java"}, "only Python"),
        ({"executionMode": "RUN_CUSTOM_TESTS", "userCode": CODE}, "must be a list"),
        (
            {"executionMode": "RUN_CUSTOM_TESTS", "userCode": CODE, "customTestCases": {}},
            "must be a list",
        ),
    ],
)
def test_malformed_requests_are_400(body: dict[str, Any], message: str) -> None:
    with pytest.raises(BadRequest, match=message):
        parse_request(body)


@pytest.mark.parametrize(
    "body",
    [
        {"problemId": "p", "userCode": "#" * (64 * 1024 + 1)},
        {"executionMode": "RUN_CUSTOM_TESTS", "userCode": CODE, "customTestCases": [0] * 21},
        {
            "executionMode": "RUN_CUSTOM_TESTS",
            "userCode": CODE,
            "customTestCases": ["x" * 70_000],
        },
    ],
)
def test_oversized_requests_are_413(body: dict[str, Any]) -> None:
    with pytest.raises(PayloadTooLarge):
        parse_request(body)
