"""From what the harness observed about one run to its result. Pure: no I/O, no clocks.

Precedence follows what a judge can trust: the harness's own measurements (wall deadline, the
kernel's rusage and wall time taken by the fork server, the cgroup's OOM counter, byte caps)
decide time, memory and limits. The result channel is written by the case, and user code can
write there too, so it only ever supplies the value, an exception's kind and line (checked
against what is possible), or nothing: anything odd in it is that run's RE, never IE.
"""

from __future__ import annotations

import builtins
import json
import os
import signal
from dataclasses import dataclass
from typing import Any, Final

from alpaco.services.executor.sandbox.limits import RunLimits

SETUP_FAILED: Final = 125
READY: Final = b"+"
TIMED_OUT: Final = "Execution timed out."
NO_VALUE: Final = "The solution exited without returning a value."
TAMPERED: Final = "The solution's result channel was tampered with."
USER_EXCEPTION: Final = "UserException"
OUR_LABELS: Final = frozenset(
    {
        USER_EXCEPTION,
        "SolutionFunctionNotFoundError",
        "SerializationError",
        "CompileTimeLimitExceeded",
    }
)
BUILTIN_EXCEPTIONS: Final = frozenset(
    value.__name__
    for value in vars(builtins).values()
    if isinstance(value, type) and issubclass(value, BaseException)
)
_FRAME_KEYS: Final = frozenset({"v", "e", "big"})


@dataclass(frozen=True, slots=True)
class RunFacts:
    """Everything the harness saw. `status` is the raw wait status, None if the run was lost."""

    status: int | None
    cpu_us: int = 0
    maxrss_kb: int | None = None
    wall_ns: int = 0
    timed_out: bool = False
    oom_killed: bool = False
    stdout: bytes = b""
    stdout_over: bool = False
    stderr: bytes = b""
    stderr_truncated: bool = False
    channel: bytes = b""
    channel_over: bool = False
    lost: str | None = None


@dataclass(frozen=True, slots=True)
class RunResult:
    status: str
    stdout: str = ""
    stderr: str = ""
    return_value: Any = None
    exit_code: int = -1
    time_ms: float = 0.0
    error: str | None = None
    peak_kb: int | None = None
    truncated: bool = False  # stdout or the value was cut: what is judged is incomplete
    stderr_truncated: bool = False
    exception_type: str | None = None
    exception_line: int | None = None

    @property
    def timed_out(self) -> bool:
        return self.status == "TLE"


class _BadFrame(ValueError):
    """The result channel holds something our case never writes."""


def classify(
    facts: RunFacts, limits: RunLimits, *, function_mode: bool, source_lines: int = 0
) -> RunResult:
    stdout = facts.stdout.decode("utf-8", "replace")
    stderr = facts.stderr.decode("utf-8", "replace")
    truncated = facts.stdout_over or facts.channel_over
    if facts.lost is not None or facts.status is None:
        return RunResult(
            "IE", stdout, stderr, error=facts.lost or "the case was lost",
            peak_kb=facts.maxrss_kb, truncated=truncated, stderr_truncated=facts.stderr_truncated,
        )  # fmt: skip
    code, signum = _decode(facts.status)
    time_ms = round(facts.wall_ns / 1e6, 3)
    ready = facts.channel.startswith(READY)
    try:
        frame = _frame(facts.channel[len(READY) :]) if ready else {}
        tampered = False
    except _BadFrame:
        frame, tampered = {}, True

    def result(status: str, note: str = "", **fields: Any) -> RunResult:
        values: dict[str, Any] = {
            "stdout": stdout.strip() if function_mode else stdout,
            "stderr": _append(stderr, note),
            "exit_code": code,
            "time_ms": time_ms,
            "peak_kb": facts.maxrss_kb,
            "truncated": truncated,
            "stderr_truncated": facts.stderr_truncated,
        }
        return RunResult(status, **(values | fields))

    if code == SETUP_FAILED and not ready:
        return result("IE", error="the case could not be set up in the sandbox")
    if (
        facts.timed_out
        or facts.cpu_us / 1000 > limits.time_ms
        or time_ms > limits.time_ms
        or signum == signal.SIGXCPU
    ):
        return result("TLE", TIMED_OUT, exit_code=-1, time_ms=float(limits.time_ms))
    kind, line = _exception(frame.get("e"), source_lines)
    if facts.oom_killed or kind == "MemoryError":
        return result("MLE", f"Memory limit exceeded ({limits.memory_mb} MB).")
    if facts.stdout_over or facts.channel_over or frame.get("big") is True:
        return result("OLE", _output_note(facts, limits), truncated=True)
    if signum == signal.SIGXFSZ:
        return result("OLE", f"File size limit exceeded ({limits.file_bytes} bytes).")
    if signum is not None:
        name = _signal_name(signum)
        return result("RE", f"Killed by signal {name}.", exception_type=name)
    if tampered:
        return result("RE", TAMPERED)
    if kind is not None:
        return result("RE", exception_type=kind, exception_line=line)
    if code != 0:
        return result("RE", f"Exited with code {code}.")
    if function_mode and "v" not in frame:
        return result("RE", NO_VALUE)
    return result("OK", return_value=frame.get("v"))


def safe_exception_type(kind: object) -> str | None:
    """A built-in exception's name or one of our labels; anything else user code could have
    chosen (a class named after a hidden input, a forged frame) becomes `UserException`."""
    if kind is None:
        return None
    if isinstance(kind, str) and (kind in BUILTIN_EXCEPTIONS or kind in OUR_LABELS):
        return kind
    return USER_EXCEPTION


def safe_line(line: object, source_lines: int) -> int | None:
    """A line of the submitted source, or nothing."""
    if isinstance(line, int) and not isinstance(line, bool) and 1 <= line <= source_lines:
        return line
    return None


def _frame(data: bytes) -> dict[str, Any]:
    """The one frame our case writes, parsed strictly; `_BadFrame` for anything else."""
    if not data:
        return {}
    try:  # RecursionError: a frame nested far deeper than our encoder ever writes
        frame = json.loads(data, object_pairs_hook=_unique, parse_constant=_no_constant)
    except (ValueError, RecursionError) as exc:
        raise _BadFrame(str(exc)) from None
    if not isinstance(frame, dict) or not frame.keys() <= _FRAME_KEYS or len(frame) > 1:
        raise _BadFrame("unexpected fields")
    return frame


def _unique(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    mapping = dict(pairs)
    if len(mapping) != len(pairs):
        raise ValueError("duplicate keys")
    return mapping


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not JSON")


def _decode(status: int) -> tuple[int, int | None]:
    if os.WIFSIGNALED(status):
        signum = os.WTERMSIG(status)
        return -signum, signum
    if os.WIFEXITED(status):
        return os.WEXITSTATUS(status), None
    return -1, None


def _exception(info: object, source_lines: int) -> tuple[str | None, int | None]:
    if not isinstance(info, dict):
        return None, None
    return safe_exception_type(info.get("type")), safe_line(info.get("line"), source_lines)


def _output_note(facts: RunFacts, limits: RunLimits) -> str:
    if facts.stdout_over:
        return f"Output limit exceeded: stdout is over {limits.stdout_bytes} bytes."
    return f"Output limit exceeded: the return value is over {limits.result_bytes} bytes."


def _signal_name(signum: int) -> str:
    try:
        return signal.Signals(signum).name
    except ValueError:
        return f"signal {signum}"


def _append(text: str, note: str) -> str:
    if not note:
        return text
    if not text:
        return note
    return text + ("" if text.endswith("\n") else "\n") + note
