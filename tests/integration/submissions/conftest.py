"""Submissions written straight into the table in the grader's shape (reference §5.7 plus score and
counts), the user ids behind dev tokens, what each list request reads, and a small list read budget."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Sequence
from typing import Any

import pytest

from alpaco.kernel import dynamo
from alpaco.kernel.tables import SUBMISSIONS

_BATCH = 25


def submission_item(user_id: str, **overrides: Any) -> dict[str, Any]:
    item: dict[str, Any] = {
        "submissionId": str(uuid.uuid4()),
        "problemId": f"p-{uuid.uuid4()}",
        "problemTitle": "Strawberry Sum (Easy)",
        "problemTitleTranslated": "딸기 합 (쉬움)",
        "userId": user_id,
        "author": "tester",
        "language": "python",
        "status": "RUNTIME_ERROR",
        "executionTime": 0.031,
        "memoryKb": 9120,
        "results": [
            {"caseNumber": 1, "status": "ACCEPTED", "executionTime": 0.01, "isSample": True},
            {
                "caseNumber": 2,
                "status": "RUNTIME_ERROR",
                "executionTime": 0.031,
                "isSample": False,
                "exceptionType": "ZeroDivisionError",
                "stderr": "SECRET-RESULT-9c1d",
            },
        ],
        "submissionTime": 1_900_000_000,
        "userCode": "def solution(d):\n    return 1 / 0  # SECRET-CODE-9c1d\n",
        "errorMessage": "Failed at test case 2: RUNTIME_ERROR. Details: SECRET-DETAIL-9c1d",
        "is_submission": "Y",
        "score": 50,
        "passedCaseCount": 1,
        "totalCaseCount": 2,
    }
    item.update(overrides)
    return item


def write_items(items: Sequence[dict[str, Any]]) -> None:
    client = dynamo.client()
    for start in range(0, len(items), _BATCH):
        batch = items[start : start + _BATCH]
        requests = {SUBMISSIONS.name: [{"PutRequest": {"Item": dynamo.to_item(i)}} for i in batch]}
        while requests:
            requests = client.batch_write_item(RequestItems=requests).get("UnprocessedItems")


@pytest.fixture(scope="session")
def new_submission() -> Callable[..., dict[str, Any]]:
    return submission_item


@pytest.fixture(scope="session")
def write_submissions(dynamodb_endpoint: str) -> Callable[[Sequence[dict[str, Any]]], None]:
    return write_items


@pytest.fixture
def put_submission(dynamodb_endpoint: str) -> Callable[..., dict[str, Any]]:
    def put(user_id: str, **overrides: Any) -> dict[str, Any]:
        item = submission_item(user_id, **overrides)
        write_items([item])
        return item

    return put
