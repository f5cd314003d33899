"""The DynamoDB lease limiter against DynamoDB Local: exact bound, release, expiry, invisibility
(under contention, beside the in-process one: test_inflight_contention.py)."""

from __future__ import annotations

import uuid
from typing import Any

import pytest

from alpaco.kernel import dynamo
from alpaco.kernel.http import TooManyRequests
from alpaco.kernel.tables import SUBMISSIONS
from alpaco.services.grader.inflight_dynamodb import DynamoLeaseLimiter, lease_key

INDEX_KEYS = {"problemId", "userId", "author", "is_submission", "submissionTime"}


@pytest.fixture
def user(dynamodb_endpoint: str) -> str:
    return f"lease-user-{uuid.uuid4()}"


def lease_item(user_id: str) -> dict[str, Any]:
    response = dynamo.client().get_item(
        TableName=SUBMISSIONS.name, Key=lease_key(user_id), ConsistentRead=True
    )
    return dynamo.from_item(response.get("Item", {}))


def test_two_slots_per_user_then_429_and_others_unaffected(user: str) -> None:
    limiter = DynamoLeaseLimiter(2)
    with limiter.slot(user), limiter.slot(user):
        with pytest.raises(TooManyRequests), limiter.slot(user):
            pass
        with limiter.slot(f"{user}-other"):
            pass
    with limiter.slot(user), limiter.slot(user):
        pass


def test_a_slot_is_released_when_grading_fails(user: str) -> None:
    limiter = DynamoLeaseLimiter(1)
    with pytest.raises(RuntimeError), limiter.slot(user):
        raise RuntimeError("boom")
    with limiter.slot(user):
        pass


def test_a_lease_left_by_a_crashed_instance_expires(user: str, clock: Any) -> None:
    crashed = DynamoLeaseLimiter(2, lease_seconds=60, clock=clock)
    held = [crashed.slot(user), crashed.slot(user)]  # referenced: collecting one would release it
    for lease in held:
        lease.__enter__()  # never exited: the instance died holding both slots
    with pytest.raises(TooManyRequests), crashed.slot(user):
        pass
    clock.now += 59
    with pytest.raises(TooManyRequests), crashed.slot(user):
        pass
    clock.now += 2
    with crashed.slot(user), crashed.slot(user):
        pass


def test_a_late_release_does_not_free_a_slot_taken_over(user: str, clock: Any) -> None:
    limiter = DynamoLeaseLimiter(1, lease_seconds=60, clock=clock)
    stale = limiter.slot(user)
    stale.__enter__()
    clock.now += 61
    with limiter.slot(user):
        stale.__exit__(None, None, None)  # the slow holder finishes after its lease ran out
        with pytest.raises(TooManyRequests), limiter.slot(user):
            pass


def test_the_lease_item_carries_no_index_key(user: str) -> None:
    with DynamoLeaseLimiter(2).slot(user):
        item = lease_item(user)
    assert item["submissionId"] == f"inflight#{user}"
    assert not INDEX_KEYS & set(item)
    assert set(item["lease0"]) == {"expiresAt", "token"}
