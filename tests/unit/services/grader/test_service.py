"""The grading script on the real problem and submission repositories, in DynamoDB Local; only
the executor is a stand-in (its sandbox is tested on its own)."""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest

from alpaco.kernel.http import BadRequest, InternalError, NotFound
from alpaco.kernel.invoke import InvokeError
from alpaco.services.grader import repository as submissions_repository
from alpaco.services.grader.request import CustomRunRequest, GradeRequest
from alpaco.services.grader.service import (
    PLAYGROUND_LIMITS,
    Ports,
    grade_submission,
    run_custom_tests,
)
from alpaco.services.grader.submission import Submitter
from alpaco.services.problems import repository as problems_repository

PutProblem = Callable[..., str]
Stored = Callable[[str], dict[str, Any] | None]
Listed = Callable[[str], list[dict[str, Any]]]

CASES = [
    {"input": [1, 2], "expected_output": 3, "isSample": True},
    {"input": [4, 4], "expected_output": 8},
]
SUM = {"title": "Sum", "title_translated": "합", "timeLimitSeconds": 2.5, "memoryLimitMb": 128}


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


@dataclass(frozen=True)
class Graded:
    response: dict[str, Any]
    problem_id: str
    submitter: Submitter


@pytest.fixture
def problem(put_problem: PutProblem) -> Callable[..., str]:
    """`problem(**fields)`: the Sum problem stored with those fields changed; its id."""
    return lambda **fields: put_problem(fields.pop("cases", CASES), **{**SUM, **fields})


def ports(executor: FakeExecutor, submission_id: str = "") -> Ports:
    return Ports(
        invoker=executor,
        problems=problems_repository,
        submissions=submissions_repository,
        clock=lambda: 1_700_000_000.9,
        new_id=lambda: submission_id or str(uuid.uuid4()),
    )


def submitter() -> Submitter:
    return Submitter(user_id=f"grader-unit-{uuid.uuid4()}", author="Alice")


def grade_once(executor: FakeExecutor, problem_id: str) -> Graded:
    who = submitter()
    request = GradeRequest(
        problem_id=problem_id, code="def solution(x): ...", language="python3.12"
    )
    return Graded(grade_submission(request, who, ports(executor)), problem_id, who)


def counters(problem_id: str) -> tuple[Any, Any]:
    item = problems_repository.get_problem(problem_id)
    assert item is not None
    return item["submissionCount"], item["acceptedCount"]


def test_an_accepted_submission_is_run_once_stored_once_and_counted(
    problem: Callable[..., str], stored: Stored, submissions_of: Listed
) -> None:
    executor = FakeExecutor()
    graded = grade_once(executor, problem())
    response = graded.response
    assert response["status"] == "ACCEPTED"
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
    assert payload["tenant"] == graded.submitter.user_id
    listed = submissions_of(graded.submitter.user_id)
    assert [item["submissionId"] for item in listed] == [response["submissionId"]]
    item = stored(response["submissionId"])
    assert item is not None
    assert (item["userId"], item["author"]) == (graded.submitter.user_id, "Alice")
    assert (item["problemTitle"], item["problemTitleTranslated"]) == ("Sum", "합")
    assert counters(graded.problem_id) == (1, 1)


def test_the_submission_id_comes_from_the_ports(
    problem: Callable[..., str], stored: Stored
) -> None:
    request = GradeRequest(problem_id=problem(), code="x", language="python3.12")
    chosen = f"sub-{uuid.uuid4()}"
    response = grade_submission(request, submitter(), ports(FakeExecutor(), chosen))
    assert response["submissionId"] == chosen
    assert stored(chosen) is not None


def test_a_submission_that_cannot_be_stored_is_not_counted_either(
    problem: Callable[..., str], stored: Stored
) -> None:
    """The submission and its counters are one write: when the put is refused (here, an id that
    is taken), the counters do not move, and the client is told rather than shown a success."""
    problem_id = problem()
    request = GradeRequest(problem_id=problem_id, code="x", language="python3.12")
    taken = f"sub-{uuid.uuid4()}"
    grade_submission(request, submitter(), ports(FakeExecutor(), taken))
    with pytest.raises(submissions_repository.SubmissionExists):
        grade_submission(request, submitter(), ports(FakeExecutor(), taken))
    assert counters(problem_id) == (1, 1)
    first = stored(taken)
    assert first is not None


def test_a_wrong_answer_is_counted_as_not_accepted(problem: Callable[..., str]) -> None:
    graded = grade_once(FakeExecutor(lambda x: 0), problem())
    assert graded.response["status"] == "WRONG_ANSWER"
    assert counters(graded.problem_id) == (1, 0)


def test_an_unknown_problem_is_404_and_stores_nothing(submissions_of: Listed) -> None:
    executor, who = FakeExecutor(), submitter()
    request = GradeRequest(problem_id=f"nope-{uuid.uuid4()}", code="x", language="python3.12")
    with pytest.raises(NotFound):
        grade_submission(request, who, ports(executor))
    assert executor.payloads == []
    assert submissions_of(who.user_id) == []
    assert problems_repository.get_problem(request.problem_id) is None


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"judgeType": "equal_string"}, "judge type 'equal_string' is unknown"),
        ({"timeLimitSeconds": None}, "no time limit"),
        ({"cases": []}, "no test cases"),
    ],
)
def test_an_ungradable_problem_is_a_stored_internal_error(
    problem: Callable[..., str], stored: Stored, overrides: dict[str, Any], message: str
) -> None:
    executor = FakeExecutor()
    graded = grade_once(executor, problem(**overrides))
    response = graded.response
    assert response["status"] == "INTERNAL_ERROR"
    assert message in response["errorMessage"]
    assert response["results"] == []
    assert executor.payloads == []
    item = stored(response["submissionId"])
    assert item is not None
    assert item["status"] == "INTERNAL_ERROR"
    assert counters(graded.problem_id) == (0, 0)


def test_an_executor_failure_is_a_stored_internal_error_with_no_case_results(
    problem: Callable[..., str], stored: Stored
) -> None:
    graded = grade_once(FakeExecutor(fail=True), problem())
    response = graded.response
    assert response["status"] == "INTERNAL_ERROR"
    assert response["errorMessage"] == (
        "Grading failed: the executor could not be invoked (executor failed: MemoryError)"
    )
    assert (response["results"], response["totalCaseCount"], response["score"]) == ([], 2, 0)
    item = stored(response["submissionId"])
    assert item is not None
    assert (item["status"], item["results"]) == ("INTERNAL_ERROR", [])
    assert counters(graded.problem_id) == (0, 0)


def custom(inputs: tuple[Any, ...], problem_id: str | None) -> CustomRunRequest:
    return CustomRunRequest(
        problem_id=problem_id, code="def solution(x): ...", language="python3.12", inputs=inputs
    )


def test_custom_tests_run_in_the_problems_mode_and_limits(
    problem: Callable[..., str], submissions_of: Listed
) -> None:
    executor, user = FakeExecutor(), submitter().user_id
    stdio = problem(mode="stdio", timeLimitSeconds=0.5, memoryLimitMb=32)
    response = run_custom_tests(custom(("1 2\n",), stdio), user, ports(executor))
    assert response["executionMode"] == "RUN_CUSTOM_TESTS_RESULTS"
    assert (response["mode"], response["timeLimitSeconds"], response["memoryLimitMb"]) == (
        "stdio",
        0.5,
        32,
    )
    assert executor.payloads[0]["timeout_ms"] == 500
    assert executor.payloads[0]["mode"] == "stdio"
    assert executor.payloads[0]["tenant"] == user
    assert submissions_of(user) == []
    assert counters(stdio) == (0, 0)


def test_custom_tests_return_the_originals_shape(problem: Callable[..., str]) -> None:
    """A problem without a reference or a validator: the original's three fields, and the
    additions null rather than guessed."""
    executor = FakeExecutor()
    response = run_custom_tests(custom(([1, 2], [5]), problem()), "sub-2", ports(executor))
    unjudged = {
        "inputValid": None,
        "inputError": None,
        "expectedOutput": None,
        "expectedError": None,
        "verdict": None,
    }
    assert response["results"] == [
        {
            "caseIdentifier": "Custom Case 1",
            "input": [1, 2],
            "runCodeOutput": {"status": "OK", "returnValue": 3, "executionTimeMs": 7},
            **unjudged,
        },
        {
            "caseIdentifier": "Custom Case 2",
            "input": [5],
            "runCodeOutput": {"status": "OK", "returnValue": 5, "executionTimeMs": 7},
            **unjudged,
        },
    ]
    assert len(executor.payloads) == 1


def test_custom_tests_without_a_problem_use_the_stated_playground_limits() -> None:
    executor = FakeExecutor()
    run_custom_tests(custom(([1],), None), "sub-2", ports(executor))
    assert executor.payloads[0]["timeout_ms"] == PLAYGROUND_LIMITS.timeout_ms == 2000
    assert executor.payloads[0]["mode"] == "function"


def test_custom_tests_need_text_for_a_stdio_problem(problem: Callable[..., str]) -> None:
    stdio = problem(mode="stdio")
    with pytest.raises(BadRequest, match="string"):
        run_custom_tests(custom((5,), stdio), "sub-2", ports(FakeExecutor()))


def test_custom_tests_for_an_unknown_or_broken_problem_fail_loudly(
    problem: Callable[..., str],
) -> None:
    with pytest.raises(NotFound):
        run_custom_tests(custom((1,), f"nope-{uuid.uuid4()}"), "sub-2", ports(FakeExecutor()))
    broken = problem(memoryLimitMb=None)
    with pytest.raises(InternalError, match="no memory limit"):
        run_custom_tests(custom((1,), broken), "sub-2", ports(FakeExecutor()))


def test_custom_tests_report_an_executor_failure_per_case(problem: Callable[..., str]) -> None:
    executor = FakeExecutor(fail=True)
    response = run_custom_tests(custom((1, 2), problem()), "sub-2", ports(executor))
    outputs = [r["runCodeOutput"] for r in response["results"]]
    assert len(outputs) == 2
    assert all(o["runCodeLambdaError"] is True for o in outputs)
    assert all(o["isSuccessful"] is False and o["status"] == "IE" for o in outputs)
    assert "MemoryError" in outputs[0]["errorMessage"]


def test_no_custom_tests_means_no_run(problem: Callable[..., str]) -> None:
    executor = FakeExecutor()
    response = run_custom_tests(custom((), problem()), "sub-2", ports(executor))
    assert response["results"] == []
    assert executor.payloads == []


def test_a_counter_failure_does_not_fail_a_stored_grading(
    problem: Callable[..., str], stored: Stored
) -> None:
    # A counter DynamoDB cannot add to (text, not a number) makes the real ADD fail.
    graded = grade_once(FakeExecutor(), problem(submissionCount="many"))
    assert graded.response["status"] == "ACCEPTED"
    assert stored(graded.response["submissionId"]) is not None
    assert counters(graded.problem_id) == ("many", 0)


def test_a_problem_whose_cases_cannot_run_in_time_is_a_stored_internal_error(
    problem: Callable[..., str], stored: Stored
) -> None:
    cases = [{"input": [n], "expected_output": n} for n in range(9)]
    executor = FakeExecutor()
    graded = grade_once(executor, problem(cases=cases, timeLimitSeconds=2.5))
    response = graded.response
    assert response["status"] == "INTERNAL_ERROR"
    assert "9 test cases of 2.5 s each, 22.5 s in all" in response["errorMessage"]
    assert executor.payloads == []
    assert stored(response["submissionId"]) is not None
    assert counters(graded.problem_id) == (0, 0)


class ForgingExecutor(FakeExecutor):
    """Answers every case with a crash that names the input, as hostile code inside could."""

    def invoke(self, function: str, payload: dict[str, Any]) -> dict[str, Any]:
        self.payloads.append(payload)
        crash = {"status": "RE", "exceptionLine": 99_999, "stderr": "", "error": "x"}
        return {"results": [{**crash, "exceptionType": repr(x)} for x in payload["inputs"]]}


def test_hidden_inputs_never_reach_the_response_or_the_stored_item(
    problem: Callable[..., str], stored: Stored
) -> None:
    response = grade_once(ForgingExecutor(), problem()).response
    sample, hidden = response["results"]
    assert sample["exceptionType"] == "[1, 2]"
    assert hidden["exceptionType"] == "UserException"
    assert hidden["exceptionLine"] is None
    assert response["errorMessage"].endswith("Details: [1, 2] on line 99999")
    item = stored(response["submissionId"])
    assert item is not None
    assert "[4, 4]" not in json.dumps(response) + json.dumps(item, default=str)


def test_a_stored_item_that_had_to_be_clipped_is_what_the_response_shows(
    problem: Callable[..., str], stored: Stored
) -> None:
    # Inputs of 1,000 characters keep the problem under DynamoDB's 400 KB; each sample's input and
    # output preview (2,000 of the 3,000 characters) push the submission over it.
    cases = [{"input": "i" * 1000, "expected_output": n, "isSample": True} for n in range(200)]
    noisy = problem(cases=cases, timeLimitSeconds=0.1)
    response = grade_once(FakeExecutor(lambda x: "o" * 3000), noisy).response
    item = stored(response["submissionId"])
    assert item is not None
    assert item["resultsClipped"] is True
    assert response["resultsClipped"] is True
    assert response["results"] == item["results"]
