"""POST /grade past the user's grading budget is a 429 with Retry-After, over real HTTP, in either
mode, and runs and stores nothing; another user still grades."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

import httpx
import pytest

from alpaco.gateway.identity import subject_for

pytestmark = pytest.mark.integration

LIMIT = 2
CASES = [{"input": {"nums": [1, 2]}, "expected_output": 3, "isSample": True}]
CODE = 'def solution(d):\n    return sum(d["nums"])\n'


@pytest.mark.parametrize("mode", ["GRADE_SUBMISSION", "RUN_CUSTOM_TESTS"])
def test_gradings_past_the_limit_are_refused_and_store_nothing(
    api: httpx.Client,
    auth_headers: Callable[..., dict[str, str]],
    put_problem: Callable[..., str],
    rate_limits: Any,
    mode: str,
) -> None:
    rate_limits.lower(gradings=LIMIT)
    body: dict[str, Any] = {
        "executionMode": mode,
        "problemId": put_problem(CASES),
        "userCode": CODE,
        "customTestCases": [{"nums": [4, 5]}],
    }
    username = f"rate-{uuid.uuid4().hex[:8]}"
    headers = auth_headers(username)
    for _ in range(LIMIT):
        assert api.post("/grade", json=body, headers=headers).status_code == 200

    rate_limits.assert_refused(api.post("/grade", json=body, headers=headers), "gradings")

    stored = api.get("/submissions", params={"userId": subject_for(username)}).json()
    assert stored["count"] == (LIMIT if mode == "GRADE_SUBMISSION" else 0)
    assert api.post("/grade", json=body, headers=auth_headers(f"{username}-b")).status_code == 200
