"""Find my bug: random small inputs from the problem's generator until the student's code and the
reference disagree, then the failing input shrunk while it stays valid and keeps failing.

The budget, per request: `BUDGET_SECONDS` of wall time (the search may use the first
`SEARCH_SECONDS`, so a difference found late still leaves time to shrink it) and `MAX_TRIES`
inputs compared. A round is one generator call for `SEARCH_BATCH` inputs, then the validator, the
student's code and the reference on all of them at once (`oracle.trials`); every executor call's
deadline is what is left of the budget, so a slow or looping submission cannot overrun it. Sizes
start tiny and grow round by round (`SIZE_CAPS`), because most bugs show on tiny inputs and a
tiny one is easiest to read.

Inputs come only from the generator and from shrinking a generated input: this module never
reads a problem's stored tests, so it cannot answer with a hidden one. An input it finds may
still equal a small stored one (`0`, an empty list); anyone can type such an input as a custom
test and get its expected output, which is not the hidden data a hidden case protects.
"""

from __future__ import annotations

import json
import random
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from enum import StrEnum
from itertools import islice
from typing import Any, Final

from alpaco.services.grader.oracle import Oracle, Trial
from alpaco.services.grader.problem import ProblemLimits
from alpaco.services.grader.shrink import candidates

BUDGET_SECONDS: Final = 10.0
SEARCH_SECONDS: Final = 7.0
MAX_TRIES: Final = 400
SEARCH_BATCH: Final = 40
SHRINK_BATCH: Final = 16
SIZE_CAPS: Final = (3, 6, 10, 16, 24, 32, 48, 64)
MAX_INPUT_CHARS: Final = 10_000  # a larger input is no small input: skipped
GENERATOR_LIMITS: Final = ProblemLimits(
    mode="function", time_limit_seconds=2.0, memory_limit_mb=256
)
_MIN_CALL_MS: Final = 1_000  # the executor's shortest batch deadline
_MAX_CALL_MS: Final = 25_000
_STOP_MS: Final = 300  # what an executor past its deadline takes to stop its cases and answer


@dataclass
class Budget:
    """Wall time left, on a monotonic clock; tests pass a fake one."""

    clock: Callable[[], float] = time.monotonic
    started: float = field(init=False)

    def __post_init__(self) -> None:
        self.started = self.clock()

    def elapsed(self) -> float:
        return self.clock() - self.started

    def call_ms(self, until_seconds: float) -> int | None:
        """The deadline for the next executor call, or None when too little time is left."""
        left_ms = int((until_seconds - self.elapsed()) * 1000) - _STOP_MS
        return min(left_ms, _MAX_CALL_MS) if left_ms >= _MIN_CALL_MS else None


class Stop(StrEnum):
    """Why the search ended."""

    FOUND = "found"
    TRIES = "tries"
    TIME = "time"
    INPUTS = "inputs"  # the largest sizes brought no new input


@dataclass(frozen=True)
class Hunt:
    """What a search found: the (shrunk) failing trial or None, and how it went."""

    failure: Trial | None
    tries: int
    stop: Stop
    found_seconds: float | None = None
    found_chars: int | None = None
    shrink_steps: int = 0


def hunt(oracle: Oracle, generator: str, *, seed: int, budget: Budget) -> Hunt:
    """Without a validator a cut could make an input the problem never asks, so nothing is shrunk."""
    tries, failure, stop = _search(oracle, generator, random.Random(seed), budget)
    if failure is None:
        return Hunt(None, tries, stop)
    found = Hunt(failure, tries, stop, budget.elapsed(), chars(failure.input))
    if oracle.programs.validator is None:
        return found
    shrunk, steps = _shrink(oracle, failure, budget)
    return replace(found, failure=shrunk, shrink_steps=steps)


def chars(value: Any) -> int:
    """An input's size as a reader sees it: the characters of its JSON text."""
    return len(json.dumps(value, ensure_ascii=False))


def _search(
    oracle: Oracle, generator: str, rng: random.Random, budget: Budget
) -> tuple[int, Trial | None, Stop]:
    """Rounds of generated inputs until one fails, the tries are used up, the search's time is
    spent, or the largest sizes bring nothing new."""
    tries, seen, rounds = 0, set[str](), 0
    while True:
        cap = SIZE_CAPS[min(rounds, len(SIZE_CAPS) - 1)]
        rounds += 1
        if tries >= MAX_TRIES:
            return tries, None, Stop.TRIES
        if (deadline := budget.call_ms(SEARCH_SECONDS)) is None:
            return tries, None, Stop.TIME
        jobs = [[rng.getrandbits(48), rng.randint(0, cap)] for _ in range(SEARCH_BATCH)]
        made = _generated(oracle, generator, jobs, seen, deadline)
        if not made:
            if rounds >= len(SIZE_CAPS):
                return tries, None, Stop.INPUTS
            continue
        if (deadline := budget.call_ms(SEARCH_SECONDS)) is None:
            return tries, None, Stop.TIME
        trials = oracle.trials(made[: MAX_TRIES - tries], deadline_ms=deadline)
        tries += sum(1 for t in trials if t.compared)
        failing = [t for t in trials if t.fails]
        if failing:
            return tries, min(failing, key=lambda t: chars(t.input)), Stop.FOUND


def _generated(
    oracle: Oracle, generator: str, jobs: list[list[int]], seen: set[str], deadline_ms: int
) -> list[Any]:
    """The new, small inputs the generator made for `jobs`; a job it failed is skipped."""
    results = oracle.run_program(generator, jobs, GENERATOR_LIMITS, deadline_ms=deadline_ms)
    stdio = oracle.judging.limits.mode == "stdio"
    made = []
    for result in results:
        value = result.get("returnValue")
        if result.get("status") != "OK" or (stdio and not isinstance(value, str)):
            continue
        key = json.dumps(value, sort_keys=True)
        if key not in seen and len(key) <= MAX_INPUT_CHARS:
            seen.add(key)
            made.append(value)
    return made


def _shrink(oracle: Oracle, failure: Trial, budget: Budget) -> tuple[Trial, int]:
    """Greedy: the first candidate (most ambitious first) that is valid and still fails becomes
    the input to shrink further, until no candidate does or the budget is spent."""
    stdio = oracle.judging.limits.mode == "stdio"
    seen = {json.dumps(failure.input, sort_keys=True)}
    current, steps = failure, 0
    pending = _unseen(candidates(current.input, stdio=stdio), seen)
    while (deadline := budget.call_ms(BUDGET_SECONDS)) is not None:
        batch = list(islice(pending, SHRINK_BATCH))
        if not batch:
            break
        smaller = next((t for t in oracle.trials(batch, deadline_ms=deadline) if t.fails), None)
        if smaller is not None:
            current, steps = smaller, steps + 1
            pending = _unseen(candidates(current.input, stdio=stdio), seen)
    return current, steps


def _unseen(values: Iterator[Any], seen: set[str]) -> Iterator[Any]:
    for value in values:
        key = json.dumps(value, sort_keys=True)
        if key not in seen:
            seen.add(key)
            yield value
