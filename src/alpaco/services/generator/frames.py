"""The original's SSE frames (contracts §3.2), which its generator page reads: `status` with the
step's number and a message, one `result` with the ProblemResult payload, at most one `error`.

Ours add to `status` the step's `name` and a `progress` from 0 to 100. Steps the original did not
have (brute force, validator, input generator, calibration) report under the number of the step
they belong to, so the original page's step list still moves forward.
"""

from __future__ import annotations

from typing import Any, Final

from alpaco.kernel.sse import Event

STEP_NUMBERS: Final[dict[str, float]] = {
    "intent": 1,
    "tests": 2,
    "solution": 3,
    "brute": 4,
    "validator": 4,
    "generator": 4,
    "execution": 4,
    "finalisation": 5,
    "calibration": 6,
    "constraints": 6,
    "start_code": 6.5,
    "validation": 7,
    "description": 8,
    "title": 9,
    "translation": 10,
    "store": 11,
    "done": 11,
}


def status(step: str, message: str, progress: int) -> Event:
    number = STEP_NUMBERS.get(step, 0)
    shown: int | float = int(number) if float(number).is_integer() else number
    return Event(
        {"step": shown, "name": step, "message": message, "progress": progress}, event="status"
    )


def result(payload: dict[str, Any]) -> Event:
    return Event({"payload": payload}, event="result")


def error(message: str) -> Event:
    return Event({"payload": message}, event="error")
