"""Sandboxes booted ahead of demand, so a submission does not wait for an interpreter to start.

Each warm sandbox is still used for exactly one submission and then destroyed; only its start-up
(bubblewrap, the interpreter, the fork server's imports) happens before the submission arrives.
A single long-lived thread starts them: bubblewrap dies with the thread that started it
(`--die-with-parent` is a parent-*thread* death signal), so it must never be a short-lived one.

The pool is topped up when a submission *ends* (`refill()`), not when it takes a sandbox: a
sandbox's clone (new pid and network namespaces) holds the kernel's cgroup fork lock for
milliseconds, and every cgroup move a running submission makes would wait for it.
`ALPACO_EXECUTOR_WARM` sets how many wait (default: one per core, as many as can run cases at
once; 0 turns the pool off).
"""

from __future__ import annotations

import atexit
import threading
from collections import deque
from collections.abc import Callable

from alpaco.kernel import log
from alpaco.services.executor.sandbox import Box
from alpaco.services.executor.scheduler import usable_cores
from alpaco.services.executor.settings import ExecutorSettings

logger = log.get_logger("executor")

RETRY_PAUSE_S = 1.0


def warm_size() -> int:
    warm = ExecutorSettings.from_env().warm
    return usable_cores() if warm is None else warm


class WarmPool:
    def __init__(self, size: int, start: Callable[[], Box]) -> None:
        self.size = size
        self._start = start
        self._ready: deque[Box] = deque()
        self._lock = threading.Condition()
        self._starting = False
        self._requested = 0  # refills asked for / served: idle_pids() waits until they match
        self._served = 0
        self._wanted = threading.Event()
        self._closed = threading.Event()
        if size > 0:
            self.refill()
            threading.Thread(target=self._fill, name="alpaco-executor-warm", daemon=True).start()
            atexit.register(self.close)

    def take(self) -> Box | None:
        """A booted sandbox, or None when none is ready (the caller then starts its own)."""
        with self._lock:
            box = self._ready.popleft() if self._ready else None
        if box is not None and not box.alive():
            box.close()
            self.refill()
            return None
        return box

    def refill(self) -> None:
        """Top the pool up in the background; call it when a submission has finished."""
        if self.size > 0:
            with self._lock:
                self._requested += 1
            self._wanted.set()

    def idle_pids(self, *, settle_s: float = 5.0) -> set[int]:
        """Host pids of the waiting sandboxes (bubblewrap, the fork server, its slot servers).

        Waits (up to `settle_s`) for a sandbox being started to be ready, so that every process
        of the pool is either listed here or does not exist yet.
        """
        with self._lock:
            self._lock.wait_for(self._settled, settle_s)
            return {pid for box in self._ready for pid in box.pids()}

    def close(self) -> None:
        self._closed.set()
        self._wanted.set()
        with self._lock:
            boxes, self._ready = list(self._ready), deque()
        for box in boxes:
            box.close()

    def _settled(self) -> bool:
        if self._closed.is_set():
            return True
        return not self._starting and self._served == self._requested

    def _set_starting(self, starting: bool, ready: Box | None = None) -> None:
        with self._lock:
            if ready is not None:
                self._ready.append(ready)
            self._starting = starting
            self._lock.notify_all()

    def _fill(self) -> None:
        while not self._closed.is_set():
            self._wanted.wait()
            self._wanted.clear()
            with self._lock:
                asked = self._requested
            while not self._closed.is_set() and len(self._ready) < self.size:
                self._set_starting(True)
                try:
                    box = self._start()
                except Exception:
                    self._set_starting(False)
                    if not self._closed.is_set():  # at exit, a start cut short is expected
                        logger.exception("executor could not start a warm sandbox")
                    self._closed.wait(RETRY_PAUSE_S)
                    continue
                self._set_starting(False, ready=box)
            with self._lock:
                self._served = asked
                self._lock.notify_all()
        self.close()
