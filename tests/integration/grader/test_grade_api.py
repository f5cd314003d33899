"""POST /grade over real HTTP: the real gateway, executor and DynamoDB Local, fixture problems."""

from __future__ import annotations

import json
import threading
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import httpx
import pytest

from alpaco.kernel.invoke import InvokeError, get_invoker
from alpaco.services.grader import handler as grader_handler
from alpaco.services.grader import repository as submissions_repository
from alpaco.services.grader.service import Ports
from alpaco.services.problems import repository as problems_repository

pytestmark = pytest.mark.integration

Headers = Callable[..., dict[str, str]]
PutProblem = Callable[..., str]
Stored = Callable[[str], dict[str, Any] | None]
Submit = Callable[..., dict[str, Any]]
SECRET = "hidden-secret-771"

SUM_CASES = [
    {"input": {"nums": [1, 2], "tag": "s1"}, "expected_output": 3, "isSample": True},
    {"input": {"nums": [5, 6], "tag": SECRET}, "expected_output": 11, "isSample": False},
    {"input": {"nums": [100], "tag": SECRET}, "expected_output": 100},
]
STDIO_CASES = [
    {"input": "1 2\n", "expected_output": "3\n", "isSample": True},
    {"input": "40 2\n", "expected_output": "42\n", "isSample": False},
]
CORRECT = 'def solution(d):\n    return sum(d["nums"])\n'
STDIO_CORRECT = "import sys\nprint(sum(map(int, sys.stdin.read().split())))\n"


@pytest.fixture(scope="module")
def sum_problem(put_problem: PutProblem) -> str:
    return put_problem(SUM_CASES)


@pytest.fixture(scope="module")
def stdio_problem(put_problem: PutProblem) -> str:
    return put_problem(STDIO_CASES, mode="stdio", judgeType="tokens", title="A+B")


def counters(problem_id: str) -> tuple[int, int]:
    item = problems_repository.get_problem(problem_id)
    assert item is not None
    return int(item["submissionCount"]), int(item["acceptedCount"])


# --- verdicts -----------------------------------------------------------------------------------


def test_accepted_is_stored_with_every_attribute_and_counted(
    api: httpx.Client, auth_headers: Headers, sum_problem: str, stored: Stored, submit: Submit
) -> None:
    before = counters(sum_problem)
    body = submit(
        auth_headers("grader-alice", nickname="Alice"),
        sum_problem,
        CORRECT,
        language="python",
        submissionId="client-chosen-id",
    )
    assert body["status"] == "ACCEPTED"
    assert body["executionMode"] == "GRADE_SUBMISSION_RESULTS"
    assert (body["score"], body["passedCaseCount"], body["totalCaseCount"]) == (100, 3, 3)
    assert body["errorMessage"] is None
    assert body["submissionId"] != "client-chosen-id"
    assert stored("client-chosen-id") is None
    assert all(isinstance(case["executionTime"], float) for case in body["results"])
    assert all(isinstance(case["memoryKb"], int) for case in body["results"])
    item = stored(body["submissionId"])
    assert item is not None
    assert (
        item["userId"]
        == api.get("/auth/me", headers=auth_headers("grader-alice", nickname="Alice")).json()[
            "userId"
        ]
    )
    assert item["author"] == "Alice"
    assert item["problemId"] == sum_problem
    assert (item["problemTitle"], item["problemTitleTranslated"]) == (
        "Sum of a list",
        "리스트의 합",
    )
    assert item["language"] == "python3.12"
    assert item["status"] == "ACCEPTED"
    assert item["is_submission"] == "Y"
    assert isinstance(item["submissionTime"], int)
    assert item["submissionTime"] == body["submissionTime"]
    assert item["userCode"] == CORRECT
    assert (item["score"], item["passedCaseCount"], item["totalCaseCount"]) == (100, 3, 3)
    assert item["results"] == body["results"]
    assert "errorMessage" not in item
    assert counters(sum_problem) == (before[0] + 1, before[1] + 1)


def test_author_falls_back_to_the_username(
    auth_headers: Headers, sum_problem: str, stored: Stored, submit: Submit
) -> None:
    body = submit(auth_headers("grader-nonick"), sum_problem, CORRECT)
    item = stored(body["submissionId"])
    assert item is not None
    assert item["author"] == "grader-nonick"


@pytest.mark.parametrize(
    "case",
    [
        ("def solution(d):\n    return 3\n", "WRONG_ANSWER", 1),
        ("def solution(d):\n    while True:\n        pass\n", "TIME_LIMIT_EXCEEDED", 0),
        (
            "def solution(d):\n    x = bytearray(512 * 1024 * 1024)\n    return len(x)\n",
            "MEMORY_LIMIT_EXCEEDED",
            0,
        ),
        ("def solution(d):\n    return 1 // 0\n", "RUNTIME_ERROR", 0),
        (
            "def solution(d):\n    while True:\n        print('x' * 100000)\n",
            "OUTPUT_LIMIT_EXCEEDED",
            0,
        ),
        ("def solution(d)\n    return 1\n", "COMPILATION_ERROR", 0),
    ],
)
def test_each_verdict(
    auth_headers: Headers,
    sum_problem: str,
    case: tuple[str, str, int],
    stored: Stored,
    submit: Submit,
) -> None:
    code, verdict, passed = case
    before = counters(sum_problem)
    body = submit(auth_headers("grader-verdicts"), sum_problem, code)
    assert body["status"] == verdict, body
    assert body["passedCaseCount"] == passed
    assert body["score"] == passed * 100 // 3
    assert body["errorMessage"].startswith(f"Failed at test case {passed + 1}: {verdict}")
    item = stored(body["submissionId"])
    assert item is not None
    assert item["status"] == verdict
    assert counters(sum_problem) == (before[0] + 1, before[1])


def test_a_timeout_reports_about_the_time_limit(
    auth_headers: Headers, put_problem: PutProblem, submit: Submit
) -> None:
    problem_id = put_problem(SUM_CASES[:1], timeLimitSeconds=0.3)
    code = "def solution(d):\n    while True:\n        pass\n"
    body = submit(auth_headers("grader-tle"), problem_id, code)
    assert body["status"] == "TIME_LIMIT_EXCEEDED"
    # The limit itself, as the executor reports every TLE: no measured time a loaded machine sways.
    assert body["results"][0]["executionTime"] == 0.3


def test_the_first_failing_case_decides(
    auth_headers: Headers, put_problem: PutProblem, submit: Submit
) -> None:
    problem_id = put_problem(
        [
            {"input": 1, "expected_output": 1, "isSample": True},
            {"input": 2, "expected_output": 2},
            {"input": 3, "expected_output": 3},
        ]
    )
    code = "def solution(n):\n    if n == 3:\n        raise KeyError(n)\n    return 0 if n == 2 else n\n"
    body = submit(auth_headers("grader-first"), problem_id, code)
    assert [case["status"] for case in body["results"]] == [
        "ACCEPTED",
        "WRONG_ANSWER",
        "RUNTIME_ERROR",
    ]
    assert body["status"] == "WRONG_ANSWER"


def test_an_unknown_judge_type_is_a_stored_internal_error(
    auth_headers: Headers, put_problem: PutProblem, stored: Stored, submit: Submit
) -> None:
    problem_id = put_problem(SUM_CASES, judgeType="equal_string")
    body = submit(auth_headers("grader-judge"), problem_id, CORRECT)
    assert body["status"] == "INTERNAL_ERROR"
    assert "judge type 'equal_string' is unknown" in body["errorMessage"]
    assert body["results"] == []
    item = stored(body["submissionId"])
    assert item is not None
    assert item["status"] == "INTERNAL_ERROR"
    assert counters(problem_id) == (0, 0)


def test_limits_and_judge_come_from_the_constraints_string(
    auth_headers: Headers, put_problem: PutProblem, submit: Submit
) -> None:
    constraints = {
        "time_limit_seconds": 1,
        "memory_limit_mb": 128,
        "judge_type": "float_eps",
        "epsilon": 0.01,
        "input_constraints": "",
    }
    problem_id = put_problem(
        [{"input": [1, 2], "expected_output": 1.5, "isSample": True}],
        timeLimitSeconds=None,
        memoryLimitMb=None,
        judgeType=None,
        constraints=json.dumps(constraints),
    )
    close = "def solution(xs):\n    return sum(xs) / len(xs) + 0.005\n"
    assert submit(auth_headers("grader-eps"), problem_id, close)["status"] == "ACCEPTED"
    far = "def solution(xs):\n    return sum(xs) / len(xs) + 0.05\n"
    assert submit(auth_headers("grader-eps"), problem_id, far)["status"] == "WRONG_ANSWER"


def test_an_untitled_problem_still_stores(
    auth_headers: Headers, put_problem: PutProblem, stored: Stored, submit: Submit
) -> None:
    problem_id = put_problem(SUM_CASES, title="", title_translated=None)
    body = submit(auth_headers("grader-untitled"), problem_id, CORRECT)
    item = stored(body["submissionId"])
    assert item is not None
    assert item["problemTitle"] == item["problemTitleTranslated"] == f"Problem {problem_id}"


def test_an_unknown_problem_is_404(api: httpx.Client, auth_headers: Headers) -> None:
    response = api.post(
        "/grade",
        json={"problemId": "no-such-problem", "userCode": CORRECT},
        headers=auth_headers("grader-404"),
    )
    assert response.status_code == 404
    assert response.json()["code"] == "not_found"


# --- stdio --------------------------------------------------------------------------------------


def test_stdio_problems_judge_stdout(
    auth_headers: Headers, stdio_problem: str, submit: Submit
) -> None:
    headers = auth_headers("grader-stdio")
    accepted = submit(headers, stdio_problem, STDIO_CORRECT)
    assert accepted["status"] == "ACCEPTED", accepted
    sample = accepted["results"][0]
    assert (sample["input"], sample["expectedOutput"], sample["actualOutput"]) == (
        "1 2\n",
        "3\n",
        "3\n",
    )
    spaced = "import sys\nprint('  ', sum(map(int, sys.stdin.read().split())), '  ')\n"
    assert submit(headers, stdio_problem, spaced)["status"] == "ACCEPTED"
    wrong = "print(3)\n"
    assert submit(headers, stdio_problem, wrong)["status"] == "WRONG_ANSWER"
    flood = "while True:\n    print('y' * 100000)\n"
    assert submit(headers, stdio_problem, flood)["status"] == "OUTPUT_LIMIT_EXCEEDED"


def test_a_lines_problem_ignores_trailing_space_only(
    auth_headers: Headers, put_problem: PutProblem, submit: Submit
) -> None:
    cases = [{"input": "2\n", "expected_output": "1\n2\n", "isSample": True}]
    problem_id = put_problem(cases, mode="stdio", judgeType="lines")
    headers = auth_headers("grader-lines")
    trailing = "n = int(input())\nfor i in range(1, n + 1):\n    print(i, '  ')\nprint()\n"
    assert submit(headers, problem_id, trailing)["status"] == "ACCEPTED"
    one_line = "n = int(input())\nprint(*range(1, n + 1))\n"
    assert submit(headers, problem_id, one_line)["status"] == "WRONG_ANSWER"


# --- hidden data --------------------------------------------------------------------------------


def test_hidden_cases_never_reveal_their_data(
    auth_headers: Headers, sum_problem: str, stored: Stored, submit: Submit
) -> None:
    code = (
        "import sys\n"
        "def solution(d):\n"
        "    print(d)\n"
        "    print(d, file=sys.stderr)\n"
        '    if d["tag"] != "s1":\n'
        '        raise ValueError(d["tag"])\n'
        "    return 3\n"
    )
    body = submit(auth_headers("grader-hidden"), sum_problem, code)
    assert body["status"] == "RUNTIME_ERROR"
    sample, hidden, _ = body["results"]
    assert sample["input"] == {"nums": [1, 2], "tag": "s1"}
    assert sample["expectedOutput"] == 3
    assert sample["actualOutput"] == 3
    assert "s1" in sample["stdout"]
    assert hidden == {
        "caseNumber": 2,
        "status": "RUNTIME_ERROR",
        "executionTime": hidden["executionTime"],
        "memoryKb": hidden["memoryKb"],
        "isSample": False,
        "stdout": None,
        "stderr": "ValueError on line 6",
        "exceptionType": "ValueError",
        "exceptionLine": 6,
    }
    assert SECRET not in json.dumps(body)
    item = stored(body["submissionId"])
    assert SECRET not in json.dumps(item)
    assert body["errorMessage"] == (
        "Failed at test case 2: RUNTIME_ERROR. Details: ValueError on line 6"
    )


def test_a_wrong_hidden_answer_shows_no_output(
    auth_headers: Headers, sum_problem: str, submit: Submit
) -> None:
    code = 'def solution(d):\n    print(d["tag"])\n    return d["tag"]\n'
    body = submit(auth_headers("grader-hidden-wa"), sum_problem, code)
    assert body["status"] == "WRONG_ANSWER"
    assert set(body["results"][1]) == {
        "caseNumber",
        "status",
        "executionTime",
        "memoryKb",
        "isSample",
        "stdout",
        "stderr",
    }
    assert SECRET not in json.dumps(body)


# --- custom tests -------------------------------------------------------------------------------


def test_custom_tests_run_in_the_problems_mode_and_store_nothing(
    api: httpx.Client, auth_headers: Headers, stdio_problem: str
) -> None:
    before = counters(stdio_problem)
    response = api.post(
        "/grade",
        json={
            "executionMode": "RUN_CUSTOM_TESTS",
            "problemId": stdio_problem,
            "userCode": STDIO_CORRECT,
            "customTestCases": ["1 2 3\n", "10 -4\n"],
        },
        headers=auth_headers("grader-custom"),
    )
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["executionMode"] == "RUN_CUSTOM_TESTS_RESULTS"
    assert body["mode"] == "stdio"
    assert [r["caseIdentifier"] for r in body["results"]] == ["Custom Case 1", "Custom Case 2"]
    assert [r["input"] for r in body["results"]] == ["1 2 3\n", "10 -4\n"]
    outputs = [r["runCodeOutput"] for r in body["results"]]
    assert [o["stdout"].strip() for o in outputs] == ["6", "6"]
    assert all(o["isSuccessful"] and o["status"] == "OK" for o in outputs)
    assert counters(stdio_problem) == before


def test_custom_tests_in_function_mode_return_values(
    api: httpx.Client, auth_headers: Headers, sum_problem: str
) -> None:
    response = api.post(
        "/grade",
        json={
            "executionMode": "RUN_CUSTOM_TESTS",
            "problemId": sum_problem,
            "userCode": 'def solution(d):\n    print("hi")\n    return sum(d["nums"]) * 2\n',
            "customTestCases": [{"nums": [1, 2]}, {"nums": []}, {"bad": 1}],
        },
        headers=auth_headers("grader-custom-fn"),
    )
    assert response.status_code == 200, response.text
    outputs = [r["runCodeOutput"] for r in response.json()["results"]]
    assert [o["returnValue"] for o in outputs[:2]] == [6, 0]
    assert outputs[0]["stdout"].strip() == "hi"
    assert outputs[2]["status"] == "RE"
    assert outputs[2]["exceptionType"] == "KeyError"


def test_custom_tests_for_a_stdio_problem_need_text(
    api: httpx.Client, auth_headers: Headers, stdio_problem: str
) -> None:
    response = api.post(
        "/grade",
        json={
            "executionMode": "RUN_CUSTOM_TESTS",
            "problemId": stdio_problem,
            "userCode": STDIO_CORRECT,
            "customTestCases": [[1, 2]],
        },
        headers=auth_headers("grader-custom-400"),
    )
    assert response.status_code == 400


# --- bounds -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "status"),
    [
        ({"problemId": "p", "userCode": "#" * (64 * 1024 + 1)}, 413),
        (
            {"executionMode": "RUN_CUSTOM_TESTS", "userCode": CORRECT, "customTestCases": [1] * 21},
            413,
        ),
        (
            {
                "executionMode": "RUN_CUSTOM_TESTS",
                "userCode": CORRECT,
                "customTestCases": ["x" * (64 * 1024)],
            },
            413,
        ),
        ({"executionMode": "RUN_CUSTOM_TESTS", "userCode": CORRECT}, 400),
        ({"executionMode": "EXPLODE", "problemId": "p", "userCode": CORRECT}, 400),
        ({"problemId": "p"}, 400),
        ({"userCode": CORRECT}, 400),
        ({"problemId": "p", "userCode": CORRECT, "language": "javascript"}, 400),
    ],
)
def test_bounds_and_malformed_bodies(
    api: httpx.Client, auth_headers: Headers, body: dict[str, Any], status: int
) -> None:
    response = api.post("/grade", json=body, headers=auth_headers("grader-bounds"))
    assert response.status_code == status, response.text
    assert set(response.json()) >= {"message", "code"}
    assert response.headers["access-control-allow-origin"] == response.request.headers["origin"]


def test_grading_needs_a_token(api: httpx.Client) -> None:
    response = api.post("/grade", json={"problemId": "p", "userCode": CORRECT})
    assert response.status_code == 401


# --- injected executor behaviour ----------------------------------------------------------------


@pytest.fixture
def swap_invoker(monkeypatch: pytest.MonkeyPatch) -> Callable[[Any], None]:
    def swap(invoker: Any) -> None:
        ports = Ports(
            invoker=invoker, problems=problems_repository, submissions=submissions_repository
        )
        monkeypatch.setattr(grader_handler, "ports", lambda: ports)

    return swap


class FailingExecutor:
    def invoke(self, function: str, payload: dict[str, Any]) -> dict[str, Any]:
        raise InvokeError(f"{function} failed: Runtime.ExitError")


class InternalErrorExecutor:
    def invoke(self, function: str, payload: dict[str, Any]) -> dict[str, Any]:
        return {"statusCode": 400, "status": "IE", "error": "Parameter error: sandbox missing"}


@pytest.mark.parametrize("executor", [FailingExecutor(), InternalErrorExecutor()])
def test_an_executor_failure_is_a_stored_internal_error_and_nothing_else(
    auth_headers: Headers,
    sum_problem: str,
    swap_invoker: Callable[[Any], None],
    executor: Any,
    *,
    stored: Stored,
    submit: Submit,
) -> None:
    swap_invoker(executor)
    before = counters(sum_problem)
    body = submit(auth_headers("grader-ie"), sum_problem, CORRECT)
    assert body["status"] == "INTERNAL_ERROR"
    assert body["errorMessage"].startswith("Grading failed: the executor")
    assert (body["results"], body["score"], body["totalCaseCount"]) == ([], 0, 3)
    item = stored(body["submissionId"])
    assert item is not None
    assert item["status"] == "INTERNAL_ERROR"
    assert item["results"] == []
    assert counters(sum_problem) == before


class GatedExecutor:
    """Holds every invoke until released, so requests are provably in flight together."""

    def __init__(self) -> None:
        self.entered = threading.Semaphore(0)
        self.release = threading.Event()

    def invoke(self, function: str, payload: dict[str, Any]) -> dict[str, Any]:
        self.entered.release()
        assert self.release.wait(30)
        return get_invoker().invoke(function, payload)


@pytest.fixture
def gated(swap_invoker: Callable[[Any], None]) -> Iterator[GatedExecutor]:
    executor = GatedExecutor()
    swap_invoker(executor)
    yield executor
    executor.release.set()


def test_at_most_two_gradings_per_user_are_in_flight(
    api: httpx.Client, auth_headers: Headers, sum_problem: str, gated: GatedExecutor, submit: Submit
) -> None:
    headers = auth_headers("grader-busy")
    with ThreadPoolExecutor(max_workers=3) as pool:
        running = [pool.submit(submit, headers, sum_problem, CORRECT) for _ in range(2)]
        for _ in range(2):
            assert gated.entered.acquire(timeout=30)
        third = api.post(
            "/grade", json={"problemId": sum_problem, "userCode": CORRECT}, headers=headers
        )
        assert third.status_code == 429
        assert third.json()["code"] == "too_many_requests"
        other = pool.submit(submit, auth_headers("grader-other"), sum_problem, CORRECT)
        assert gated.entered.acquire(timeout=30)
        gated.release.set()
        assert [future.result()["status"] for future in [*running, other]] == ["ACCEPTED"] * 3
    assert submit(headers, sum_problem, CORRECT)["status"] == "ACCEPTED"


def test_output_dynamodb_cannot_hold_still_stores(
    api: httpx.Client, auth_headers: Headers, sum_problem: str, stored: Stored, submit: Submit
) -> None:
    code = "def solution(d):\n    s = chr(0xD800)\n    return {s: [s, 10**40, 1e300]}\n"
    headers = auth_headers("grader-odd-output")
    body = submit(headers, sum_problem, code)
    assert body["status"] == "WRONG_ANSWER"
    assert isinstance(body["results"][0]["actualOutput"], str)
    item = stored(body["submissionId"])
    assert item is not None
    assert item["results"] == body["results"]
    custom = api.post(
        "/grade",
        json={
            "executionMode": "RUN_CUSTOM_TESTS",
            "problemId": sum_problem,
            "userCode": code,
            "customTestCases": [{}],
        },
        headers=headers,
    )
    assert custom.status_code == 200
    assert custom.json()["results"][0]["runCodeOutput"]["returnValue"] == {
        "\ud800": ["\ud800", 10**40, 1e300]
    }
