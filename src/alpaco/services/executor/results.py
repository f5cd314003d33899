"""Result dicts on the wire: the original executor's fields plus ours, one shape for every case.

Original: stdout, stderr, returnValue, exitCode, executionTimeMs, timedOut, error, isSuccessful.
Added: status (OK|TLE|MLE|RE|OLE|CE|IE), peakMemoryKb, outputTruncated, exceptionType and
exceptionLine (set for RE and CE so callers never parse tracebacks).
"""

from __future__ import annotations

from typing import Any

from alpaco.services.executor.forkserver_client import Compiled
from alpaco.services.executor.run_result import RunResult


def from_run_result(result: RunResult) -> dict[str, Any]:
    return {
        "stdout": result.stdout,
        "stderr": result.stderr,
        "returnValue": result.return_value,
        "exitCode": result.exit_code,
        "executionTimeMs": result.time_ms,
        "timedOut": result.timed_out,
        "error": result.error,
        "isSuccessful": result.status == "OK",
        "status": result.status,
        "peakMemoryKb": result.peak_kb,
        "outputTruncated": result.truncated,
        "exceptionType": result.exception_type,
        "exceptionLine": result.exception_line,
    }


def compile_error(compiled: Compiled) -> dict[str, Any]:
    """Every case of a submission that does not compile gets this result."""
    return from_run_result(
        RunResult(
            "CE",
            stderr=compiled.text,
            exit_code=1,
            exception_type=compiled.exception_type,
            exception_line=compiled.line,
        )
    )


def failure(status_code: int, message: str) -> dict[str, Any]:
    """A result-shaped refusal (400) or harness failure (500): never an exception to the caller."""
    return {"statusCode": status_code} | from_run_result(
        RunResult("IE", stderr=message, error=message)
    )
