"""At most two gradings in flight per user: the port and the in-process adapter.

Which adapter runs where (`limiter_choice.py` picks it):
- `ProcessLimiter` (`ALPACO_GRADER_LIMITER=memory`, the default off Lambda): a counter in this
  process's memory. Exact for the local gateway, where one process serves every request, and
  for tests; meaningless on Lambda, where concurrent requests land on different instances.
- `DynamoLeaseLimiter` (`ALPACO_GRADER_LIMITER=dynamodb`, the default on Lambda): conditional
  writes on a lease item in the Submissions table (`inflight_dynamodb.py`), shared by every
  instance, with per-slot expiry so a crashed instance cannot hold a slot forever.
A refused grading raises `TooManyRequests` (429); it is never queued.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from typing import Final, Protocol

from alpaco.kernel.http import TooManyRequests

MAX_IN_FLIGHT_PER_USER: Final = 2


class InFlightLimiter(Protocol):
    def slot(self, user_id: str) -> AbstractContextManager[None]:
        """Hold one of the user's slots for the block; raise `TooManyRequests` when none is free."""
        ...


def too_many(limit: int) -> TooManyRequests:
    return TooManyRequests(f"At most {limit} gradings may run at once; wait for one to finish.")


class ProcessLimiter:
    def __init__(self, limit: int = MAX_IN_FLIGHT_PER_USER) -> None:
        self._limit = limit
        self._running: dict[str, int] = {}
        self._lock = threading.Lock()

    @contextmanager
    def slot(self, user_id: str) -> Iterator[None]:
        with self._lock:
            running = self._running.get(user_id, 0)
            if running >= self._limit:
                raise too_many(self._limit)
            self._running[user_id] = running + 1
        try:
            yield
        finally:
            with self._lock:
                remaining = self._running[user_id] - 1
                if remaining:
                    self._running[user_id] = remaining
                else:
                    del self._running[user_id]
