from __future__ import annotations

import threading

import pytest

from alpaco.kernel.http import PayloadTooLarge, TooManyRequests
from alpaco.services.grader.limits import (
    MAX_CODE_BYTES,
    InFlightLimiter,
    check_code_size,
    check_custom_cases,
)


def test_code_up_to_64_kib_passes() -> None:
    check_code_size("x" * MAX_CODE_BYTES)
    with pytest.raises(PayloadTooLarge, match="65537 bytes"):
        check_code_size("x" * (MAX_CODE_BYTES + 1))


def test_code_size_counts_utf8_bytes() -> None:
    with pytest.raises(PayloadTooLarge):
        check_code_size("가" * (MAX_CODE_BYTES // 3 + 1))


def test_custom_cases_are_bounded_in_count_and_size() -> None:
    check_custom_cases([1] * 20)
    check_custom_cases(["x" * (64 * 1024 - 2)])
    with pytest.raises(PayloadTooLarge, match="21 inputs"):
        check_custom_cases([1] * 21)
    with pytest.raises(PayloadTooLarge, match="custom test case 2"):
        check_custom_cases([1, "x" * (64 * 1024)])


def test_a_user_gets_two_slots_and_others_are_unaffected() -> None:
    limiter = InFlightLimiter(2)
    with limiter.slot("u"), limiter.slot("u"):
        with pytest.raises(TooManyRequests), limiter.slot("u"):
            pass
        with limiter.slot("other"):
            pass
    with limiter.slot("u"), limiter.slot("u"):
        pass


def test_a_slot_is_released_when_grading_fails() -> None:
    limiter = InFlightLimiter(1)
    with pytest.raises(RuntimeError), limiter.slot("u"):
        raise RuntimeError("boom")
    with limiter.slot("u"):
        pass


def test_the_limit_holds_across_threads() -> None:
    limiter = InFlightLimiter(2)
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
