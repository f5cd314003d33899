"""From what the harness observed about one case to its verdict. Pure: no I/O, no clocks.

Precedence follows what a judge can trust most: harness-side measurements (wall deadline, CPU
from the kernel's rusage, the cgroup's OOM counter, byte caps) beat anything the sandboxed
process says about itself on its result channel.
"""

from __future__ import annotations

import json
import os
import signal
from dataclasses import dataclass
from typing import Any

from alpaco.services.executor.sandbox.limits import RunLimits

SETUP_FAILED = 125
TIMED_OUT = "Execution timed out."
NO_VALUE = "The solution exited without returning a value."
NO_VALUE_TAMPERED = (
    "The solution exited without returning a value (its result channel was tampered with)."
)


@dataclass(frozen=True, slots=True)
class RunFacts:
    """Everything the harness saw. `status` is the raw wait status, None if the case was lost."""

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
    stderr_over: bool = False
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
    truncated: bool = False
    exception_type: str | None = None
    exception_line: int | None = None

    @property
    def timed_out(self) -> bool:
        return self.status == "TLE"


def classify(facts: RunFacts, limits: RunLimits, *, function_mode: bool) -> RunResult:
    stdout = facts.stdout.decode("utf-8", "replace")
    stderr = facts.stderr.decode("utf-8", "replace")
    truncated = facts.stdout_over or facts.stderr_truncated or facts.channel_over
    if facts.lost is not None or facts.status is None:
        return RunResult(
            "IE", stdout, stderr, error=facts.lost or "the case was lost",
            peak_kb=facts.maxrss_kb, truncated=truncated,
        )  # fmt: skip
    frame = _frame(facts.channel)
    code, signum = _decode(facts.status)
    time_ms = _time_ms(frame, facts.wall_ns)
    kind, line = _exception(frame.get("e"))

    def verdict(status: str, note: str = "", **fields: Any) -> RunResult:
        values: dict[str, Any] = {
            "stdout": stdout.strip() if function_mode else stdout,
            "stderr": _append(stderr, note),
            "exit_code": code,
            "time_ms": time_ms,
            "peak_kb": facts.maxrss_kb,
            "truncated": truncated,
        }
        return RunResult(status, **(values | fields))

    if code == SETUP_FAILED and not frame:
        return verdict("IE", error="the case could not be set up in the sandbox")
    if (
        facts.timed_out
        or facts.cpu_us / 1000 > limits.time_ms
        or time_ms > limits.time_ms
        or signum == signal.SIGXCPU
    ):
        return verdict("TLE", TIMED_OUT, exit_code=-1, time_ms=float(limits.time_ms))
    if facts.oom_killed or kind == "MemoryError":
        return verdict("MLE", f"Memory limit exceeded ({limits.memory_mb} MB).")
    if facts.stdout_over or facts.stderr_over or facts.channel_over or "big" in frame:
        return verdict("OLE", _output_note(facts, frame, limits), truncated=True)
    if signum == signal.SIGXFSZ:
        return verdict("OLE", f"File size limit exceeded ({limits.file_bytes} bytes).")
    if signum is not None:
        name = _signal_name(signum)
        return verdict("RE", f"Killed by signal {name}.", exception_type=name)
    if kind is not None:
        return verdict("RE", exception_type=kind, exception_line=line)
    if code != 0:
        return verdict("RE", f"Exited with code {code}.")
    if function_mode and "v" not in frame:
        tampered = bool(facts.channel) and not frame
        return verdict("RE", NO_VALUE_TAMPERED if tampered else NO_VALUE)
    return verdict("OK", return_value=frame.get("v"))


def _frame(channel: bytes) -> dict[str, Any]:
    if not channel:
        return {}
    try:
        frame = json.loads(channel)
    except ValueError:
        return {}
    return frame if isinstance(frame, dict) else {}


def _decode(status: int) -> tuple[int, int | None]:
    if os.WIFSIGNALED(status):
        signum = os.WTERMSIG(status)
        return -signum, signum
    if os.WIFEXITED(status):
        return os.WEXITSTATUS(status), None
    return -1, None


def _time_ms(frame: dict[str, Any], wall_ns: int) -> float:
    """The user's own time when the child reported a plausible one, else the fork-to-exit wall."""
    reported = frame.get("t")
    if isinstance(reported, int) and not isinstance(reported, bool) and 0 <= reported <= wall_ns:
        return round(reported / 1e6, 3)
    return round(wall_ns / 1e6, 3)


def _exception(info: object) -> tuple[str | None, int | None]:
    if not isinstance(info, dict):
        return None, None
    kind, line = info.get("type"), info.get("line")
    return (
        kind if isinstance(kind, str) and kind else None,
        line if isinstance(line, int) and not isinstance(line, bool) else None,
    )


def _output_note(facts: RunFacts, frame: dict[str, Any], limits: RunLimits) -> str:
    if facts.stdout_over:
        return f"Output limit exceeded: stdout is over {limits.stdout_bytes} bytes."
    if facts.channel_over or "big" in frame:
        return f"Output limit exceeded: the return value is over {limits.result_bytes} bytes."
    return "Output limit exceeded: stderr is too large."


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
