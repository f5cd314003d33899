"""Both in-flight limiters under real contention: one user's requests all try for a slot at once,
and each one granted holds its slot until every request has had its answer, so a slot freed early
can never let a later request in and hide a race. The DynamoDB one runs on DynamoDB Local."""

from __future__ import annotations

import threading
import uuid
from collections import Counter

import pytest

from alpaco.kernel.http import TooManyRequests
from alpaco.services.grader.inflight import InFlightLimiter, ProcessLimiter
from alpaco.services.grader.inflight_dynamodb import DynamoLeaseLimiter

LIMIT = 2
REQUESTS = 8
WAIT_S = 30  # only for a broken limiter: no thread may hang the suite


@pytest.fixture(params=["process", "dynamodb"])
def limiter(request: pytest.FixtureRequest) -> InFlightLimiter:
    if request.param == "process":
        return ProcessLimiter(LIMIT)
    request.getfixturevalue("dynamodb_endpoint")
    return DynamoLeaseLimiter(LIMIT)


@pytest.fixture
def user() -> str:
    return f"contention-{uuid.uuid4()}"


def contend(limiter: InFlightLimiter, user: str) -> Counter[str]:
    """The answers REQUESTS simultaneous requests got, counted while the granted ones still hold
    their slots; one more request then, still in that moment, must be refused too."""
    start = threading.Barrier(REQUESTS, timeout=WAIT_S)
    answered = threading.Barrier(REQUESTS + 1, timeout=WAIT_S)
    release = threading.Event()
    answers: list[str] = []

    def request() -> None:
        start.wait()
        try:
            with limiter.slot(user):
                answers.append("granted")
                answered.wait()
                assert release.wait(WAIT_S)
        except TooManyRequests:
            answers.append("refused")
            answered.wait()

    threads = [threading.Thread(target=request) for _ in range(REQUESTS)]
    for thread in threads:
        thread.start()
    try:
        answered.wait()
        counted = Counter(answers)
        with pytest.raises(TooManyRequests), limiter.slot(user):
            pass
    finally:
        release.set()
        for thread in threads:
            thread.join(WAIT_S)
    assert not any(thread.is_alive() for thread in threads)
    return counted


def assert_all_slots_free(limiter: InFlightLimiter, user: str) -> None:
    with limiter.slot(user), limiter.slot(user), pytest.raises(TooManyRequests), limiter.slot(user):
        pass


def test_exactly_the_limit_is_granted_while_held_and_the_rest_refused(
    limiter: InFlightLimiter, user: str
) -> None:
    assert contend(limiter, user) == Counter(granted=LIMIT, refused=REQUESTS - LIMIT)
    assert_all_slots_free(limiter, user)


def test_every_round_grants_exactly_the_limit_again(limiter: InFlightLimiter, user: str) -> None:
    rounds = [contend(limiter, user) for _ in range(5)]
    assert rounds == [Counter(granted=LIMIT, refused=REQUESTS - LIMIT)] * 5
    assert_all_slots_free(limiter, user)


def test_another_users_slots_are_untouched_by_the_contention(
    limiter: InFlightLimiter, user: str
) -> None:
    contend(limiter, user)
    with limiter.slot(user), limiter.slot(user):
        assert_all_slots_free(limiter, f"{user}-other")
