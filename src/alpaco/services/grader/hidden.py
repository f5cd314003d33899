"""What a hidden case may say about a crash: only names and lines the student's code cannot choose.

A hidden case shows its verdict, time, memory and, for a crash, the exception type and the line.
Both come from inside the sandbox, where the student's code runs: a class named after the input
(`type(repr(data), (Exception,), {})`) or a forged result frame would carry the hidden data out
through them. The executor should itself report only such names and checked lines, but the grader
does not rely on it: a type is kept only when it is a built-in exception, a signal or one of the
executor's fixed labels, and a line only when it is a line of the submitted code. The executor's
free-form error text is never shown for a hidden case either.
"""

from __future__ import annotations

import builtins
import signal
from typing import Any, Final

UNKNOWN_EXCEPTION: Final = "UserException"
INTERNAL_ERROR_DETAIL: Final = "the executor could not run this case"
_EXECUTOR_LABELS: Final = frozenset(
    {
        UNKNOWN_EXCEPTION,
        "SolutionFunctionNotFoundError",
        "SerializationError",
        "CompileTimeLimitExceeded",
    }
)
_BUILTIN_EXCEPTIONS: Final = frozenset(
    name
    for name, value in vars(builtins).items()
    if isinstance(value, type) and issubclass(value, BaseException)
)
_SIGNALS: Final = frozenset(member.name for member in signal.Signals)
SHOWN_EXCEPTION_TYPES: Final = _BUILTIN_EXCEPTIONS | _SIGNALS | _EXECUTOR_LABELS


def exception_type(reported: Any) -> str | None:
    """The reported type when it is a name anyone could know, else the generic label."""
    if not isinstance(reported, str) or not reported:
        return None
    return reported if reported in SHOWN_EXCEPTION_TYPES else UNKNOWN_EXCEPTION


def exception_line(reported: Any, source_lines: int) -> int | None:
    """The reported line when it is one of the `source_lines` lines of the submitted code."""
    if isinstance(reported, bool) or not isinstance(reported, int):
        return None
    return reported if 1 <= reported <= source_lines else None
