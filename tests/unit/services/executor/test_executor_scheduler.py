"""Admission and case slots."""

from __future__ import annotations

import select

import pytest

from alpaco.services.executor.scheduler import CaseSlots, max_concurrent, usable_cores


def test_case_slots_count_and_wake_a_selector() -> None:
    slots = CaseSlots(2)

    assert slots.try_acquire()
    assert slots.try_acquire()
    assert not slots.try_acquire()
    assert select.select([slots.fileno()], [], [], 0)[0] == []
    slots.release()
    assert select.select([slots.fileno()], [], [], 0)[0] == [slots.fileno()]
    assert slots.try_acquire()


@pytest.mark.parametrize(("raw", "expected"), [("3", 3), ("", None), ("zero", None), ("0", None)])
def test_max_concurrent_defaults_to_the_cores(
    monkeypatch: pytest.MonkeyPatch, raw: str, expected: int | None
) -> None:
    monkeypatch.setenv("ALPACO_EXECUTOR_MAX_CONCURRENT", raw)

    assert max_concurrent() == (expected or usable_cores())
