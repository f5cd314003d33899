"""The Lambda entry point fed a recorded API Gateway event, with fake ports behind it."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest

from alpaco.services.grader import handler as grader
from alpaco.services.grader.inflight import ProcessLimiter
from alpaco.services.grader.service import Ports

EVENT = json.loads((Path(__file__).parent / "events" / "grade_post.json").read_text())
PROBLEM = {
    "problemId": "p1",
    "title": "Sum",
    "timeLimitSeconds": 1,
    "memoryLimitMb": 64,
    "finalTestCases": json.dumps([{"input": [1, 2], "expected_output": 3, "isSample": True}]),
}


class Fakes:
    def __init__(self) -> None:
        self.stored: list[dict[str, Any]] = []
        self.payloads: list[dict[str, Any]] = []

    def get_problem(self, problem_id: str) -> dict[str, Any] | None:
        return PROBLEM if problem_id == "p1" else None

    def record_submission(self, problem_id: str, *, accepted: bool) -> None:
        pass

    def put_submission(self, item: dict[str, Any]) -> None:
        self.stored.append(item)

    def invoke(self, function: str, payload: dict[str, Any]) -> dict[str, Any]:
        self.payloads.append(payload)
        return {"results": [{"status": "OK", "returnValue": sum(x)} for x in payload["inputs"]]}


@pytest.fixture
def fakes(monkeypatch: pytest.MonkeyPatch, budgets: Any) -> Fakes:
    fakes = Fakes()
    ports = Ports(invoker=fakes, problems=fakes, submissions=fakes, new_id=lambda: "server-id")
    monkeypatch.setattr(grader, "ports", lambda: ports)
    monkeypatch.setattr(grader, "limiter", ProcessLimiter(2))
    monkeypatch.setattr(grader, "rates", budgets)
    return fakes


def call(event: dict[str, Any]) -> tuple[int, dict[str, Any]]:
    response = grader.handler(event, None)
    assert response["headers"]["Vary"] == "Origin"
    return response["statusCode"], json.loads(response["body"])


def test_grades_as_the_tokens_user_with_a_server_made_id(fakes: Fakes) -> None:
    status, body = call(copy.deepcopy(EVENT))
    assert status == 200
    assert body["status"] == "ACCEPTED"
    assert body["submissionId"] == "server-id"
    assert fakes.stored[0]["userId"] == "3b5f8c1e-0000-4000-8000-000000000001"
    assert fakes.stored[0]["author"] == "alpaca"
    assert [payload["tenant"] for payload in fakes.payloads] == [fakes.stored[0]["userId"]]


def test_custom_tests_run_for_the_tokens_user(fakes: Fakes) -> None:
    event = copy.deepcopy(EVENT)
    body = json.loads(event["body"])
    body.update(executionMode="RUN_CUSTOM_TESTS", customTestCases=[[1, 2]], userId="forged")
    event["body"] = json.dumps(body)
    status, answer = call(event)
    assert status == 200
    assert answer["results"][0]["runCodeOutput"]["returnValue"] == 3
    user = EVENT["requestContext"]["authorizer"]["claims"]["sub"]
    assert [payload["tenant"] for payload in fakes.payloads] == [user]
    assert fakes.stored == []


def test_without_claims_it_is_401(fakes: Fakes) -> None:
    event = copy.deepcopy(EVENT)
    event["requestContext"]["authorizer"] = {}
    event["headers"].pop("Authorization")
    status, body = call(event)
    assert status == 401
    assert body["code"] == "unauthorized"
    assert fakes.payloads == []


def test_a_malformed_body_is_400(fakes: Fakes) -> None:
    event = copy.deepcopy(EVENT)
    event["body"] = "{not json"
    assert call(event)[0] == 400


def test_a_user_at_the_in_flight_limit_gets_429(fakes: Fakes) -> None:
    user = EVENT["requestContext"]["authorizer"]["claims"]["sub"]
    with grader.limiter.slot(user), grader.limiter.slot(user):
        status, body = call(copy.deepcopy(EVENT))
    assert status == 429
    assert body["code"] == "too_many_requests"
    assert call(copy.deepcopy(EVENT))[0] == 200


@pytest.mark.parametrize("mode", ["GRADE_SUBMISSION", "RUN_CUSTOM_TESTS"])
def test_both_modes_spend_the_users_grading_budget_and_past_it_run_nothing(
    fakes: Fakes, budgets: Any, mode: str
) -> None:
    event = copy.deepcopy(EVENT)
    body = json.loads(event["body"])
    body.update(executionMode=mode, customTestCases=[[1, 2]])
    event["body"] = json.dumps(body)
    budgets.left = 1
    assert call(copy.deepcopy(event))[0] == 200
    ran = len(fakes.payloads)

    status, answer = call(event)

    user = EVENT["requestContext"]["authorizer"]["claims"]["sub"]
    assert (status, answer["code"]) == (429, "too_many_requests")
    assert budgets.asked == [("gradings", user)] * 2
    assert len(fakes.payloads) == ran
    assert len(fakes.stored) == (1 if mode == "GRADE_SUBMISSION" else 0)
