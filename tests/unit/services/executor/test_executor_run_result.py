"""Run results from observed facts: precedence, and a result channel that is never trusted."""

from __future__ import annotations

import signal

import pytest

from alpaco.services.executor.run_result import (
    RunFacts,
    RunResult,
    classify,
    safe_exception_type,
    safe_line,
)
from alpaco.services.executor.sandbox.limits import RunLimits

LIMITS = RunLimits(time_ms=1000, memory_mb=64)
MS = 1_000_000
SOURCE_LINES = 10


def exited(code: int) -> int:
    return code << 8


def killed(signum: int) -> int:
    return signum


def frame(body: bytes) -> bytes:
    """The channel as our case writes it: the ready byte, then one JSON frame."""
    return b"+" + body


def facts(**overrides: object) -> RunFacts:
    values: dict[str, object] = {
        "status": exited(0),
        "cpu_us": 2000,
        "maxrss_kb": 9000,
        "wall_ns": 3 * MS,
        "channel": frame(b'{"v":[1,2]}'),
    }
    values.update(overrides)
    return RunFacts(**values)  # type: ignore[arg-type]


def run(function_mode: bool = True, **overrides: object) -> RunResult:
    return classify(
        facts(**overrides), LIMITS, function_mode=function_mode, source_lines=SOURCE_LINES
    )


def test_a_returned_value_is_ok_with_the_time_the_harness_measured() -> None:
    result = run(stdout=b"  hi\n")

    assert result.status == "OK"
    assert result.return_value == [1, 2]
    assert result.time_ms == 3.0
    assert result.stdout == "hi"
    assert result.exit_code == 0
    assert result.peak_kb == 9000


def test_a_time_claimed_on_the_channel_is_not_a_frame_we_accept() -> None:
    result = run(channel=frame(b'{"t":0,"v":1}'), wall_ns=500 * MS)

    assert (result.status, result.time_ms) == ("RE", 500.0)
    assert "tampered" in result.stderr


def test_stdio_mode_keeps_stdout_verbatim() -> None:
    result = run(False, stdout=b"1 2\n", channel=frame(b"{}"))

    assert (result.status, result.stdout, result.return_value) == ("OK", "1 2\n", None)


@pytest.mark.parametrize(
    "overrides",
    [
        {"timed_out": True, "status": killed(signal.SIGKILL)},
        {"cpu_us": 1_000_001},
        {"wall_ns": 1200 * MS},
        {"status": killed(signal.SIGXCPU)},
    ],
)
def test_time_limit_exceeded_uses_the_original_timeout_shape(overrides: dict[str, object]) -> None:
    result = run(**overrides)

    assert result.status == "TLE"
    assert result.timed_out
    assert result.exit_code == -1
    assert result.time_ms == 1000.0
    assert result.stderr.endswith("Execution timed out.")


def test_a_timeout_beats_every_other_signal() -> None:
    result = run(timed_out=True, oom_killed=True, stdout_over=True)

    assert result.status == "TLE"


@pytest.mark.parametrize(
    "overrides",
    [
        {"oom_killed": True, "status": killed(signal.SIGKILL), "channel": b""},
        {"status": exited(1), "channel": frame(b'{"e":{"type":"MemoryError","line":null}}')},
    ],
)
def test_memory_limit_exceeded(overrides: dict[str, object]) -> None:
    result = run(**overrides)

    assert result.status == "MLE"
    assert "Memory limit exceeded (64 MB)" in result.stderr


@pytest.mark.parametrize(
    ("overrides", "note"),
    [
        ({"stdout_over": True}, "stdout"),
        ({"channel_over": True}, "return value"),
        ({"channel": frame(b'{"big":true}')}, "return value"),
        ({"status": killed(signal.SIGXFSZ), "channel": b""}, "File size"),
    ],
)
def test_output_limit_exceeded(overrides: dict[str, object], note: str) -> None:
    result = run(**overrides)

    assert result.status == "OLE"
    assert result.return_value is None
    assert note in result.stderr


def test_stderr_however_long_never_decides_the_result() -> None:
    result = run(stderr=b"debug\n" * 1000, stderr_truncated=True)

    assert (result.status, result.truncated, result.stderr_truncated) == ("OK", False, True)


def test_an_exception_is_a_runtime_error_with_type_and_line() -> None:
    channel = frame(b'{"e":{"type":"ZeroDivisionError","line":3}}')

    result = run(status=exited(1), channel=channel, stderr=b"Traceback...")

    assert (result.status, result.exception_type, result.exception_line) == (
        "RE", "ZeroDivisionError", 3)  # fmt: skip
    assert result.exit_code == 1
    assert result.stderr == "Traceback..."
    assert result.error is None


@pytest.mark.parametrize(
    ("reported", "kind", "line"),
    [
        (b'{"type":"HIDDEN-input-42","line":3}', "UserException", 3),
        (b'{"type":"' + b"x" * 30_000 + b'","line":3}', "UserException", 3),
        (b'{"type":"ValueError","line":99999}', "ValueError", None),
        (b'{"type":"ValueError","line":0}', "ValueError", None),
        (b'{"type":"ValueError","line":true}', "ValueError", None),
        (b'{"type":["ValueError"],"line":2.5}', "UserException", None),
    ],
)
def test_only_built_in_names_and_real_lines_leave_the_channel(
    reported: bytes, kind: str, line: int | None
) -> None:
    result = run(status=exited(1), channel=frame(b'{"e":' + reported + b"}"))

    assert (result.status, result.exception_type, result.exception_line) == ("RE", kind, line)


@pytest.mark.parametrize(
    "channel",
    [
        frame(b'{"v":NaN}'),
        frame(b'{"v":Infinity}'),
        frame(b'{"v":{"a":1,"a":2}}'),
        frame(b'{"v":1,"v":2}'),
        frame(b'{"v":1,"e":{"type":"ValueError","line":1}}'),
        frame(b'{"v":1}{"v":2}'),
        frame(b'{"v":1,"extra":true}'),
        frame(b"[1]"),
        frame(b"[" * 100_000 + b"]" * 100_000),
        frame(b'{"v":' + b"[" * 100_000 + b"]" * 100_000 + b"}"),
        frame(b"\xff\xfe"),
    ],
)
def test_anything_odd_on_the_channel_is_that_runs_runtime_error(channel: bytes) -> None:
    result = run(channel=channel)

    assert (result.status, result.return_value) == ("RE", None)
    assert "tampered" in result.stderr


def test_a_signal_is_a_runtime_error_named_after_it() -> None:
    result = run(status=killed(signal.SIGSEGV), channel=b"")

    assert (result.status, result.exit_code, result.exception_type) == ("RE", -11, "SIGSEGV")


def test_a_nonzero_exit_without_exception_is_a_runtime_error() -> None:
    result = run(False, status=exited(3), channel=frame(b""))

    assert (result.status, result.exit_code) == ("RE", 3)
    assert "Exited with code 3" in result.stderr


def test_function_mode_needs_a_returned_value() -> None:
    result = run(channel=frame(b""))

    assert result.status == "RE"
    assert "without returning a value" in result.stderr


def test_a_lost_case_is_an_internal_error() -> None:
    result = classify(RunFacts(None, lost="the sandbox failed"), LIMITS, function_mode=True)

    assert (result.status, result.error) == ("IE", "the sandbox failed")


def test_a_case_that_could_not_be_set_up_is_an_internal_error() -> None:
    result = run(status=exited(125), channel=b"")

    assert result.status == "IE"
    assert result.error is not None


def test_exit_code_125_after_the_solution_started_is_the_solutions_runtime_error() -> None:
    result = run(status=exited(125), channel=frame(b""))

    assert (result.status, result.exit_code) == ("RE", 125)


def test_the_safety_rules_on_their_own() -> None:
    assert safe_exception_type("KeyError") == "KeyError"
    assert safe_exception_type("SolutionFunctionNotFoundError") == "SolutionFunctionNotFoundError"
    assert safe_exception_type("MyError") == "UserException"
    assert safe_exception_type(None) is None
    assert safe_line(1, 1) == 1
    assert safe_line(2, 1) is None
