"""Fixture problems written straight into the Problems table, gradings posted as a browser posts
them, and submissions read back exactly as the grader stored them."""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable
from typing import Any

import httpx
import pytest

from alpaco.kernel import dynamo
from alpaco.kernel.tables import SUBMISSIONS
from alpaco.services.problems import repository as problems_repository

PutProblem = Callable[..., str]
Stored = Callable[[str], dict[str, Any] | None]
Submit = Callable[..., dict[str, Any]]


def _put_problem(cases: list[dict[str, Any]], **overrides: Any) -> str:
    problem_id = f"grader-it-{uuid.uuid4()}"
    item: dict[str, Any] = {
        "problemId": problem_id,
        "title": "Sum of a list",
        "title_translated": "리스트의 합",
        "mode": "function",
        "judgeType": "equal",
        "timeLimitSeconds": 1,
        "memoryLimitMb": 128,
        "finalTestCases": json.dumps(cases),
        "generationStatus": "completed",
        "createdAt": "2026-01-01T00:00:00.000Z",
        "creatorId": "grader-tests",
        "submissionCount": 0,
        "acceptedCount": 0,
    }
    item.update(overrides)
    problems_repository.write_problem({k: v for k, v in item.items() if v is not None})
    return problem_id


def _stored(submission_id: str) -> dict[str, Any] | None:
    response = dynamo.client().get_item(
        TableName=SUBMISSIONS.name, Key={"submissionId": {"S": submission_id}}, ConsistentRead=True
    )
    item = response.get("Item")
    return dynamo.from_item(item) if item else None


@pytest.fixture(scope="session")
def put_problem(dynamodb_endpoint: str) -> PutProblem:
    """`put_problem(cases, **fields)` stores a function problem (fields override) and gives its id."""
    return _put_problem


@pytest.fixture(scope="session")
def stored(dynamodb_endpoint: str) -> Stored:
    return _stored


@pytest.fixture(scope="session")
def submit(api: httpx.Client) -> Submit:
    """`submit(headers, problem_id, code, **fields)` posts a grading that must answer 200."""

    def post(headers: dict[str, str], problem_id: str, code: str, **extra: Any) -> dict[str, Any]:
        response = api.post(
            "/grade", json={"problemId": problem_id, "userCode": code, **extra}, headers=headers
        )
        assert response.status_code == 200, response.text
        body: dict[str, Any] = response.json()
        return body

    return post
