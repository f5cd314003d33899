"""Result dicts carry the original fields and ours, with one shape for every status."""

from __future__ import annotations

import json

from alpaco.services.executor.forkserver_client import Compiled
from alpaco.services.executor.results import clip_encoded, compile_error, failure, from_run_result
from alpaco.services.executor.run_result import RunResult
from alpaco.services.executor.sandbox.limits import RunLimits

LIMITS = RunLimits(time_ms=1000, memory_mb=64, stdout_bytes=600, stderr_bytes=300)
FIELDS = {
    "stdout", "stderr", "returnValue", "exitCode", "executionTimeMs", "timedOut", "error",
    "isSuccessful", "status", "peakMemoryKb", "outputTruncated", "stderrTruncated",
    "exceptionType", "exceptionLine",
}  # fmt: skip


def test_an_ok_result_is_successful() -> None:
    result = from_run_result(
        RunResult("OK", stdout="x", return_value=3, exit_code=0, time_ms=1.25), LIMITS
    )

    assert set(result) == FIELDS
    assert result["isSuccessful"] is True
    assert (result["returnValue"], result["executionTimeMs"]) == (3, 1.25)
    assert (result["outputTruncated"], result["stderrTruncated"]) == (False, False)


def test_a_timeout_sets_timed_out() -> None:
    result = from_run_result(RunResult("TLE"), LIMITS)

    assert (result["timedOut"], result["isSuccessful"]) == (True, False)


def test_text_is_capped_as_it_travels_so_escapes_cannot_amplify_it() -> None:
    control = "\x01" * 500  # 500 raw bytes, 3,000 once JSON-escaped

    result = from_run_result(RunResult("OK", stdout=control, stderr=control), LIMITS)

    assert len(json.dumps(result["stdout"])) - 2 <= LIMITS.stdout_bytes
    assert len(json.dumps(result["stderr"])) - 2 <= LIMITS.stderr_bytes
    assert (result["outputTruncated"], result["stderrTruncated"]) == (True, True)


def test_clipping_keeps_text_that_fits_and_cuts_only_what_does_not() -> None:
    assert clip_encoded("plain", 5) == ("plain", False)
    assert clip_encoded("한글", 12) == ("한글", False)  # two \uXXXX escapes
    text, cut = clip_encoded("한글", 11)
    assert (text, cut) == ("한", True)


def test_a_compile_error_carries_the_syntax_error() -> None:
    result = compile_error(
        Compiled(False, "SyntaxError", 2, "  File ...\nSyntaxError: x\n"), LIMITS, 3
    )

    assert (result["status"], result["exitCode"], result["exceptionLine"]) == ("CE", 1, 2)
    assert result["stderr"].endswith("SyntaxError: x\n")


def test_a_compile_error_reports_only_a_real_line_and_a_known_type() -> None:
    result = compile_error(Compiled(False, "Mystery", 9, ""), LIMITS, 3)

    assert (result["exceptionType"], result["exceptionLine"]) == ("UserException", None)


def test_a_refusal_is_result_shaped_with_a_status_code() -> None:
    result = failure(400, "Parameter error: nope")

    assert set(result) == FIELDS | {"statusCode"}
    assert (result["statusCode"], result["status"], result["error"]) == (
        400, "IE", "Parameter error: nope")  # fmt: skip
