"""One executor result plus the expected output gives one case verdict."""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum
from typing import Any, Final

from alpaco.services.grader.judges import judge


class Verdict(StrEnum):
    ACCEPTED = "ACCEPTED"
    WRONG_ANSWER = "WRONG_ANSWER"
    TIME_LIMIT_EXCEEDED = "TIME_LIMIT_EXCEEDED"
    MEMORY_LIMIT_EXCEEDED = "MEMORY_LIMIT_EXCEEDED"
    RUNTIME_ERROR = "RUNTIME_ERROR"
    OUTPUT_LIMIT_EXCEEDED = "OUTPUT_LIMIT_EXCEEDED"
    COMPILATION_ERROR = "COMPILATION_ERROR"
    INTERNAL_ERROR = "INTERNAL_ERROR"


_BY_STATUS: Final[Mapping[str, Verdict]] = {
    "TLE": Verdict.TIME_LIMIT_EXCEEDED,
    "MLE": Verdict.MEMORY_LIMIT_EXCEEDED,
    "RE": Verdict.RUNTIME_ERROR,
    "OLE": Verdict.OUTPUT_LIMIT_EXCEEDED,
    "CE": Verdict.COMPILATION_ERROR,
    "IE": Verdict.INTERNAL_ERROR,
}


def output_of(result: Mapping[str, Any], mode: str) -> Any:
    """What is judged: the return value of a `function` problem, the stdout of a `stdio` one."""
    return result.get("stdout", "") if mode == "stdio" else result.get("returnValue")


def case_verdict(
    result: Mapping[str, Any],
    expected: Any,
    *,
    mode: str,
    judge_type: str,
    epsilon: float | None = None,
) -> Verdict:
    """Only a clean run is judged; an unknown executor status is our fault, not the student's."""
    status = result.get("status")
    if status != "OK":
        return _BY_STATUS.get(str(status), Verdict.INTERNAL_ERROR)
    if mode == "stdio" and result.get("outputTruncated"):
        return Verdict.OUTPUT_LIMIT_EXCEEDED
    if judge(judge_type, output_of(result, mode), expected, epsilon=epsilon):
        return Verdict.ACCEPTED
    return Verdict.WRONG_ANSWER
