"""A forked test case: becomes the solution's process, runs it once, reports, exits (stdlib only).

Descriptors on entry (in order): stdin, stdout, stderr, the result channel, and in function mode
the marshalled argument. Once the case is set up it writes `READY` on the channel; everything
after that byte is the solution's doing, so the harness never blames the platform for it. Then
it writes one JSON frame: `{"v": value}`, `{"e": {"type", "line"}}` (an exception),
`{"big": true}` (the value is over the cap) or `{}` (a stdio program that finished), and exits
with the code the solution's process would have had. The harness trusts none of it: user code
can write on the channel too. Time and memory are measured outside, by the fork server.
"""

from __future__ import annotations

import _signal  # type: ignore[import-not-found]
import atexit  # here, in the fork server: importing it in each case costs ~100 copy-on-write faults
import builtins
import io
import marshal
import os
import resource
import sys

from alpaco.services.executor.forkserver.encoding import (
    MAX_DEPTH,
    SerializationError,
    TooLarge,
    encode,
)
from alpaco.services.executor.forkserver.isolation import Filter, enter_case_namespaces
from alpaco.services.executor.forkserver.system import (
    CHANNEL_FD,
    FIRST_FREE_FD,
    INPUT_FD,
    PR_SET_DUMPABLE,
    SETUP_FAILED,
    exit_now,
    prctl,
    quietly,
    read_all,
    write_all,
)

TYPE_CHECKING = False
if TYPE_CHECKING:
    from types import CodeType, TracebackType
    from typing import Any, NoReturn

USER_FILE = "solution.py"
FUNCTION_NAMES = ("solution", "solve", "answer", "main")
RESERVE_BYTES = 1 << 14  # freed on MemoryError, so the report can still be written
READY = b"+"
USER_EXCEPTION = "UserException"


class SolutionFunctionNotFoundError(Exception):
    """Function mode needs one of FUNCTION_NAMES."""


# Exception classes by identity, captured before any user code runs: a user class can carry any
# name (even one built from a hidden input), so only these names ever leave the case.
_NAMES = {
    id(value): value.__name__
    for value in vars(builtins).values()
    if isinstance(value, type) and issubclass(value, BaseException)
}
_NAMES[id(SolutionFunctionNotFoundError)] = SolutionFunctionNotFoundError.__name__


def exception_name(exc: BaseException) -> str:
    """A built-in exception's name, ours, or a fixed label; never a name the solution chose."""
    return _NAMES.get(id(type(exc)), USER_EXCEPTION)


class CaseProcess:
    def __init__(
        self,
        code: CodeType,
        source: str,
        *,
        function_mode: bool,
        limits: dict[str, int],
        policy: dict[str, Any],
        case_filter: Filter,
    ) -> None:
        self.code = code
        self.source = source
        self.function_mode = function_mode
        self.limits = limits
        self.policy = policy
        self.case_filter = case_filter
        self.reserve = bytearray(RESERVE_BYTES)

    def main(self, fds: list[int]) -> NoReturn:
        try:
            argument = self.prepare(fds)
        except BaseException as exc:  # before the solution runs: the platform failed
            message = f"executor: the case could not be set up: {type(exc).__name__}: {exc}"
            quietly(write_all, 2, message.encode(errors="replace"))
            exit_now(SETUP_FAILED)
        try:
            write_all(CHANNEL_FD, READY)
            self.execute(argument)
        except BaseException:  # the solution broke our reporting (e.g. poisoned modules)
            quietly(write_all, 2, b"executor: the solution's outcome could not be reported\n")
            self.report(_error(USER_EXCEPTION, None), 1)

    def prepare(self, fds: list[int]) -> object:
        os.setpgid(0, 0)
        if self.policy["namespaces"]:
            enter_case_namespaces(self.policy["scratch"])
        self.case_filter.load()
        prctl(PR_SET_DUMPABLE, 1)  # a normal process again (the fork server stays private)
        _first_to_die()
        for target, fd in enumerate(fds):
            os.dup2(fd, target)
        os.closerange(FIRST_FREE_FD, resource.getrlimit(resource.RLIMIT_NOFILE)[0])
        _signal.signal(_signal.SIGINT, _signal.default_int_handler)
        limits = self.limits
        for kind, value in (
            (resource.RLIMIT_CPU, (limits["cpu"], limits["cpu"] + 1)),
            (resource.RLIMIT_AS, (limits["as"], limits["as"])),
            (resource.RLIMIT_FSIZE, (limits["fsize"], limits["fsize"])),
            (resource.RLIMIT_NOFILE, (limits["nofile"], limits["nofile"])),
            (resource.RLIMIT_NPROC, (limits["nproc"], limits["nproc"])),
            (resource.RLIMIT_CORE, (0, 0)),
        ):
            resource.setrlimit(kind, value)
        argument = None
        if self.function_mode:
            argument = marshal.loads(read_all(INPUT_FD))  # noqa: S302 - written by the harness
            os.close(INPUT_FD)
        return argument

    def execute(self, argument: object) -> NoReturn:
        module = type(sys)("solution" if self.function_mode else "__main__")
        module.__builtins__ = builtins  # type: ignore[attr-defined]
        sys.modules[module.__name__] = module
        sys.argv = [USER_FILE]
        try:
            exec(self.code, module.__dict__)  # noqa: S102 - running user code is the point
            value = _call(module.__dict__, argument) if self.function_mode else None
            _finalize()
        except MemoryError:
            self.reserve = bytearray()
            self.report(_error("MemoryError", None), 1)
        except BaseException as exc:
            self.failed(exc)
        self.returned(value)

    def returned(self, value: object) -> NoReturn:
        if not self.function_mode:
            self.report("", 0)
        sys.setrecursionlimit(max(sys.getrecursionlimit(), MAX_DEPTH + 100))
        try:
            text = encode(value, self.limits["result"])
        except (TooLarge, MemoryError):
            self.reserve = bytearray()
            self.report('"big":true', 0)
        except BaseException as exc:  # SerializationError, or a hostile __str__, __lt__, ...
            _flush()
            reason = exc if isinstance(exc, SerializationError) else "a value raised while encoded"
            message = f"SerializationError: cannot return this value as JSON: {reason}\n"
            quietly(write_all, 2, message.encode(errors="replace"))
            self.report(_error("SerializationError", None), 1)
        self.report(f'"v":{text}', 0)

    def failed(self, exc: BaseException) -> NoReturn:
        code = _exit_code(exc) if isinstance(exc, SystemExit) else 1
        if isinstance(exc, SystemExit) and code == 0 and not self.function_mode:
            _finalize()
            self.report("", 0)
        _flush()
        line = _report_exception(exc, self.source, self.function_mode)
        _finalize()
        self.report(_error(exception_name(exc), line), code)

    def report(self, fields: str, code: int) -> NoReturn:
        """Write the one frame `{fields}` on the result channel and exit."""
        _flush()
        quietly(write_all, CHANNEL_FD, f"{{{fields}}}".encode())
        exit_now(code)


def _first_to_die() -> None:
    """An out-of-memory kill in the case's cgroup takes the case's processes, never the slot
    server that shares the cgroup with them (raising one's own score needs no privilege)."""
    fd = os.open("/proc/self/oom_score_adj", os.O_WRONLY | os.O_CLOEXEC)
    try:
        write_all(fd, b"1000")
    finally:
        os.close(fd)


def _error(kind: str, line: int | None) -> str:
    return f'"e":{encode({"type": kind, "line": line})}'


def _call(namespace: dict[str, object], argument: object) -> object:
    for name in FUNCTION_NAMES:
        candidate = namespace.get(name)
        if callable(candidate):
            return candidate(argument)
    available = sorted(name for name in namespace if not name.startswith("__"))
    raise SolutionFunctionNotFoundError(
        f"define one of {', '.join(FUNCTION_NAMES)}; the module defines: "
        + (", ".join(available) or "nothing")
    )


def _finalize() -> None:
    """What interpreter shutdown would do: wait for non-daemon threads, run atexit handlers."""
    threading = sys.modules.get("threading")
    try:
        if threading is not None:
            threading._shutdown()
        atexit._run_exitfuncs()
    except BaseException:  # noqa: S110 - a broken handler must not cost the verdict
        pass


def _report_exception(exc: BaseException, source: str, function_mode: bool) -> int | None:
    """Write the traceback as Python would for the user's file alone; return the user's line.

    The line comes from the traceback objects themselves, which user code cannot fake; the text
    goes through `traceback`, which it can (a poisoned module, a class whose name raises), so a
    failure there costs only the text.
    """
    tb = exc.__traceback__
    while tb is not None and tb.tb_frame.f_code.co_filename != USER_FILE:
        tb = tb.tb_next
    line = _user_line(tb) or _user_line(exc.__traceback__)
    try:
        text = _traceback_text(exc, tb, source, function_mode)
    except BaseException:
        text = f"{exception_name(exc)} (its traceback could not be formatted)\n"
    quietly(write_all, 2, text.encode(errors="replace"))
    return line


def _traceback_text(
    exc: BaseException, tb: TracebackType | None, source: str, function_mode: bool
) -> str:
    if isinstance(exc, SystemExit):
        if function_mode:
            return "SystemExit: the solution exited before returning a value\n"
        if exc.code is not None and not isinstance(exc.code, int):
            return f"{exc.code}\n"
        return ""
    import linecache
    import traceback

    linecache.cache[USER_FILE] = (len(source), None, source.splitlines(True), USER_FILE)
    return "".join(traceback.format_exception(type(exc), exc, tb))


def _user_line(tb: TracebackType | None) -> int | None:
    line = None
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == USER_FILE:
            line = tb.tb_lineno
        tb = tb.tb_next
    return line


def _exit_code(exc: SystemExit) -> int:
    if exc.code is None:
        return 0
    if isinstance(exc.code, int):
        return exc.code & 0xFF
    return 1


class _StderrFile(io.FileIO):
    """The case's stderr: once the harness has read all it keeps and closed its end, writes are
    dropped instead of failing, so debug output never changes how a solution ends."""

    def write(self, data: Any) -> int:
        try:
            return super().write(data) or 0
        except BrokenPipeError:
            return len(memoryview(data))


def install_streams() -> None:
    """Make the case's sys.stdin/stdout/stderr the fork server's own, once, before any fork.

    They name descriptors 0-2, which each case re-points at its own input and pipes before using
    them. Building them in every case cost ~100 copy-on-write faults, and swapping them in ~55
    more (the replaced streams are freed); the fork server itself never writes to stdout. The
    writers are built while 1 and 2 are pipes, as in a case, so their cached `seekable()` is the
    case's answer; stdin is built on a seekable file, as a case's sealed input file is.
    """
    streams = []
    saved = [os.dup(1), os.dup(2)]
    read, write_end = os.pipe()
    try:
        os.dup2(write_end, 1)
        os.dup2(write_end, 2)
        for fd, mode, errors in ((0, "r", "surrogateescape"), (1, "w", "surrogateescape"),
                                 (2, "w", "backslashreplace")):  # fmt: skip
            raw = (_StderrFile if fd == 2 else io.FileIO)(fd, mode, closefd=False)
            buffered = io.BufferedReader(raw) if mode == "r" else io.BufferedWriter(raw)
            streams.append(
                io.TextIOWrapper(buffered, encoding="utf-8", errors=errors, line_buffering=fd == 2)
            )
    finally:
        os.dup2(saved[0], 1, inheritable=False)
        os.dup2(saved[1], 2, inheritable=False)
        for fd in (*saved, read, write_end):
            os.close(fd)
    for name, stream in zip(("stdin", "stdout", "stderr"), streams, strict=True):
        setattr(sys, name, stream)
        setattr(sys, f"__{name}__", stream)


def _flush() -> None:
    for stream in (sys.stdout, sys.stderr, sys.__stdout__, sys.__stderr__):
        try:
            stream.flush()  # type: ignore[union-attr]
        except BaseException:  # noqa: S112 - user code may have replaced or broken the stream
            continue
