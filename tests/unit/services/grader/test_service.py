from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest

from alpaco.kernel.http import BadRequest, InternalError, NotFound
from alpaco.kernel.invoke import InvokeError
from alpaco.services.grader.request import CustomRunRequest, GradeRequest
from alpaco.services.grader.service import (
    PLAYGROUND_LIMITS,
    Ports,
    grade_submission,
    run_custom_tests,
)
from alpaco.services.grader.submission import Submitter

SUBMITTER = Submitter(user_id="sub-1", author="Alice")
CASES = [
    {"input": [1, 2], "expected_output": 3, "isSample": True},
    {"input": [4, 4], "expected_output": 8},
]


def problem_item(**overrides: Any) -> dict[str, Any]:
    item: dict[str, Any] = {
        "problemId": "p1",
        "title": "Sum",
        "title_translated": "합",
        "mode": "function",
        "judgeType": "equal",
        "timeLimitSeconds": 2.5,
        "memoryLimitMb": 128,
        "finalTestCases": json.dumps(CASES),
    }
    item.update(overrides)
    return item


class FakeProblems:
    def __init__(self, *items: dict[str, Any]) -> None:
        self.items = {item["problemId"]: item for item in items}
        self.recorded: list[tuple[str, bool]] = []

    def get_problem(self, problem_id: str) -> dict[str, Any] | None:
        return self.items.get(problem_id)

    def record_submission(self, problem_id: str, *, accepted: bool) -> None:
        self.recorded.append((problem_id, accepted))


class FakeSubmissions:
    def __init__(self) -> None:
        self.items: list[dict[str, Any]] = []

    def put_submission(self, item: dict[str, Any]) -> None:
        self.items.append(item)


class FakeExecutor:
    """Runs `answer` on each input as if it were the student's function."""

    def __init__(self, answer: Callable[[Any], Any] | None = None, fail: bool = False) -> None:
        self.answer = answer or sum
        self.fail = fail
        self.payloads: list[dict[str, Any]] = []

    def invoke(self, function: str, payload: dict[str, Any]) -> dict[str, Any]:
        assert function == "executor"
        self.payloads.append(payload)
        if self.fail:
            raise InvokeError("executor failed: MemoryError")
        return {
            "results": [
                {"status": "OK", "returnValue": self.answer(x), "executionTimeMs": 7}
                for x in payload["inputs"]
            ]
        }


def ports(executor: FakeExecutor, problems: FakeProblems, submissions: FakeSubmissions) -> Ports:
    return Ports(
        invoker=executor,
        problems=problems,
        submissions=submissions,
        clock=lambda: 1_700_000_000.9,
        new_id=lambda: "sub-id",
    )


def grade_once(
    executor: FakeExecutor, *items: dict[str, Any]
) -> tuple[dict[str, Any], FakeProblems, FakeSubmissions]:
    problems, submissions = FakeProblems(*(items or (problem_item(),))), FakeSubmissions()
    request = GradeRequest(problem_id="p1", code="def solution(x): ...", language="python3.12")
    response = grade_submission(request, SUBMITTER, ports(executor, problems, submissions))
    return response, problems, submissions


def test_an_accepted_submission_is_run_once_stored_once_and_counted() -> None:
    executor = FakeExecutor()
    response, problems, submissions = grade_once(executor)
    assert response["status"] == "ACCEPTED"
    assert response["submissionId"] == "sub-id"
    assert response["submissionTime"] == 1_700_000_000
    assert response["score"] == 100
    assert len(executor.payloads) == 1
    payload = executor.payloads[0]
    assert payload["inputs"] == [[1, 2], [4, 4]]
    assert (payload["mode"], payload["timeout_ms"], payload["memory_limit_mb"]) == (
        "function",
        2500,
        128,
    )
    assert "expected_output" not in json.dumps(payload)
    assert payload["tenant"] == "sub-1"
    assert [item["submissionId"] for item in submissions.items] == ["sub-id"]
    assert submissions.items[0]["userId"] == "sub-1"
    assert submissions.items[0]["author"] == "Alice"
    assert problems.recorded == [("p1", True)]


def test_a_wrong_answer_is_counted_as_not_accepted() -> None:
    response, problems, _ = grade_once(FakeExecutor(lambda x: 0))
    assert response["status"] == "WRONG_ANSWER"
    assert problems.recorded == [("p1", False)]


def test_an_unknown_problem_is_404_and_stores_nothing() -> None:
    executor, problems, submissions = FakeExecutor(), FakeProblems(), FakeSubmissions()
    request = GradeRequest(problem_id="nope", code="x", language="python3.12")
    with pytest.raises(NotFound):
        grade_submission(request, SUBMITTER, ports(executor, problems, submissions))
    assert (executor.payloads, submissions.items, problems.recorded) == ([], [], [])


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"judgeType": "equal_string"}, "judge type 'equal_string' is unknown"),
        ({"timeLimitSeconds": None}, "no time limit"),
        ({"finalTestCases": "[]"}, "no test cases"),
    ],
)
def test_an_ungradable_problem_is_a_stored_internal_error(
    overrides: dict[str, Any], message: str
) -> None:
    executor = FakeExecutor()
    response, problems, submissions = grade_once(executor, problem_item(**overrides))
    assert response["status"] == "INTERNAL_ERROR"
    assert message in response["errorMessage"]
    assert response["results"] == []
    assert executor.payloads == []
    assert len(submissions.items) == 1
    assert problems.recorded == []


def test_an_executor_failure_is_a_stored_internal_error_with_no_case_results() -> None:
    response, problems, submissions = grade_once(FakeExecutor(fail=True))
    assert response["status"] == "INTERNAL_ERROR"
    assert response["errorMessage"] == (
        "Grading failed: the executor could not be invoked (executor failed: MemoryError)"
    )
    assert (response["results"], response["totalCaseCount"], response["score"]) == ([], 2, 0)
    assert submissions.items[0]["status"] == "INTERNAL_ERROR"
    assert submissions.items[0]["results"] == []
    assert problems.recorded == []


def custom(inputs: tuple[Any, ...], problem_id: str | None = "p1") -> CustomRunRequest:
    return CustomRunRequest(
        problem_id=problem_id, code="def solution(x): ...", language="python3.12", inputs=inputs
    )


def test_custom_tests_run_in_the_problems_mode_and_limits() -> None:
    executor, submissions = FakeExecutor(), FakeSubmissions()
    stdio = problem_item(mode="stdio", timeLimitSeconds=0.5, memoryLimitMb=32)
    response = run_custom_tests(
        custom(("1 2\n",)), "sub-2", ports(executor, FakeProblems(stdio), submissions)
    )
    assert response["executionMode"] == "RUN_CUSTOM_TESTS_RESULTS"
    assert (response["mode"], response["timeLimitSeconds"], response["memoryLimitMb"]) == (
        "stdio",
        0.5,
        32,
    )
    assert executor.payloads[0]["timeout_ms"] == 500
    assert executor.payloads[0]["mode"] == "stdio"
    assert executor.payloads[0]["tenant"] == "sub-2"
    assert submissions.items == []


def test_custom_tests_return_the_originals_shape() -> None:
    executor = FakeExecutor()
    response = run_custom_tests(
        custom(([1, 2], [5])),
        "sub-2",
        ports(executor, FakeProblems(problem_item()), FakeSubmissions()),
    )
    assert response["results"] == [
        {
            "caseIdentifier": "Custom Case 1",
            "input": [1, 2],
            "runCodeOutput": {"status": "OK", "returnValue": 3, "executionTimeMs": 7},
        },
        {
            "caseIdentifier": "Custom Case 2",
            "input": [5],
            "runCodeOutput": {"status": "OK", "returnValue": 5, "executionTimeMs": 7},
        },
    ]
    assert len(executor.payloads) == 1


def test_custom_tests_without_a_problem_use_the_stated_playground_limits() -> None:
    executor = FakeExecutor()
    run_custom_tests(
        custom(([1],), None), "sub-2", ports(executor, FakeProblems(), FakeSubmissions())
    )
    assert executor.payloads[0]["timeout_ms"] == PLAYGROUND_LIMITS.timeout_ms == 2000
    assert executor.payloads[0]["mode"] == "function"


def test_custom_tests_need_text_for_a_stdio_problem() -> None:
    problems = FakeProblems(problem_item(mode="stdio"))
    with pytest.raises(BadRequest, match="string"):
        run_custom_tests(custom((5,)), "sub-2", ports(FakeExecutor(), problems, FakeSubmissions()))


def test_custom_tests_for_an_unknown_or_broken_problem_fail_loudly() -> None:
    with pytest.raises(NotFound):
        run_custom_tests(
            custom((1,)), "sub-2", ports(FakeExecutor(), FakeProblems(), FakeSubmissions())
        )
    broken = FakeProblems(problem_item(memoryLimitMb=None))
    with pytest.raises(InternalError, match="no memory limit"):
        run_custom_tests(custom((1,)), "sub-2", ports(FakeExecutor(), broken, FakeSubmissions()))


def test_custom_tests_report_an_executor_failure_per_case() -> None:
    executor = FakeExecutor(fail=True)
    response = run_custom_tests(
        custom((1, 2)), "sub-2", ports(executor, FakeProblems(problem_item()), FakeSubmissions())
    )
    outputs = [r["runCodeOutput"] for r in response["results"]]
    assert len(outputs) == 2
    assert all(o["runCodeLambdaError"] is True for o in outputs)
    assert all(o["isSuccessful"] is False and o["status"] == "IE" for o in outputs)
    assert "MemoryError" in outputs[0]["errorMessage"]


def test_no_custom_tests_means_no_run() -> None:
    executor = FakeExecutor()
    response = run_custom_tests(
        custom(()), "sub-2", ports(executor, FakeProblems(problem_item()), FakeSubmissions())
    )
    assert response["results"] == []
    assert executor.payloads == []


def test_a_counter_failure_does_not_fail_a_stored_grading() -> None:
    class BrokenCounters(FakeProblems):
        def record_submission(self, problem_id: str, *, accepted: bool) -> None:
            raise RuntimeError("throttled")

    problems, submissions = BrokenCounters(problem_item()), FakeSubmissions()
    request = GradeRequest(problem_id="p1", code="x", language="python3.12")
    response = grade_submission(request, SUBMITTER, ports(FakeExecutor(), problems, submissions))
    assert response["status"] == "ACCEPTED"
    assert len(submissions.items) == 1


def test_a_problem_whose_cases_cannot_run_in_time_is_a_stored_internal_error() -> None:
    cases = json.dumps([{"input": [n], "expected_output": n} for n in range(9)])
    executor = FakeExecutor()
    response, problems, submissions = grade_once(
        executor, problem_item(finalTestCases=cases, timeLimitSeconds=2.5)
    )
    assert response["status"] == "INTERNAL_ERROR"
    assert "9 test cases of 2.5 s each, 22.5 s in all" in response["errorMessage"]
    assert executor.payloads == []
    assert len(submissions.items) == 1
    assert problems.recorded == []


class ForgingExecutor(FakeExecutor):
    """Answers every case with a crash that names the input, as hostile code inside could."""

    def invoke(self, function: str, payload: dict[str, Any]) -> dict[str, Any]:
        self.payloads.append(payload)
        crash = {"status": "RE", "exceptionLine": 99_999, "stderr": "", "error": "x"}
        return {"results": [{**crash, "exceptionType": repr(x)} for x in payload["inputs"]]}


def test_hidden_inputs_never_reach_the_response_or_the_stored_item() -> None:
    response, _, submissions = grade_once(ForgingExecutor())
    sample, hidden = response["results"]
    assert sample["exceptionType"] == "[1, 2]"
    assert hidden["exceptionType"] == "UserException"
    assert hidden["exceptionLine"] is None
    assert response["errorMessage"].endswith("Details: [1, 2] on line 99999")
    assert "[4, 4]" not in json.dumps(response) + json.dumps(submissions.items)


def test_a_stored_item_that_had_to_be_clipped_is_what_the_response_shows() -> None:
    cases = json.dumps(
        [{"input": "i" * 3000, "expected_output": n, "isSample": True} for n in range(200)]
    )
    noisy = problem_item(finalTestCases=cases, timeLimitSeconds=0.1)
    response, _, submissions = grade_once(FakeExecutor(lambda x: "o" * 3000), noisy)
    (item,) = submissions.items
    assert item["resultsClipped"] is True
    assert response["resultsClipped"] is True
    assert response["results"] == item["results"]
