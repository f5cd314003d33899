"""Progress as the SSE stream shows it: each step's name, a message, and a percentage that only
ever grows, whatever order parallel steps finish in and however often a step is retried."""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Final

# Each step's share of the bar, roughly its share of a generation's wall time with a real model.
WEIGHTS: Final = {
    "intent": 8,
    "tests": 5,
    "solution": 7,
    "brute": 5,
    "validator": 4,
    "generator": 4,
    "constraints": 3,
    "execution": 20,
    "calibration": 2,
    "finalisation": 4,
    "start_code": 3,
    "validation": 6,
    "description": 9,
    "title": 3,
    "translation": 10,
    "store": 7,
}
_LAST_BEFORE_DONE: Final = 99


@dataclass(frozen=True)
class Progress:
    step: str
    message: str
    progress: int


class Reporter:
    """Thread-safe: parallel steps report from the pool's threads."""

    def __init__(self, sink: Callable[[Progress], None]) -> None:
        self._sink = sink
        self._lock = threading.Lock()
        self._done: set[str] = set()
        self._percent = 0

    def say(self, step: str, message: str) -> None:
        with self._lock:
            self._sink(Progress(step, message, self._percent))

    def finished(self, step: str, message: str) -> None:
        """The step's share is counted once, on its first success."""
        with self._lock:
            if step not in self._done:
                self._done.add(step)
                self._percent = min(_LAST_BEFORE_DONE, self._percent + WEIGHTS.get(step, 0))
            self._sink(Progress(step, message, self._percent))
