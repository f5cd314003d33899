"""Which in-flight limiter runs here: the one the grader's settings name.

The adapters are imported side by side, so neither needs the other, and the port (`inflight.py`)
knows no adapter but its own.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Final

from alpaco.services.grader.inflight import InFlightLimiter, ProcessLimiter
from alpaco.services.grader.inflight_dynamodb import DynamoLeaseLimiter
from alpaco.services.grader.settings import GraderSettings

ADAPTERS: Final[Mapping[str, Callable[[], InFlightLimiter]]] = {
    "memory": ProcessLimiter,
    "dynamodb": DynamoLeaseLimiter,
}


def limiter_from_env() -> InFlightLimiter:
    return ADAPTERS[GraderSettings.from_env().limiter]()
