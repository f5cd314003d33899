"""The Lambda entry point fed a recorded API Gateway event, on the real repositories and rate
limiter in DynamoDB Local; only the executor is a stand-in."""

from __future__ import annotations

import copy
import json
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from alpaco.services.grader import handler as grader
from alpaco.services.grader import repository as submissions_repository
from alpaco.services.grader.inflight import ProcessLimiter
from alpaco.services.grader.service import Ports
from alpaco.services.problems import repository as problems_repository

EVENT = json.loads((Path(__file__).parent / "events" / "grade_post.json").read_text())
CASES = [{"input": [1, 2], "expected_output": 3, "isSample": True}]
Stored = Callable[[str], dict[str, Any] | None]
Listed = Callable[[str], list[dict[str, Any]]]


class Executor:
    def __init__(self) -> None:
        self.payloads: list[dict[str, Any]] = []

    def invoke(self, function: str, payload: dict[str, Any]) -> dict[str, Any]:
        self.payloads.append(payload)
        return {"results": [{"status": "OK", "returnValue": sum(x)} for x in payload["inputs"]]}


@pytest.fixture
def executor(monkeypatch: pytest.MonkeyPatch, dynamodb_endpoint: str) -> Executor:
    executor = Executor()
    ports = Ports(
        invoker=executor, problems=problems_repository, submissions=submissions_repository
    )
    monkeypatch.setattr(grader, "ports", lambda: ports)
    monkeypatch.setattr(grader, "limiter", ProcessLimiter(2))
    return executor


@pytest.fixture
def event(put_problem: Callable[..., str]) -> dict[str, Any]:
    """The recorded event, from a user of this test's own, for a problem stored for it."""
    event = copy.deepcopy(EVENT)
    event["requestContext"]["authorizer"]["claims"]["sub"] = f"grader-handler-{uuid.uuid4()}"
    body = json.loads(event["body"])
    body["problemId"] = put_problem(CASES, timeLimitSeconds=1, memoryLimitMb=64)
    event["body"] = json.dumps(body)
    return event


def user_of(event: dict[str, Any]) -> str:
    return str(event["requestContext"]["authorizer"]["claims"]["sub"])


def with_body(event: dict[str, Any], **fields: Any) -> dict[str, Any]:
    changed = copy.deepcopy(event)
    changed["body"] = json.dumps({**json.loads(event["body"]), **fields})
    return changed


def call(event: dict[str, Any]) -> tuple[int, dict[str, Any]]:
    response = grader.handler(copy.deepcopy(event), None)
    assert response["headers"]["Vary"] == "Origin"
    return response["statusCode"], json.loads(response["body"])


def test_grades_as_the_tokens_user_with_a_server_made_id(
    executor: Executor, event: dict[str, Any], stored: Stored
) -> None:
    status, body = call(with_body(event, userId="forged", author="mallory"))
    assert status == 200
    assert body["status"] == "ACCEPTED"
    assert body["submissionId"] != "client-id"
    item = stored(body["submissionId"])
    assert item is not None
    assert (item["userId"], item["author"]) == (user_of(event), "alpaca")
    assert [payload["tenant"] for payload in executor.payloads] == [user_of(event)]


def test_custom_tests_run_for_the_tokens_user(
    executor: Executor, event: dict[str, Any], submissions_of: Listed
) -> None:
    custom = with_body(
        event, executionMode="RUN_CUSTOM_TESTS", customTestCases=[[1, 2]], userId="forged"
    )
    status, answer = call(custom)
    assert status == 200
    assert answer["results"][0]["runCodeOutput"]["returnValue"] == 3
    assert [payload["tenant"] for payload in executor.payloads] == [user_of(event)]
    assert submissions_of(user_of(event)) == []


def test_without_claims_it_is_401(executor: Executor, event: dict[str, Any]) -> None:
    event["requestContext"]["authorizer"] = {}
    event["headers"].pop("Authorization")
    status, body = call(event)
    assert status == 401
    assert body["code"] == "unauthorized"
    assert executor.payloads == []


def test_a_malformed_body_is_400(executor: Executor, event: dict[str, Any]) -> None:
    event["body"] = "{not json"
    assert call(event)[0] == 400


def test_a_user_at_the_in_flight_limit_gets_429(
    executor: Executor, event: dict[str, Any], submissions_of: Listed
) -> None:
    with grader.limiter.slot(user_of(event)), grader.limiter.slot(user_of(event)):
        status, body = call(event)
    assert status == 429
    assert body["code"] == "too_many_requests"
    assert (executor.payloads, submissions_of(user_of(event))) == ([], [])
    assert call(event)[0] == 200


@pytest.mark.parametrize(
    "modes",
    [("GRADE_SUBMISSION", "RUN_CUSTOM_TESTS"), ("RUN_CUSTOM_TESTS", "GRADE_SUBMISSION")],
    ids=["grade then run", "run then grade"],
)
def test_both_modes_spend_the_users_one_grading_budget_and_past_it_run_nothing(
    executor: Executor,
    event: dict[str, Any],
    rate_limits: Any,
    submissions_of: Listed,
    modes: tuple[str, str],
) -> None:
    first, then = modes
    rate_limits.lower(gradings=1)
    assert call(with_body(event, executionMode=first, customTestCases=[[1, 2]]))[0] == 200
    ran, graded = len(executor.payloads), len(submissions_of(user_of(event)))

    status, answer = call(with_body(event, executionMode=then, customTestCases=[[1, 2]]))

    assert (status, answer["code"]) == (429, "too_many_requests")
    assert answer["message"].startswith("Too many gradings: at most 1 every ")
    assert len(executor.payloads) == ran
    assert len(submissions_of(user_of(event))) == graded
    someone_else = copy.deepcopy(event)
    someone_else["requestContext"]["authorizer"]["claims"]["sub"] = f"{user_of(event)}-other"
    assert call(someone_else)[0] == 200


def test_find_my_bug_holds_an_in_flight_slot_like_a_grading(
    executor: Executor, event: dict[str, Any]
) -> None:
    find = with_body(event, executionMode="FIND_MY_BUG")
    with grader.limiter.slot(user_of(event)), grader.limiter.slot(user_of(event)):
        status, body = call(find)
    assert (status, body["code"]) == (429, "too_many_requests")
    assert executor.payloads == []


def test_find_my_bug_spends_the_grading_budget(
    executor: Executor, event: dict[str, Any], rate_limits: Any
) -> None:
    rate_limits.lower(gradings=1)
    assert call(event)[0] == 200
    status, answer = call(with_body(event, executionMode="FIND_MY_BUG"))
    assert (status, answer["code"]) == (429, "too_many_requests")
    assert answer["message"].startswith("Too many gradings")
