"""Result dicts carry the original fields and ours, with one shape for every status."""

from __future__ import annotations

from alpaco.services.executor.forkserver_client import Compiled
from alpaco.services.executor.results import compile_error, failure, from_run_result
from alpaco.services.executor.run_result import RunResult

FIELDS = {
    "stdout", "stderr", "returnValue", "exitCode", "executionTimeMs", "timedOut", "error",
    "isSuccessful", "status", "peakMemoryKb", "outputTruncated", "exceptionType", "exceptionLine",
}  # fmt: skip


def test_an_ok_verdict_is_successful() -> None:
    result = from_run_result(RunResult("OK", stdout="x", return_value=3, exit_code=0, time_ms=1.25))

    assert set(result) == FIELDS
    assert result["isSuccessful"] is True
    assert (result["returnValue"], result["executionTimeMs"]) == (3, 1.25)


def test_a_timeout_sets_timed_out() -> None:
    result = from_run_result(RunResult("TLE"))

    assert (result["timedOut"], result["isSuccessful"]) == (True, False)


def test_a_compile_error_carries_the_syntax_error() -> None:
    result = compile_error(Compiled(False, "SyntaxError", 2, "  File ...\nSyntaxError: x\n"))

    assert (result["status"], result["exitCode"], result["exceptionLine"]) == ("CE", 1, 2)
    assert result["stderr"].endswith("SyntaxError: x\n")


def test_a_refusal_is_result_shaped_with_a_status_code() -> None:
    result = failure(400, "Parameter error: nope")

    assert set(result) == FIELDS | {"statusCode"}
    assert (result["statusCode"], result["status"], result["error"]) == (
        400, "IE", "Parameter error: nope")  # fmt: skip
