"""Custom input with an expected output, find-my-bug and the trust card, over real HTTP: the real
gateway, executor and DynamoDB Local, on a problem stored with its reference, validator and
generator (a generated problem's layout), whose hidden tests carry markers that no answer may
hold."""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from typing import Any

import httpx
import pytest

from alpaco.services.grader.find_bug import BUDGET_SECONDS

pytestmark = pytest.mark.integration

Headers = Callable[..., dict[str, str]]
PutProblem = Callable[..., str]

VALIDATE = """
def validate(data):
    if not isinstance(data, list) or not 1 <= len(data) <= 12:
        raise ValueError("data must be a list of 1..12 integers")
    for index, value in enumerate(data):
        if isinstance(value, bool) or not isinstance(value, int) or not -10**6 <= value <= 10**6:
            raise ValueError(f"data[{index}] must be an integer between -10^6 and 10^6")
"""
GENERATE = """
def generate(rng, size):
    return [rng.randint(-100, 100) for _ in range(max(1, min(size, 12)))]
"""
REFERENCE = "def solution(data):\n    return sum(data)\n"
CORRECT = (
    "def solution(data):\n    total = 0\n    for x in data:\n        total += x\n    return total\n"
)
SKIPS_THE_FIRST = "def solution(data):\n    return sum(data[1:])\n"
LOOPS = "def solution(data):\n    while True:\n        pass\n"
# The hidden tests hold values the generator (|x| <= 100) and shrinking (toward 0) never make.
MARKERS = ("738291", "519377", "218914", "604417")
CASES = [
    {"input": [1, 2], "expected_output": 3, "rationale": "sample", "isSample": True},
    {"input": [738291, -519377], "expected_output": 218914, "rationale": "hidden"},
    {"input": [604417], "expected_output": 604417, "rationale": "hidden"},
]


@pytest.fixture(scope="module")
def problem(put_problem: PutProblem) -> str:
    return put_problem(
        CASES,
        solutionCode=REFERENCE,
        validatorCode=VALIDATE,
        generatorCode=GENERATE,
        trust={
            "source": "generated",
            "testCount": 3,
            "sampleCount": 1,
            "generatedTestCount": 0,
            "bruteForceChecked": 12,
            "validatorAcceptsAll": True,
            "referenceMaxMs": 50,
            "timeLimitRule": "calibrated",
        },
    )


def post(api: httpx.Client, headers: dict[str, str], **body: Any) -> httpx.Response:
    return api.post("/grade", json=body, headers=headers)


def answer(response: httpx.Response) -> dict[str, Any]:
    assert response.status_code == 200, response.text
    for marker in MARKERS:
        assert marker not in response.text, f"hidden data {marker} in {response.text[:300]}"
    body: dict[str, Any] = response.json()
    return body


def custom(
    api: httpx.Client, headers: dict[str, str], problem: str, code: str, cases: list[Any]
) -> list[dict[str, Any]]:
    response = post(
        api,
        headers,
        executionMode="RUN_CUSTOM_TESTS",
        problemId=problem,
        userCode=code,
        customTestCases=cases,
    )
    results: list[dict[str, Any]] = answer(response)["results"]
    return results


def find(api: httpx.Client, headers: dict[str, str], problem: str, code: str) -> dict[str, Any]:
    return answer(post(api, headers, executionMode="FIND_MY_BUG", problemId=problem, userCode=code))


def test_custom_input_gets_the_expected_output_and_the_judges_verdict(
    api: httpx.Client, auth_headers: Headers, problem: str
) -> None:
    right, wrong = custom(
        api, auth_headers("tools-custom"), problem, SKIPS_THE_FIRST, [[0, 4], [4, 0]]
    )
    assert (right["expectedOutput"], right["verdict"], right["inputValid"]) == (4, "ACCEPTED", True)
    assert (wrong["expectedOutput"], wrong["verdict"]) == (4, "WRONG_ANSWER")
    assert wrong["runCodeOutput"]["returnValue"] == 0
    assert wrong["caseIdentifier"] == "Custom Case 2"


def test_an_invalid_custom_input_names_the_broken_constraint_and_is_not_run(
    api: httpx.Client, auth_headers: Headers, problem: str
) -> None:
    too_big, not_a_list, valid = custom(
        api, auth_headers("tools-invalid"), problem, CORRECT, [[1, 10**7], "1 2", [2]]
    )
    assert too_big["inputValid"] is False
    assert too_big["inputError"] == "data[1] must be an integer between -10^6 and 10^6"
    assert not_a_list["inputError"] == "data must be a list of 1..12 integers"
    for refused in (too_big, not_a_list):
        assert refused["runCodeOutput"]["status"] == "INVALID_INPUT"
        assert refused["runCodeOutput"]["executionTimeMs"] == 0
        assert (refused["expectedOutput"], refused["verdict"]) == (None, None)
    assert (valid["verdict"], valid["expectedOutput"]) == ("ACCEPTED", 2)


def test_find_my_bug_returns_a_shrunk_failing_input_with_both_outputs(
    api: httpx.Client, auth_headers: Headers, problem: str
) -> None:
    found = find(api, auth_headers("tools-find"), problem, SKIPS_THE_FIRST)
    assert found["found"] is True
    assert found["verdict"] == "WRONG_ANSWER"
    assert len(found["input"]) == 1
    assert abs(found["input"][0]) == 1
    assert (found["expectedOutput"], found["actualOutput"]) == (found["input"][0], 0)
    assert found["tries"] >= 1
    assert found["inputChars"] <= found["foundInputChars"]


def test_a_correct_solution_gets_no_difference_found_in_n_tries(
    api: httpx.Client, auth_headers: Headers, problem: str
) -> None:
    clean = find(api, auth_headers("tools-correct"), problem, CORRECT)
    assert clean["found"] is False
    assert clean["tries"] >= 1
    assert clean["message"].startswith(f"No difference found in {clean['tries']} tries")
    assert clean["input"] is None
    assert clean["elapsedSeconds"] <= BUDGET_SECONDS


def test_a_submission_that_never_ends_cannot_overrun_the_budget(
    api: httpx.Client, auth_headers: Headers, problem: str
) -> None:
    started = time.monotonic()
    stuck = find(api, auth_headers("tools-loop"), problem, LOOPS)
    took = time.monotonic() - started
    assert stuck["elapsedSeconds"] <= BUDGET_SECONDS
    assert took < BUDGET_SECONDS + 5, took  # the last call's teardown and the HTTP round trip
    if stuck["found"]:
        assert stuck["verdict"] == "TIME_LIMIT_EXCEEDED"


def test_no_answer_ever_holds_a_hidden_test(
    api: httpx.Client, auth_headers: Headers, problem: str
) -> None:
    headers = auth_headers("tools-leak")
    echo = "def solution(data):\n    print(data)\n    return data\n"
    answer(post(api, headers, problemId=problem, userCode=echo))
    answer(post(api, headers, problemId=problem, userCode=SKIPS_THE_FIRST))
    custom(api, headers, problem, echo, [[1, 2], [5]])
    find(api, headers, problem, echo)
    find(api, headers, problem, SKIPS_THE_FIRST)
    shown = api.get(f"/problems/{problem}")
    assert shown.status_code == 200
    assert not any(marker in shown.text for marker in MARKERS)


def test_the_trust_card_is_on_the_problem(api: httpx.Client, problem: str) -> None:
    trust = api.get(f"/problems/{problem}").json()["trust"]
    assert trust["recorded"] is True
    assert (trust["testCount"], trust["bruteForceChecked"], trust["validatorAcceptsAll"]) == (
        3,
        12,
        True,
    )
    assert (trust["timeLimitSeconds"], trust["timeLimitFactor"]) == (1, 20.0)
    assert json.dumps(trust).count("738291") == 0


def test_find_my_bug_without_a_generator_is_a_409(
    api: httpx.Client, auth_headers: Headers, put_problem: PutProblem
) -> None:
    bare = put_problem(CASES, solutionCode=REFERENCE)
    response = post(
        api,
        auth_headers("tools-bare"),
        executionMode="FIND_MY_BUG",
        problemId=bare,
        userCode=CORRECT,
    )
    assert response.status_code == 409
    assert response.json()["code"] == "conflict"


def test_find_my_bug_needs_a_signed_in_user(api: httpx.Client, problem: str) -> None:
    response = api.post(
        "/grade", json={"executionMode": "FIND_MY_BUG", "problemId": problem, "userCode": CORRECT}
    )
    assert response.status_code == 401
