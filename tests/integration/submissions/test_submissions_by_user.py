"""`GET /submissions?userId=` lists exactly one user's submissions, over real HTTP: a nickname is
neither unique nor fixed, so `author` cannot tell two users apart, nor find a renamed user's past."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

import httpx
import pytest

pytestmark = pytest.mark.integration


def _ids(api: httpx.Client, **params: str) -> set[str]:
    response = api.get("/submissions", params={**params, "pageSize": "100"})
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["lastEvaluatedKey"] is None
    return {item["submissionId"] for item in body["items"]}


def test_user_id_finds_exactly_that_users_submissions_whatever_their_nickname(
    api: httpx.Client, put_submission: Callable[..., dict[str, Any]]
) -> None:
    run = uuid.uuid4().hex[:8]
    alice, bob = f"alice-{run}", f"bob-{run}"
    shared, former = f"Alpaca {run}", f"Llama {run}"
    alices = [
        put_submission(alice, author=shared, submissionTime=1_900_000_001),
        put_submission(alice, author=former, submissionTime=1_900_000_000),  # before a rename
    ]
    bobs = [put_submission(bob, author=shared, submissionTime=1_900_000_002)]

    assert _ids(api, userId=alice) == {item["submissionId"] for item in alices}
    assert _ids(api, userId=bob) == {item["submissionId"] for item in bobs}
    assert _ids(api, author=shared) == {alices[0]["submissionId"], bobs[0]["submissionId"]}
    assert _ids(api, userId=alice, author=shared) == {alices[0]["submissionId"]}
