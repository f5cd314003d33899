"""The supervisor on real child processes: a killed child comes back, one that keeps dying is given
up on with its log's last words, and stopping leaves nothing running."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from alpaco.gateway.supervisor import Backoff, Supervisor

QUICK = Backoff(first_seconds=0.05, max_seconds=0.2, give_up_after=3, window_seconds=30)


class Child:
    """A stand-in engine: a real process that sleeps, or dies at once after a line of log."""

    def __init__(self, log: Path, *, crash: bool = False) -> None:
        self.log = log
        self.crash = crash
        self.process: subprocess.Popen[bytes] | None = None
        self.starts = 0

    def start(self) -> None:
        self.starts += 1
        code = (
            "print('disk full at start', flush=True); raise SystemExit(3)"
            if self.crash
            else ("import time; time.sleep(60)")
        )
        with self.log.open("ab") as out:
            self.process = subprocess.Popen([sys.executable, "-c", code], stdout=out)

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.kill()
            self.process.wait()

    def running(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def exit_code(self) -> int | None:
        return None if self.process is None else self.process.poll()

    def log_tail(self) -> str:
        return self.log.read_text().strip().splitlines()[-1]


def _until(condition, timeout: float = 10.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.01)
    return False


def test_a_killed_child_is_restarted_and_checked_again(tmp_path: Path) -> None:
    child = Child(tmp_path / "child.log")
    checks: list[int] = []
    supervisor = Supervisor(
        child,
        after_start=lambda: checks.append(child.starts),
        on_give_up=pytest.fail,
        backoff=QUICK,
        poll_seconds=0.02,
    )
    supervisor.start()
    try:
        first = child.process
        assert first is not None
        assert supervisor.available()
        os.kill(first.pid, signal.SIGKILL)
        assert _until(lambda: not supervisor.available())
        assert _until(supervisor.available)
        assert child.process is not first
        assert child.running()
        assert (supervisor.restarts, checks) == (1, [1, 2])
    finally:
        supervisor.stop()
    assert not child.running()


def test_a_child_that_keeps_dying_is_given_up_with_its_last_words(tmp_path: Path) -> None:
    child = Child(tmp_path / "child.log")
    reasons: list[str] = []
    gave_up = threading.Event()
    supervisor = Supervisor(
        child,
        after_start=lambda: None,
        on_give_up=lambda reason: (reasons.append(reason), gave_up.set()),
        backoff=QUICK,
        poll_seconds=0.02,
    )
    supervisor.start()
    try:
        child.crash = True
        assert child.process is not None
        child.process.kill()
        assert gave_up.wait(10)
        starts = child.starts
        time.sleep(0.3)
        assert child.starts == starts  # nothing restarted after giving up
        assert not supervisor.available()
        assert reasons == [supervisor.failure]
        assert "died 3 times" in reasons[0]
        assert "disk full at start" in reasons[0]
        assert "exit code 3" in reasons[0]
    finally:
        supervisor.stop()


def test_a_first_start_that_fails_is_the_callers_error(tmp_path: Path) -> None:
    child = Child(tmp_path / "child.log")

    def broken_tables() -> None:
        raise RuntimeError("tables could not be created")

    supervisor = Supervisor(child, after_start=broken_tables, on_give_up=lambda reason: None)
    with pytest.raises(RuntimeError, match="tables"):
        supervisor.start()
    supervisor.stop()
    assert not child.running()
