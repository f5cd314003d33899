"""Result dicts on the wire: the original executor's fields plus ours, one shape for every case.

Original: stdout, stderr, returnValue, exitCode, executionTimeMs, timedOut, error, isSuccessful.
Added: status (OK|TLE|MLE|RE|OLE|CE|IE), peakMemoryKb, outputTruncated, exceptionType and
exceptionLine (set for RE and CE so callers never parse tracebacks).
"""

from __future__ import annotations

from typing import Any

from alpaco.services.executor.verdict import Verdict
from alpaco.services.executor.zygote import Compiled


def from_verdict(verdict: Verdict) -> dict[str, Any]:
    return {
        "stdout": verdict.stdout,
        "stderr": verdict.stderr,
        "returnValue": verdict.return_value,
        "exitCode": verdict.exit_code,
        "executionTimeMs": verdict.time_ms,
        "timedOut": verdict.timed_out,
        "error": verdict.error,
        "isSuccessful": verdict.status == "OK",
        "status": verdict.status,
        "peakMemoryKb": verdict.peak_kb,
        "outputTruncated": verdict.truncated,
        "exceptionType": verdict.exception_type,
        "exceptionLine": verdict.exception_line,
    }


def compile_error(compiled: Compiled) -> dict[str, Any]:
    """Every case of a submission that does not compile gets this result."""
    return from_verdict(
        Verdict(
            "CE",
            stderr=compiled.text,
            exit_code=1,
            exception_type=compiled.exception_type,
            exception_line=compiled.line,
        )
    )


def failure(status_code: int, message: str) -> dict[str, Any]:
    """A result-shaped refusal (400) or harness failure (500): never an exception to the caller."""
    return {"statusCode": status_code} | from_verdict(Verdict("IE", stderr=message, error=message))
