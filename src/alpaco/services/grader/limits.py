"""Bounds on what one request may ask of the executor, and on how many gradings a user runs at once.

The in-flight bound is a per-process counter. That is exact for the local gateway (one process
serving every request) and for tests. On AWS every concurrent request gets its own Lambda instance,
so there the same bound needs shared state: a conditional DynamoDB lease per user and slot
(`PutItem` with `attribute_not_exists(pk) OR expiresAt < :now`, `DeleteItem` when done, the
expiry covering a crashed instance), which is a table this service does not own yet.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any, Final

from alpaco.kernel.http import PayloadTooLarge, TooManyRequests

MAX_CODE_BYTES: Final = 64 * 1024
MAX_CUSTOM_CASES: Final = 20
MAX_CUSTOM_CASE_BYTES: Final = 64 * 1024
MAX_IN_FLIGHT_PER_USER: Final = 2


def check_code_size(code: str) -> None:
    size = len(code.encode("utf-8", "surrogatepass"))
    if size > MAX_CODE_BYTES:
        raise PayloadTooLarge(f"userCode is {size} bytes; the limit is {MAX_CODE_BYTES} bytes.")


def check_custom_cases(cases: Sequence[Any]) -> None:
    if len(cases) > MAX_CUSTOM_CASES:
        raise PayloadTooLarge(
            f"customTestCases has {len(cases)} inputs; the limit is {MAX_CUSTOM_CASES}."
        )
    for number, case in enumerate(cases, start=1):
        size = len(json.dumps(case, ensure_ascii=False).encode("utf-8", "surrogatepass"))
        if size > MAX_CUSTOM_CASE_BYTES:
            raise PayloadTooLarge(
                f"custom test case {number} is {size} bytes; the limit is "
                f"{MAX_CUSTOM_CASE_BYTES} bytes."
            )


class InFlightLimiter:
    """At most `limit` gradings per user at once; the next one is refused, never queued."""

    def __init__(self, limit: int = MAX_IN_FLIGHT_PER_USER) -> None:
        self._limit = limit
        self._running: dict[str, int] = {}
        self._lock = threading.Lock()

    @contextmanager
    def slot(self, user_id: str) -> Iterator[None]:
        with self._lock:
            running = self._running.get(user_id, 0)
            if running >= self._limit:
                raise TooManyRequests(
                    f"At most {self._limit} gradings may run at once; wait for one to finish."
                )
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
