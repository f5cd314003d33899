"""The grader's in-flight limiter as it runs on Lambda (ALPACO_GRADER_LIMITER=dynamodb): leases in
the Submissions table through the kernel's real DynamoDB client, against moto's server."""

from __future__ import annotations

import uuid
from collections.abc import Iterator

import boto3
import pytest

from alpaco.kernel import tables
from alpaco.kernel.config import reset_settings
from alpaco.kernel.http import TooManyRequests
from alpaco.services.grader.inflight_dynamodb import DynamoLeaseLimiter, lease_key
from alpaco.services.grader.limiter_choice import limiter_from_env


@pytest.fixture
def submissions(moto_url: str, aws: None, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    monkeypatch.setenv("ALPACO_DYNAMODB_ENDPOINT", moto_url)
    monkeypatch.setenv("ALPACO_TABLE_PREFIX", f"moto{uuid.uuid4().hex[:8]}-")
    reset_settings()
    raw = boto3.client("dynamodb", endpoint_url=moto_url)
    raw.create_table(**tables.create_table_request(tables.SUBMISSIONS))
    yield tables.SUBMISSIONS.name
    reset_settings()


def test_lambda_picks_the_dynamodb_limiter(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("ALPACO_GRADER_LIMITER", raising=False)
    monkeypatch.setenv("AWS_LAMBDA_FUNCTION_NAME", "alpaco-production-grader")
    assert isinstance(limiter_from_env(), DynamoLeaseLimiter)


def test_two_slots_per_user_then_429(submissions: str) -> None:
    limiter = DynamoLeaseLimiter(limit=2)
    with limiter.slot("alice"), limiter.slot("alice"):
        with pytest.raises(TooManyRequests):
            limiter._acquire("alice", "third")
        with limiter.slot("bob"):
            pass  # another user's slots are his own
    with limiter.slot("alice"), limiter.slot("alice"):
        pass  # both given back


def test_a_lease_left_by_a_dead_instance_runs_out(submissions: str) -> None:
    now = [1_000.0]
    limiter = DynamoLeaseLimiter(limit=1, lease_seconds=60, clock=lambda: now[0])
    limiter._acquire("carol", "crashed")  # never released
    with pytest.raises(TooManyRequests):
        limiter._acquire("carol", "next")
    now[0] += 61
    with limiter.slot("carol"):
        pass


def test_the_lease_item_is_no_submission(submissions: str, moto_url: str) -> None:
    limiter = DynamoLeaseLimiter(limit=1)
    with limiter.slot("dave"):
        item = boto3.client("dynamodb", endpoint_url=moto_url).get_item(
            TableName=submissions, Key=lease_key("dave")
        )["Item"]
    indexed = {name for index in tables.SUBMISSIONS.indexes.values() for name in index.key.names}
    assert not indexed & set(item), "a lease must never appear in a submission list"
