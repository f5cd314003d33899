"""Keeps DynamoDB Local alive under `alpaco serve`: a dead engine is restarted on the same port and
data directory, with backoff, and its tables are checked before requests are let through again.

While it is down the gateway answers 503 with `Retry-After` instead of letting each request wait
out botocore's retries and fail with a 500. An engine that keeps dying (`Backoff.give_up_after`
deaths within `Backoff.window` seconds) is not restarted again: `on_give_up` gets a one-line reason
with the tail of its log, and `alpaco serve` exits non-zero with it.
"""

from __future__ import annotations

import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

from alpaco.kernel import log

logger = log.get_logger("gateway")


class Engine(Protocol):
    def start(self) -> None: ...
    def stop(self) -> None: ...
    def running(self) -> bool: ...
    def exit_code(self) -> int | None: ...
    def log_tail(self) -> str: ...


@dataclass(frozen=True)
class Backoff:
    first_seconds: float = 0.5
    max_seconds: float = 8.0
    give_up_after: int = 5
    window_seconds: float = 120.0


class Supervisor:
    """`available()` is what the gateway and the health check ask; it is false from the moment
    the engine is seen dead until it is back with its tables."""

    def __init__(
        self,
        engine: Engine,
        *,
        after_start: Callable[[], None],
        on_give_up: Callable[[str], None],
        backoff: Backoff = Backoff(),
        poll_seconds: float = 0.2,
    ) -> None:
        self._engine = engine
        self._after_start = after_start
        self._on_give_up = on_give_up
        self._backoff = backoff
        self._poll = poll_seconds
        self._available = threading.Event()
        self._stopping = threading.Event()
        self._thread: threading.Thread | None = None
        self.restarts = 0
        self.failure: str | None = None

    def available(self) -> bool:
        return self._available.is_set()

    def start(self) -> None:
        """Start the engine in the supervising thread: the engine dies with the thread that
        started it (`dynamodb_local._die_with_parent`), so every start happens there."""
        started = threading.Event()
        errors: list[BaseException] = []

        def first_start() -> None:
            try:
                self._engine.start()
                self._after_start()
                self._available.set()
            except BaseException as exc:  # handed to the caller below
                errors.append(exc)
            finally:
                started.set()
            if not errors:
                self._watch()

        self._thread = threading.Thread(target=first_start, name="supervisor", daemon=True)
        self._thread.start()
        started.wait()
        if errors:
            raise errors[0]

    def stop(self) -> None:
        self._stopping.set()
        if self._thread is not None and self._thread is not threading.current_thread():
            self._thread.join(timeout=15)
        self._engine.stop()

    def _watch(self) -> None:
        deaths: deque[float] = deque()
        delay = self._backoff.first_seconds
        up_since = time.monotonic()
        while not self._stopping.wait(self._poll):
            now = time.monotonic()
            if self._engine.running():
                if now - up_since > self._backoff.window_seconds:
                    delay = self._backoff.first_seconds
                continue
            self._available.clear()
            deaths.append(now)
            while deaths and now - deaths[0] > self._backoff.window_seconds:
                deaths.popleft()
            reason = f"exit code {self._engine.exit_code()}"
            if len(deaths) >= self._backoff.give_up_after:
                self.failure = (
                    f"DynamoDB Local died {len(deaths)} times within "
                    f"{self._backoff.window_seconds:.0f} s ({reason}); its log ends: "
                    f"{self._engine.log_tail()}"
                )
                logger.error("giving up on DynamoDB Local", extra={"reason": self.failure})
                self._on_give_up(self.failure)
                return
            logger.warning(
                "DynamoDB Local is down; restarting",
                extra={"reason": reason, "in_seconds": delay, "deaths": len(deaths)},
            )
            if self._stopping.wait(delay):
                return
            delay = min(delay * 2, self._backoff.max_seconds)
            try:
                self._engine.start()
                self._after_start()
            except Exception as exc:  # the next poll sees it down and counts it
                logger.warning("DynamoDB Local restart failed", extra={"error": str(exc)})
                continue
            self.restarts += 1
            up_since = time.monotonic()
            self._available.set()
            logger.info("DynamoDB Local is back", extra={"restarts": self.restarts})
