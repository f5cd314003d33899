"""The in-process limiter (the DynamoDB one: test_inflight_dynamodb.py; the choice: test_limiter_choice.py)."""

from __future__ import annotations

import threading

import pytest

from alpaco.kernel.http import TooManyRequests
from alpaco.services.grader.inflight import ProcessLimiter


def test_a_user_gets_two_slots_and_others_are_unaffected() -> None:
    limiter = ProcessLimiter(2)
    with limiter.slot("u"), limiter.slot("u"):
        with pytest.raises(TooManyRequests), limiter.slot("u"):
            pass
        with limiter.slot("other"):
            pass
    with limiter.slot("u"), limiter.slot("u"):
        pass


def test_a_slot_is_released_when_grading_fails() -> None:
    limiter = ProcessLimiter(1)
    with pytest.raises(RuntimeError), limiter.slot("u"):
        raise RuntimeError("boom")
    with limiter.slot("u"):
        pass


def test_the_limit_holds_across_threads() -> None:
    limiter = ProcessLimiter(2)
    both_inside = threading.Barrier(3, timeout=5)
    release = threading.Event()

    def hold() -> None:
        with limiter.slot("u"):
            both_inside.wait()
            release.wait(5)

    threads = [threading.Thread(target=hold) for _ in range(2)]
    for thread in threads:
        thread.start()
    both_inside.wait()
    with pytest.raises(TooManyRequests), limiter.slot("u"):
        pass
    release.set()
    for thread in threads:
        thread.join()
    with limiter.slot("u"), limiter.slot("u"):
        pass
