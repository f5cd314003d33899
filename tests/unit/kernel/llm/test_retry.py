"""Backoff: exponential, capped, and jittered so that retries do not arrive together."""

from __future__ import annotations

import pytest

from alpaco.kernel.llm._retry import RetryPolicy, is_transient_status


@pytest.mark.parametrize(("failed", "ceiling"), [(1, 1.0), (2, 2.0), (3, 4.0), (4, 8.0), (9, 20.0)])
def test_each_pause_is_drawn_below_a_doubling_capped_ceiling(failed, ceiling):
    policy = RetryPolicy(base_seconds=1.0, cap_seconds=20.0)

    pauses = [policy.delay(failed) for _ in range(200)]

    assert all(0 <= pause <= ceiling for pause in pauses)
    assert len(set(pauses)) > 150  # jittered, not one fixed value
    assert max(pauses) > ceiling / 2


@pytest.mark.parametrize(
    ("status", "transient"),
    [
        *[(status, True) for status in (408, 409, 429, 500, 503, 504)],
        *[(status, False) for status in (400, 401, 403, 404, 422)],
    ],
)
def test_only_statuses_that_may_pass_next_time_are_transient(status, transient):
    assert is_transient_status(status) is transient
