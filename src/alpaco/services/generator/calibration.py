"""The time limit, from the reference's measured time on the largest inputs.

Three times the reference's slowest run, rounded up to half a second and never under one second,
so the reference stays within a third of the limit (the quality bar's G6) while a solution of the
wrong complexity, on the largest inputs, does not. The grader runs a problem's cases within one
20 s budget, so the limit also decides how many cases a problem may have.
"""

from __future__ import annotations

import math
from typing import Final

FACTOR: Final = 3.0
FLOOR_SECONDS: Final = 1.0
STEP_SECONDS: Final = 0.5
MAX_TIME_LIMIT_SECONDS: Final = 4.0
# The grader refuses a problem whose cases' limits add up past this (services/grader/problem.py).
MAX_CASE_SECONDS: Final = 20.0
MAX_CASES: Final = 20


def time_limit(slowest_ms: float) -> float:
    steps = math.ceil(FACTOR * slowest_ms / 1000 / STEP_SECONDS)
    return max(FLOOR_SECONDS, steps * STEP_SECONDS)


def too_slow(slowest_ms: float) -> bool:
    return time_limit(slowest_ms) > MAX_TIME_LIMIT_SECONDS


def case_budget(limit_seconds: float) -> int:
    return min(MAX_CASES, math.floor(MAX_CASE_SECONDS / limit_seconds))
