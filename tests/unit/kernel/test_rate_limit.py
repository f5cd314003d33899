"""The per-user rate limiter against DynamoDB Local: the exact bound, Retry-After, windows, users,
actions, concurrent instances, and the expiry DynamoDB's TTL reads."""

from __future__ import annotations

import threading
import uuid
from typing import Any

import pytest

from alpaco.kernel import dynamo
from alpaco.kernel.config import Rate
from alpaco.kernel.http import TooManyRequests
from alpaco.kernel.rate_limit import RateLimiter
from alpaco.kernel.tables import RATE_LIMITS


@pytest.fixture
def user(dynamodb_endpoint: str) -> str:
    return f"rate-user-{uuid.uuid4()}"


def _refusal(limiter: RateLimiter, rate: Rate, user_id: str) -> TooManyRequests:
    with pytest.raises(TooManyRequests) as refused:
        limiter.spend(rate, user_id)
    return refused.value


def test_the_limit_passes_and_the_next_is_told_when_the_window_frees(user: str, clock: Any) -> None:
    start = clock.now
    clock.now += 15.2
    limiter, rate = RateLimiter(clock=clock), Rate("posts", 3, 60)
    for _ in range(3):
        limiter.spend(rate, user)

    refused = _refusal(limiter, rate, user)

    assert refused.status == 429
    assert refused.retry_after == 45  # 44.8 s left, rounded up: never early
    assert refused.headers() == {"Retry-After": "45"}
    assert "at most 3 every 60 seconds" in refused.message
    clock.now = start + 59.9
    assert _refusal(limiter, rate, user).retry_after == 1


@pytest.mark.parametrize("offset", [0.0, 0.001, 30.0, 59.999])
def test_retry_after_is_within_the_window(user: str, clock: Any, offset: float) -> None:
    clock.now += offset
    limiter, rate = RateLimiter(clock=clock), Rate("likes", 1, 60)
    limiter.spend(rate, user)

    retry_after = _refusal(limiter, rate, user).retry_after

    assert retry_after is not None
    assert 0 < retry_after <= 60


def test_a_new_window_allows_again(user: str, clock: Any) -> None:
    limiter, rate = RateLimiter(clock=clock), Rate("gradings", 2, 60)
    limiter.spend(rate, user)
    limiter.spend(rate, user)
    for _ in range(5):
        _refusal(limiter, rate, user)

    clock.now += 60
    limiter.spend(rate, user)
    limiter.spend(rate, user)

    _refusal(limiter, rate, user)


def test_users_and_actions_do_not_share_a_budget(user: str, clock: Any) -> None:
    limiter = RateLimiter(clock=clock)
    posts, comments = Rate("posts", 1, 60), Rate("comments", 1, 60)
    limiter.spend(posts, user)
    _refusal(limiter, posts, user)

    limiter.spend(posts, f"{user}-other")
    limiter.spend(comments, user)


def test_concurrent_requests_never_let_more_than_the_limit_through(user: str, clock: Any) -> None:
    """Sixteen threads stand for requests on as many instances, each with a limiter of its own
    and nothing shared but DynamoDB, released together at a barrier."""
    threads, limit = 16, 5
    rate = Rate("likes", limit, 60)
    start = threading.Barrier(threads, timeout=10)
    lock = threading.Lock()
    granted: list[int] = []
    refused: list[int] = []

    def request(n: int) -> None:
        limiter = RateLimiter(clock=clock)
        start.wait()
        try:
            limiter.spend(rate, user)
        except TooManyRequests:
            with lock:
                refused.append(n)
        else:
            with lock:
                granted.append(n)

    running = [threading.Thread(target=request, args=(n,)) for n in range(threads)]
    for thread in running:
        thread.start()
    for thread in running:
        thread.join()

    assert len(granted) == limit
    assert len(refused) == threads - limit


def test_a_windows_counter_expires_when_the_window_ends(user: str, clock: Any) -> None:
    start = clock.now
    clock.now += 10
    RateLimiter(clock=clock).spend(Rate("posts", 3, 60), user)

    window = int(start // 60)
    item = dynamo.client().get_item(
        TableName=RATE_LIMITS.name,
        Key={"bucket": {"S": f"posts#{user}#{window}"}},
        ConsistentRead=True,
    )["Item"]
    ttl = dynamo.client().describe_time_to_live(TableName=RATE_LIMITS.name)

    assert dynamo.from_item(item) == {
        "bucket": f"posts#{user}#{window}",
        "hits": 1,
        "expiresAt": int(start) + 60,
    }
    assert ttl["TimeToLiveDescription"] == {
        "TimeToLiveStatus": "ENABLED",
        "AttributeName": "expiresAt",
    }
