"""Problems written straight through the repository, the user ids behind dev tokens, what each
list request reads, and a small list read budget."""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable
from typing import Any

import pytest

from alpaco.services.problems import repository

HIDDEN_MARKERS = (
    "HIDDEN-INPUT-7f3a",
    "HIDDEN-OUTPUT-7f3a",
    "SECRET-SOLUTION-7f3a",
    "SECRET-BRUTE-7f3a",
    "SECRET-HINT-7f3a",
    "SECRET-INTENT-7f3a",
    "SECRET-PROMPT-7f3a",
    "SECRET-ERROR-7f3a",
)


def problem_item(creator_id: str, **overrides: Any) -> dict[str, Any]:
    """A problem in the shape the bank writes, with a marker in every field that must stay hidden."""
    cases = [
        {"input": [2, 3], "expected_output": 5, "rationale": "sample", "isSample": True},
        {"input": "HIDDEN-INPUT-7f3a", "expected_output": "HIDDEN-OUTPUT-7f3a", "rationale": "x"},
        {"input": [9, 9], "expected_output": 18, "rationale": "big", "isSample": False},
    ]
    item: dict[str, Any] = {
        "problemId": f"p-{uuid.uuid4()}",
        "title": "Strawberry Sum (Easy)",
        "title_translated": "딸기 합 (쉬움)",
        "description": "Add two numbers.",
        "description_translated": "두 수를 더하세요.",
        "targetLanguage": "Korean",
        "difficulty": "Easy",
        "tags": ["math"],
        "mode": "function",
        "judgeType": "equal",
        "timeLimitSeconds": 1,
        "memoryLimitMb": 128,
        "constraints": json.dumps(
            {
                "time_limit_seconds": 1,
                "memory_limit_mb": 128,
                "input_constraints": "0 <= a, b <= 100",
                "judge_type": "equal",
            }
        ),
        "startCode": "def solution(data):\n    pass\n",
        "solutionCode": "def solution(d):\n    return sum(d)  # SECRET-SOLUTION-7f3a\n",
        "bruteForceCode": "# SECRET-BRUTE-7f3a",
        "finalTestCases": json.dumps(cases),
        "hints": ["SECRET-HINT-7f3a"],
        "intent": json.dumps({"goal": "SECRET-INTENT-7f3a"}),
        "userPrompt": "SECRET-PROMPT-7f3a",
        "errorMessage": "SECRET-ERROR-7f3a",
        "validationDetails": json.dumps({"status": "Pass", "details": "SECRET-SOLUTION-7f3a"}),
        "language": "python3.12",
        "generationStatus": "completed",
        "createdAt": "2030-06-01T12:00:00.000Z",
        "completedAt": "2030-06-01T12:00:01.000Z",
        "creatorId": creator_id,
        "author": "tester",
        "schemaVersion": "test",
        "submissionCount": 0,
        "acceptedCount": 0,
    }
    item.update(overrides)
    return item


@pytest.fixture
def put_problem(dynamodb_endpoint: str) -> Callable[..., dict[str, Any]]:
    def put(creator_id: str, **overrides: Any) -> dict[str, Any]:
        item = problem_item(creator_id, **overrides)
        repository.write_problem(item)
        return item

    return put


@pytest.fixture(scope="session")
def hidden_markers() -> tuple[str, ...]:
    return HIDDEN_MARKERS
