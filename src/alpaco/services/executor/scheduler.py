"""How much runs at once: submissions (sandboxes alive) and test cases (processes on CPUs).

`ALPACO_EXECUTOR_MAX_CONCURRENT` (default: the usable cores) caps the submissions in progress;
beyond it callers queue. Independently, at most one test case runs per core across all
submissions, so parallel cases never distort each other's time measurements. Case slots are
bytes in a pipe: a session can wait for one in the same `select` as its other events.
"""

from __future__ import annotations

import contextlib
import os
import threading
from collections.abc import Iterator


def usable_cores() -> int:
    return max(1, len(os.sched_getaffinity(0)))


def max_concurrent() -> int:
    raw = os.environ.get("ALPACO_EXECUTOR_MAX_CONCURRENT", "").strip()
    if raw.isdigit() and int(raw) > 0:
        return int(raw)
    return usable_cores()


class Admission:
    """Bounds the submissions in progress; extra callers block in arrival order (roughly)."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self._semaphore = threading.BoundedSemaphore(limit)

    @contextlib.contextmanager
    def admitted(self) -> Iterator[None]:
        with self._semaphore:
            yield


class CaseSlots:
    """A counting semaphore on a pipe, so that waiting for a slot composes with `select`."""

    def __init__(self, count: int) -> None:
        self.count = count
        self._read, self._write = os.pipe2(os.O_NONBLOCK | os.O_CLOEXEC)
        os.write(self._write, b"x" * count)

    def fileno(self) -> int:
        return self._read

    def try_acquire(self) -> bool:
        try:
            return bool(os.read(self._read, 1))
        except BlockingIOError:
            return False

    def release(self) -> None:
        os.write(self._write, b"x")
