"""The warm pool: booted sandboxes wait for submissions; each is handed out once."""

from __future__ import annotations

import logging
import threading
from typing import Any

import pytest

from alpaco.services.executor.scheduler import usable_cores
from alpaco.services.executor.warm import WarmPool, warm_size


class FakeBox:
    def __init__(self, number: int, *, alive: bool = True) -> None:
        self.pid = 1000 + number
        self.process = type("Process", (), {"pid": 2000 + number})()
        self._alive = alive
        self.closed = False

    def alive(self) -> bool:
        return self._alive

    def pids(self) -> set[int]:
        return {self.pid, self.process.pid}

    def close(self) -> None:
        self.closed = True


class Starter:
    """Counts starts and lets a test wait for the n-th one without sleeping."""

    def __init__(self, *, alive: bool = True, fail_first: bool = False) -> None:
        self.boxes: list[FakeBox] = []
        self.alive = alive
        self.fail_first = fail_first
        self.started = threading.Condition()

    def __call__(self) -> Any:
        if self.fail_first:
            self.fail_first = False
            raise OSError("bwrap is broken")
        with self.started:
            box = FakeBox(len(self.boxes), alive=self.alive)
            self.boxes.append(box)
            self.started.notify_all()
        return box

    def wait_for(self, count: int) -> None:
        with self.started:
            assert self.started.wait_for(lambda: len(self.boxes) >= count, 5)


def test_a_ready_box_is_handed_out_once_and_replaced() -> None:
    starter = Starter()
    pool = WarmPool(1, starter)
    starter.wait_for(1)

    first = pool.take()
    pool.refill()
    starter.wait_for(2)
    second = pool.take()

    assert first is starter.boxes[0]
    assert second is starter.boxes[1]
    pool.close()


def test_taking_a_box_starts_no_other_until_a_refill() -> None:
    starter = Starter()
    pool = WarmPool(1, starter)
    starter.wait_for(1)

    assert pool.take() is starter.boxes[0]
    assert pool.idle_pids() == set()
    assert len(starter.boxes) == 1
    pool.refill()
    assert pool.idle_pids() == {1001, 2001}
    pool.close()


def test_idle_pids_list_the_waiting_sandboxes() -> None:
    starter = Starter()
    pool = WarmPool(1, starter)
    starter.wait_for(1)

    assert pool.idle_pids() == {1000, 2000}
    pool.close()
    assert pool.idle_pids() == set()
    assert starter.boxes[0].closed


def test_a_dead_box_is_discarded() -> None:
    starter = Starter(alive=False)
    pool = WarmPool(1, starter)
    starter.wait_for(1)
    pool.idle_pids()

    assert pool.take() is None
    assert starter.boxes[0].closed
    pool.close()


def test_size_zero_starts_nothing() -> None:
    starter = Starter()
    pool = WarmPool(0, starter)

    assert pool.take() is None
    assert starter.boxes == []


def test_a_failed_start_is_logged_and_retried(caplog: pytest.LogCaptureFixture) -> None:
    starter = Starter(fail_first=True)
    with caplog.at_level(logging.ERROR):
        pool = WarmPool(1, starter)
        starter.wait_for(1)

    assert "could not start a warm sandbox" in caplog.text
    pool.close()


@pytest.mark.parametrize(("raw", "expected"), [("", None), ("0", 0), ("3", 3), ("many", None)])
def test_warm_size_comes_from_the_environment_else_one_per_core(
    monkeypatch: pytest.MonkeyPatch, raw: str, expected: int | None
) -> None:
    monkeypatch.setenv("ALPACO_EXECUTOR_WARM", raw)

    assert warm_size() == (usable_cores() if expected is None else expected)
