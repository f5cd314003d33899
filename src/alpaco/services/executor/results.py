"""Result dicts on the wire: the original executor's fields plus ours, one shape for every case.

Original: stdout, stderr, returnValue, exitCode, executionTimeMs, timedOut, error, isSuccessful.
Added: status (OK|TLE|MLE|RE|OLE|CE|IE), peakMemoryKb, outputTruncated (stdout or the value was
cut), stderrTruncated, exceptionType and exceptionLine (set for RE and CE so callers never parse
tracebacks).

Caps are applied to text as it will travel, JSON-encoded: a control character costs six bytes
there, so a cap on raw bytes alone let a batch's response grow six-fold.
"""

from __future__ import annotations

import json
from typing import Any

from alpaco.services.executor.forkserver_client import Compiled
from alpaco.services.executor.run_result import RunResult, safe_exception_type, safe_line
from alpaco.services.executor.sandbox.limits import RunLimits

MAX_ESCAPE_BYTES = 6  # the longest JSON escape of one character (\uXXXX)


def from_run_result(result: RunResult, limits: RunLimits) -> dict[str, Any]:
    stdout, stdout_clipped = clip_encoded(result.stdout, limits.stdout_bytes)
    stderr, stderr_clipped = clip_encoded(result.stderr, limits.stderr_bytes)
    return {
        "stdout": stdout,
        "stderr": stderr,
        "returnValue": result.return_value,
        "exitCode": result.exit_code,
        "executionTimeMs": result.time_ms,
        "timedOut": result.timed_out,
        "error": result.error,
        "isSuccessful": result.status == "OK",
        "status": result.status,
        "peakMemoryKb": result.peak_kb,
        "outputTruncated": result.truncated or stdout_clipped,
        "stderrTruncated": result.stderr_truncated or stderr_clipped,
        "exceptionType": result.exception_type,
        "exceptionLine": result.exception_line,
    }


def compile_error(compiled: Compiled, limits: RunLimits, source_lines: int) -> dict[str, Any]:
    """Every case of a submission that does not compile gets this result."""
    return from_run_result(
        RunResult(
            "CE",
            stderr=compiled.text,
            exit_code=1,
            exception_type=safe_exception_type(compiled.exception_type or "SyntaxError"),
            exception_line=safe_line(compiled.line, source_lines),
        ),
        limits,
    )


def failure(status_code: int, message: str) -> dict[str, Any]:
    """A result-shaped refusal (400) or harness failure (500): never an exception to the caller."""
    return {"statusCode": status_code} | from_run_result(
        RunResult("IE", stderr=message, error=message), RunLimits(time_ms=1, memory_mb=1)
    )


def clip_encoded(text: str, cap: int) -> tuple[str, bool]:
    """`text`, cut so that its JSON encoding fits in `cap` bytes; and whether it was cut."""
    if len(text) * MAX_ESCAPE_BYTES <= cap:
        return text, False
    encoded = len(json.dumps(text)) - 2
    if encoded <= cap:
        return text, False
    keep = len(text) * cap // encoded
    while keep and len(json.dumps(text[:keep])) - 2 > cap:
        keep = keep * 9 // 10
    return text[:keep], True
