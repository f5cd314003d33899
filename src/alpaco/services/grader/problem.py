"""What grading needs from a Problems item, read strictly.

The original read a top-level time limit that no problem had and silently graded everything at
2 s with the `equal` judge. Here each setting comes from the top-level field or else from the
`constraints` JSON string, and a missing or unusable one is an `InvalidProblem` naming the field,
which the grader reports as INTERNAL_ERROR instead of guessing.

Two documented defaults remain, both the original's own semantics: a problem without `mode` is a
`function` problem (the only mode the original had), and one without any judge type is judged by
`equal`. A test case without `isSample: true` is hidden.

A grading runs every case in one executor call, and API Gateway gives up on a request after 29 s:
a problem whose cases' time limits add up past `MAX_CASE_SECONDS` could never be graded in time,
so it is refused as it is read, and the bank refuses to hold one.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Final

from alpaco.services.grader.judges import JUDGE_TYPES, resolve_epsilon

MODES: Final = ("function", "stdio")
MAX_TIME_LIMIT_SECONDS: Final = 20.0
MAX_CASE_SECONDS: Final = 20.0
MEMORY_LIMIT_RANGE_MB: Final = (16, 2048)


class InvalidProblem(ValueError):
    """The problem item cannot be graded as stored; the message is safe to show the student."""


@dataclass(frozen=True)
class ProblemLimits:
    mode: str
    time_limit_seconds: float
    memory_limit_mb: int

    @property
    def timeout_ms(self) -> int:
        return max(1, round(self.time_limit_seconds * 1000))


@dataclass(frozen=True)
class ProblemCase:
    number: int
    input: Any
    expected: Any
    is_sample: bool


@dataclass(frozen=True)
class Judging:
    """How a problem's outputs are produced and compared, without its tests: what running code
    on inputs other than the stored tests needs (custom tests, find-my-bug)."""

    limits: ProblemLimits
    judge_type: str
    epsilon: float | None


@dataclass(frozen=True)
class Problem:
    problem_id: str
    title: str
    title_translated: str
    limits: ProblemLimits
    judge_type: str
    epsilon: float | None
    cases: tuple[ProblemCase, ...]


def read_limits(item: Mapping[str, Any]) -> ProblemLimits:
    """Mode, time and memory limits; raises `InvalidProblem`."""
    constraints = _constraints(item)
    mode = _setting(item, constraints, ("mode",)) or "function"
    if mode not in MODES:
        raise InvalidProblem(f"problem mode {mode!r} is not one of {', '.join(MODES)}")
    seconds = _setting(item, constraints, ("timeLimitSeconds", "time_limit_seconds"))
    if seconds is None:
        raise InvalidProblem("problem has no time limit (timeLimitSeconds)")
    if not _is_number(seconds) or not 0 < seconds <= MAX_TIME_LIMIT_SECONDS:
        raise InvalidProblem(
            f"problem time limit {seconds!r} is not a number in (0, {MAX_TIME_LIMIT_SECONDS:g}] s"
        )
    memory = _setting(item, constraints, ("memoryLimitMb", "memory_limit_mb"))
    if memory is None:
        raise InvalidProblem("problem has no memory limit (memoryLimitMb)")
    low, high = MEMORY_LIMIT_RANGE_MB
    if not _is_number(memory) or memory != int(memory) or not low <= memory <= high:
        raise InvalidProblem(
            f"problem memory limit {memory!r} is not an integer in [{low}, {high}] MB"
        )
    return ProblemLimits(mode=mode, time_limit_seconds=float(seconds), memory_limit_mb=int(memory))


def read_judging(item: Mapping[str, Any]) -> Judging:
    """Limits, judge type and epsilon; never reads the tests. Raises `InvalidProblem`."""
    limits = read_limits(item)
    constraints = _constraints(item)
    judge_type = _setting(item, constraints, ("judgeType", "judge_type")) or "equal"
    if judge_type not in JUDGE_TYPES:
        raise InvalidProblem(
            f"problem judge type {judge_type!r} is unknown; known: {', '.join(JUDGE_TYPES)}"
        )
    epsilon = None
    if judge_type == "float_eps":
        try:
            epsilon = resolve_epsilon(_setting(item, constraints, ("epsilon",)))
        except ValueError as exc:
            raise InvalidProblem(f"problem epsilon is unusable: {exc}") from exc
    return Judging(limits=limits, judge_type=judge_type, epsilon=epsilon)


def read_problem(item: Mapping[str, Any]) -> Problem:
    """Everything needed to grade a submission; raises `InvalidProblem`."""
    judging = read_judging(item)
    cases = _cases(item.get("finalTestCases"), judging.limits.mode)
    check_case_seconds(len(cases), judging.limits)
    return Problem(
        problem_id=str(item.get("problemId") or ""),
        title=str(item.get("title") or ""),
        title_translated=str(item.get("title_translated") or ""),
        limits=judging.limits,
        judge_type=judging.judge_type,
        epsilon=judging.epsilon,
        cases=cases,
    )


def check_case_seconds(case_count: int, limits: ProblemLimits) -> None:
    """Raises `InvalidProblem` past `MAX_CASE_SECONDS`, counted in the executor's milliseconds."""
    total_ms = case_count * limits.timeout_ms
    if total_ms > MAX_CASE_SECONDS * 1000:
        raise InvalidProblem(
            f"problem has {case_count} test cases of {limits.time_limit_seconds:g} s each, "
            f"{total_ms / 1000:g} s in all; the bound is {MAX_CASE_SECONDS:g} s"
        )


def _constraints(item: Mapping[str, Any]) -> Mapping[str, Any]:
    raw = item.get("constraints")
    if raw is None or raw == "":
        return {}
    try:
        decoded = json.loads(raw) if isinstance(raw, str) else raw
    except ValueError as exc:
        raise InvalidProblem("problem constraints are not valid JSON") from exc
    if not isinstance(decoded, Mapping):
        raise InvalidProblem("problem constraints are not a JSON object")
    return decoded


def _setting(
    item: Mapping[str, Any], constraints: Mapping[str, Any], names: tuple[str, ...]
) -> Any:
    for source in (item, constraints):
        for name in names:
            value = source.get(name)
            if value is not None and value != "":
                return value
    return None


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)


def _cases(raw: Any, mode: str) -> tuple[ProblemCase, ...]:
    try:
        decoded = json.loads(raw) if isinstance(raw, str) else raw
    except ValueError as exc:
        raise InvalidProblem("problem finalTestCases are not valid JSON") from exc
    # The original's regeneration step sometimes stored {"finalTestCases": [...]} instead of the list.
    if isinstance(decoded, Mapping):
        decoded = decoded.get("finalTestCases")
    if not isinstance(decoded, list) or not decoded:
        raise InvalidProblem("problem has no test cases (finalTestCases)")
    cases = []
    for number, case in enumerate(decoded, start=1):
        if not isinstance(case, Mapping) or "input" not in case or "expected_output" not in case:
            raise InvalidProblem(f"problem test case {number} lacks input or expected_output")
        if mode == "stdio" and not (
            isinstance(case["input"], str) and isinstance(case["expected_output"], str)
        ):
            raise InvalidProblem(f"stdio test case {number} must hold input and output text")
        cases.append(
            ProblemCase(
                number=number,
                input=case["input"],
                expected=case["expected_output"],
                is_sample=case.get("isSample") is True,
            )
        )
    return tuple(cases)
