"""From a problem and its executor results to a grading: case verdicts, the overall verdict, score.

The overall verdict is the first failing case in case order (the original let the last one win).
Hidden cases never show their input, expected output, the program's output or its stderr: only the
verdict, time and memory, and for a runtime or compilation error the exception type and the line
of the student's code, which is what a student needs to fix a crash without learning the data;
`hidden.py` decides which types and lines those may be.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Final

from alpaco.services.grader import hidden
from alpaco.services.grader.problem import Problem, ProblemCase
from alpaco.services.grader.text import clip, is_unicode
from alpaco.services.grader.verdicts import Verdict, case_verdict, output_of

MAX_TEXT_CHARS: Final = 500
MAX_OUTPUT_CHARS: Final = 2000
_DETAIL_CHARS: Final = 100
_NAME_CHARS: Final = 100
_MAX_STORED_DEPTH: Final = 16
_CRASHES: Final = (Verdict.RUNTIME_ERROR, Verdict.COMPILATION_ERROR)
_JUDGED: Final = (Verdict.ACCEPTED, Verdict.WRONG_ANSWER)


@dataclass(frozen=True)
class CaseResult:
    case: ProblemCase
    verdict: Verdict
    seconds: float
    memory_kb: int | None
    actual: Any
    stdout: str
    stderr: str
    exception_type: str | None
    exception_line: int | None
    internal_error: str | None

    def view(self) -> dict[str, Any]:
        """The case as the student may see it, in the response and in the stored submission."""
        view: dict[str, Any] = {
            "caseNumber": self.case.number,
            "status": self.verdict.value,
            "executionTime": self.seconds,
            "memoryKb": self.memory_kb,
            "isSample": self.case.is_sample,
            "stdout": None,
            "stderr": None,
        }
        if self.verdict in _CRASHES:
            view["exceptionType"] = self.exception_type
            view["exceptionLine"] = self.exception_line
            view["stderr"] = self.crash_summary()
        if self.case.is_sample:
            view["input"] = preview(self.case.input)
            view["expectedOutput"] = preview(self.case.expected)
            view["actualOutput"] = preview(self.actual) if self.verdict in _JUDGED else None
            view["stdout"] = clip(self.stdout, MAX_TEXT_CHARS)
            view["stderr"] = clip(self.stderr, MAX_TEXT_CHARS) or view["stderr"]
        return view

    def crash_summary(self) -> str | None:
        if self.exception_type is None:
            return None
        if self.exception_line is None:
            return self.exception_type
        return f"{self.exception_type} on line {self.exception_line}"

    def failure_detail(self) -> str | None:
        if self.verdict is Verdict.INTERNAL_ERROR:
            return self.internal_error or hidden.INTERNAL_ERROR_DETAIL
        if self.case.is_sample and self.stderr.strip():
            return self.stderr.strip()[:_DETAIL_CHARS]
        return self.crash_summary() if self.verdict in _CRASHES else None


@dataclass(frozen=True)
class Grading:
    status: Verdict
    cases: tuple[CaseResult, ...]
    total: int
    error_message: str | None

    @property
    def passed(self) -> int:
        return sum(1 for case in self.cases if case.verdict is Verdict.ACCEPTED)

    @property
    def score(self) -> int:
        """passed / total as 0..100, rounded down so that 100 always means every case passed."""
        return self.passed * 100 // self.total if self.total else 0

    @property
    def execution_time(self) -> float:
        return max((case.seconds for case in self.cases), default=0.0)

    @property
    def memory_kb(self) -> int | None:
        return max((c.memory_kb for c in self.cases if c.memory_kb is not None), default=None)


def grade(problem: Problem, results: Sequence[Any], *, code: str) -> Grading:
    """Judge one executor result per test case, in case order (a count mismatch is a ValueError).

    `code` is the graded source: a hidden case may name only one of its lines.
    """
    code_lines = len(code.splitlines())
    cases = tuple(
        _case_result(problem, case, result if isinstance(result, Mapping) else {}, code_lines)
        for case, result in zip(problem.cases, results, strict=True)
    )
    first_failure = next((c for c in cases if c.verdict is not Verdict.ACCEPTED), None)
    if first_failure is None:
        return Grading(Verdict.ACCEPTED, cases, len(cases), None)
    message = f"Failed at test case {first_failure.case.number}: {first_failure.verdict.value}"
    detail = first_failure.failure_detail()
    if detail:
        message += f". Details: {detail}"
    return Grading(first_failure.verdict, cases, len(cases), message)


def failed_grading(message: str, *, total: int) -> Grading:
    """A grading that could not happen; no case result is invented for it."""
    return Grading(Verdict.INTERNAL_ERROR, (), total, f"Grading failed: {message}")


def _case_result(
    problem: Problem, case: ProblemCase, result: Mapping[str, Any], code_lines: int
) -> CaseResult:
    mode = problem.limits.mode
    verdict = case_verdict(
        result, case.expected, mode=mode, judge_type=problem.judge_type, epsilon=problem.epsilon
    )
    exception_type, exception_line, internal_error = _crash_facts(case, result, code_lines)
    return CaseResult(
        case=case,
        verdict=verdict,
        seconds=seconds(result.get("executionTimeMs")),
        memory_kb=_int_or_none(result.get("peakMemoryKb")),
        actual=output_of(result, mode),
        stdout=_text(result.get("stdout")),
        stderr=_text(result.get("stderr")),
        exception_type=exception_type,
        exception_line=exception_line,
        internal_error=internal_error,
    )


def _crash_facts(
    case: ProblemCase, result: Mapping[str, Any], code_lines: int
) -> tuple[str | None, int | None, str | None]:
    """Exception type, line and executor error text, as far as this case may show them."""
    kind, line = result.get("exceptionType"), result.get("exceptionLine")
    if not case.is_sample:
        return hidden.exception_type(kind), hidden.exception_line(line, code_lines), None
    error = _text(result.get("error"))[: _DETAIL_CHARS * 2] or None
    return clip(_text(kind), _NAME_CHARS), _int_or_none(line), error


def seconds(milliseconds: Any) -> float:
    """Executor milliseconds as seconds with three decimals, a number (the original sent a string)."""
    return round(milliseconds / 1000, 3) if _is_int_or_float(milliseconds) else 0.0


def _is_int_or_float(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)


def _int_or_none(value: Any) -> int | None:
    return int(value) if _is_int_or_float(value) else None


def _text(value: Any) -> str:
    """Executor text made safe to store: a lone surrogate becomes "?"."""
    if not isinstance(value, str):
        return ""
    return value if is_unicode(value) else value.encode("utf-8", "replace").decode("utf-8")


def preview(value: Any) -> Any:
    """The value itself when it is small and DynamoDB can store it as is, else its clipped JSON text.

    DynamoDB numbers hold 38 digits between 1e-130 and 1e126, documents nest 32 levels and text
    must be UTF-8, while a student's output can be any JSON value (even a lone surrogate); its
    ASCII JSON text always stores.
    """
    text = json.dumps(value)
    if len(text) <= MAX_OUTPUT_CHARS and _storable(value, depth=0):
        return value
    return clip(text, MAX_OUTPUT_CHARS)


def _storable(value: Any, *, depth: int) -> bool:
    if isinstance(value, bool) or value is None:
        return True
    if isinstance(value, str):
        return is_unicode(value)
    if isinstance(value, int):
        return abs(value) < 10**38
    if isinstance(value, float):
        return value == 0 or (math.isfinite(value) and 1e-130 <= abs(value) < 1e125)
    if depth >= _MAX_STORED_DEPTH:
        return False
    if isinstance(value, list):
        return all(_storable(item, depth=depth + 1) for item in value)
    if isinstance(value, dict):
        return all(
            isinstance(k, str) and k and is_unicode(k) and _storable(v, depth=depth + 1)
            for k, v in value.items()
        )
    return False
