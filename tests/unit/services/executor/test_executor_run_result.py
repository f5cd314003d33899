"""Verdicts from observed facts: precedence, the original fields, and the status of each case."""

from __future__ import annotations

import signal

import pytest

from alpaco.services.executor.run_result import RunFacts, classify
from alpaco.services.executor.sandbox.limits import RunLimits

LIMITS = RunLimits(time_ms=1000, memory_mb=64)
MS = 1_000_000


def exited(code: int) -> int:
    return code << 8


def killed(signum: int) -> int:
    return signum


def facts(**overrides: object) -> RunFacts:
    values: dict[str, object] = {
        "status": exited(0),
        "cpu_us": 2000,
        "maxrss_kb": 9000,
        "wall_ns": 3 * MS,
        "channel": b'{"t":1500000,"v":[1,2]}',
    }
    values.update(overrides)
    return RunFacts(**values)  # type: ignore[arg-type]


def test_a_returned_value_is_ok_with_the_users_own_time() -> None:
    verdict = classify(facts(stdout=b"  hi\n"), LIMITS, function_mode=True)

    assert verdict.status == "OK"
    assert verdict.return_value == [1, 2]
    assert verdict.time_ms == 1.5
    assert verdict.stdout == "hi"
    assert verdict.exit_code == 0
    assert verdict.peak_kb == 9000


def test_stdio_mode_keeps_stdout_verbatim() -> None:
    verdict = classify(facts(stdout=b"1 2\n", channel=b'{"t":10}'), LIMITS, function_mode=False)

    assert (verdict.status, verdict.stdout, verdict.return_value) == ("OK", "1 2\n", None)


@pytest.mark.parametrize(
    "overrides",
    [
        {"timed_out": True, "status": killed(signal.SIGKILL)},
        {"cpu_us": 1_000_001},
        {"channel": b'{"t":1100000000,"v":1}', "wall_ns": 1200 * MS},
        {"status": killed(signal.SIGXCPU)},
    ],
)
def test_time_limit_exceeded_uses_the_original_timeout_shape(overrides: dict[str, object]) -> None:
    verdict = classify(facts(**overrides), LIMITS, function_mode=True)

    assert verdict.status == "TLE"
    assert verdict.timed_out
    assert verdict.exit_code == -1
    assert verdict.time_ms == 1000.0
    assert verdict.stderr.endswith("Execution timed out.")


def test_a_timeout_beats_every_other_signal() -> None:
    verdict = classify(facts(timed_out=True, oom_killed=True, stdout_over=True), LIMITS,
                       function_mode=True)  # fmt: skip

    assert verdict.status == "TLE"


@pytest.mark.parametrize(
    "overrides",
    [
        {"oom_killed": True, "status": killed(signal.SIGKILL), "channel": b""},
        {"status": exited(1), "channel": b'{"t":5,"e":{"type":"MemoryError","line":null}}'},
    ],
)
def test_memory_limit_exceeded(overrides: dict[str, object]) -> None:
    verdict = classify(facts(**overrides), LIMITS, function_mode=True)

    assert verdict.status == "MLE"
    assert "Memory limit exceeded (64 MB)" in verdict.stderr


@pytest.mark.parametrize(
    ("overrides", "note"),
    [
        ({"stdout_over": True}, "stdout"),
        ({"channel_over": True}, "return value"),
        ({"channel": b'{"t":5,"big":99999999}'}, "return value"),
        ({"stderr_over": True}, "stderr"),
        ({"status": killed(signal.SIGXFSZ), "channel": b""}, "File size"),
    ],
)
def test_output_limit_exceeded(overrides: dict[str, object], note: str) -> None:
    verdict = classify(facts(**overrides), LIMITS, function_mode=True)

    assert verdict.status == "OLE"
    assert verdict.return_value is None
    assert note in verdict.stderr


def test_an_exception_is_a_runtime_error_with_type_and_line() -> None:
    channel = b'{"t":5,"e":{"type":"ZeroDivisionError","line":3}}'

    verdict = classify(facts(status=exited(1), channel=channel, stderr=b"Traceback..."),
                       LIMITS, function_mode=True)  # fmt: skip

    assert (verdict.status, verdict.exception_type, verdict.exception_line) == (
        "RE", "ZeroDivisionError", 3)  # fmt: skip
    assert verdict.exit_code == 1
    assert verdict.stderr == "Traceback..."
    assert verdict.error is None


def test_a_signal_is_a_runtime_error_named_after_it() -> None:
    verdict = classify(facts(status=killed(signal.SIGSEGV), channel=b""), LIMITS,
                       function_mode=True)  # fmt: skip

    assert (verdict.status, verdict.exit_code, verdict.exception_type) == ("RE", -11, "SIGSEGV")


def test_a_nonzero_exit_without_exception_is_a_runtime_error() -> None:
    verdict = classify(facts(status=exited(3), channel=b""), LIMITS, function_mode=False)

    assert (verdict.status, verdict.exit_code) == ("RE", 3)
    assert "Exited with code 3" in verdict.stderr


def test_function_mode_needs_a_returned_value() -> None:
    verdict = classify(facts(channel=b""), LIMITS, function_mode=True)

    assert verdict.status == "RE"
    assert "without returning a value" in verdict.stderr


def test_garbage_on_the_result_channel_is_reported_as_tampering() -> None:
    verdict = classify(facts(channel=b'{"t":0,"v":42}{"t":1,"v":1}'), LIMITS, function_mode=True)

    assert verdict.status == "RE"
    assert verdict.return_value is None
    assert "tampered" in verdict.stderr


def test_an_implausible_reported_time_falls_back_to_the_measured_wall() -> None:
    verdict = classify(facts(channel=b'{"t":-5,"v":1}', wall_ns=2 * MS), LIMITS,
                       function_mode=True)  # fmt: skip

    assert verdict.time_ms == 2.0


def test_a_lost_case_is_an_internal_error() -> None:
    verdict = classify(RunFacts(None, lost="the sandbox failed"), LIMITS, function_mode=True)

    assert (verdict.status, verdict.error) == ("IE", "the sandbox failed")


def test_a_case_that_could_not_be_set_up_is_an_internal_error() -> None:
    verdict = classify(facts(status=exited(125), channel=b""), LIMITS, function_mode=True)

    assert verdict.status == "IE"
    assert verdict.error is not None
