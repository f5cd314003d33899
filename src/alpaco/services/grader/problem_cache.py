"""A short-lived in-process cache of completed problems, in front of the problems repository.

A completed problem's statement, limits and tests do not change under a student's feet, yet every
grading needs them: caching them saves a DynamoDB read per grading (a warm Lambda instance keeps
the cache too). Only `generationStatus == "completed"` items are kept, so a problem still being
generated is always read fresh, and an entry lives `ttl_seconds` at most, so a re-seeded or
edited problem is graded by its new tests within that time. Counters always go to the table.
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from typing import Any, Final, Protocol

DEFAULT_TTL_SECONDS: Final = 30.0
DEFAULT_MAX_ITEMS: Final = 64


class Problems(Protocol):
    def get_problem(self, problem_id: str) -> dict[str, Any] | None: ...

    def submission_counted(self, problem_id: str, *, accepted: bool) -> dict[str, Any]: ...


class CachedProblems:
    def __init__(
        self,
        source: Problems,
        *,
        ttl_seconds: float = DEFAULT_TTL_SECONDS,
        max_items: int = DEFAULT_MAX_ITEMS,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._source = source
        self._ttl = ttl_seconds
        self._max_items = max_items
        self._clock = clock
        self._entries: OrderedDict[str, tuple[float, dict[str, Any]]] = OrderedDict()
        self._lock = threading.Lock()

    def get_problem(self, problem_id: str) -> dict[str, Any] | None:
        now = self._clock()
        with self._lock:
            entry = self._entries.get(problem_id)
            if entry is not None and now - entry[0] < self._ttl:
                self._entries.move_to_end(problem_id)
                return dict(entry[1])
        item = self._source.get_problem(problem_id)
        if item is not None and item.get("generationStatus") == "completed":
            with self._lock:
                self._entries[problem_id] = (now, dict(item))
                self._entries.move_to_end(problem_id)
                while len(self._entries) > self._max_items:
                    self._entries.popitem(last=False)
        return item

    def submission_counted(self, problem_id: str, *, accepted: bool) -> dict[str, Any]:
        return self._source.submission_counted(problem_id, accepted=accepted)
