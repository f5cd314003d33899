"""The in-sandbox half of the Python runner: compile once, then fork one child per test case.

Started as `python -I -S -B -c <this source> <control fd>` inside the sandbox. It imports only
cheap C modules so the fork server is ready in a few milliseconds; `traceback` is imported
lazily in a child that has an exception to report. User code never runs in this process: it is
compiled here (compile() executes nothing) and executed only in forked children.

Wire: the harness sends `marshal` tuples (it is trusted) with descriptors attached; this process
answers with JSON objects written by `encode` (the harness does not trust us). Each child writes
one JSON frame to fd 3 (its result channel) and exits; its stdout and stderr are plain pipes.
"""

from __future__ import annotations

import builtins
import marshal
import os
import resource
import select
import sys
import time

import _json
import _signal
import _socket

TYPE_CHECKING = False
if TYPE_CHECKING:
    from types import CodeType, TracebackType
    from typing import NoReturn

USER_FILE = "solution.py"
FUNCTION_NAMES = ("solution", "solve", "answer", "main")
PRELOADED = ("math", "itertools", "operator", "collections", "heapq", "bisect", "functools")
MAX_DEPTH = 1000
RESERVE_BYTES = 1 << 18
SETUP_FAILED = 125
CHANNEL_FD = 3
INPUT_FD = 4
FIRST_FREE_FD = 5

_write = os.write
_exit = os._exit
_quote = _json.encode_basestring_ascii
_clock = time.perf_counter_ns


class SerializationError(Exception):
    """The return value cannot be represented in JSON."""


def encode(value: object) -> str:
    """JSON for a return value, with the original executor's conversions.

    ±Infinity and NaN become strings, tuples lists, sets sorted lists where their items are
    comparable, dict keys `str(key)`; anything else raises SerializationError.
    """
    out: list[str] = []
    _emit(value, out, 0)
    return "".join(out)


def _emit(value: object, out: list[str], depth: int) -> None:
    if depth > MAX_DEPTH:
        raise SerializationError(f"the value is nested more than {MAX_DEPTH} levels deep")
    if value is None:
        out.append("null")
    elif value is True or value is False:
        out.append("true" if value else "false")
    elif isinstance(value, int):
        out.append(_int(value))
    elif isinstance(value, float):
        out.append(_float(value))
    elif isinstance(value, str):
        out.append(_quote(value))
    elif isinstance(value, (list, tuple)):
        _emit_items(value, out, depth)
    elif isinstance(value, (set, frozenset)):
        _emit_items(_ordered(value), out, depth)
    elif isinstance(value, dict):
        _emit_dict(value, out, depth)
    else:
        raise SerializationError(
            f"an object of type {type(value).__name__!r} is not JSON-serialisable"
        )


def _emit_items(items: list[object] | tuple[object, ...], out: list[str], depth: int) -> None:
    kinds = set(map(type, items))
    if kinds <= {int}:
        out.append("[" + ",".join(map(_int, items)) + "]")  # type: ignore[arg-type]
    elif kinds <= {str}:
        out.append("[" + ",".join(map(_quote, items)) + "]")
    else:
        out.append("[")
        for index, item in enumerate(items):
            if index:
                out.append(",")
            _emit(item, out, depth + 1)
        out.append("]")


def _emit_dict(value: dict[object, object], out: list[str], depth: int) -> None:
    out.append("{")
    for index, (key, item) in enumerate(value.items()):
        if index:
            out.append(",")
        out.append(_quote(str(key)))
        out.append(":")
        _emit(item, out, depth + 1)
    out.append("}")


def _ordered(items: set[object] | frozenset[object]) -> list[object]:
    try:
        return sorted(items)  # type: ignore[type-var]
    except TypeError:
        return list(items)


def _int(value: int) -> str:
    try:
        return int.__repr__(value)
    except ValueError as exc:
        raise SerializationError(str(exc)) from None


def _float(value: float) -> str:
    if value != value:
        return '"NaN"'
    if value in (float("inf"), float("-inf")):
        return '"Infinity"' if value > 0 else '"-Infinity"'
    return float.__repr__(value)


class Zygote:
    """The fork server: one compiled submission, many forked cases."""

    def __init__(self, control: _socket.socket) -> None:
        self.control = control
        self.poller = select.poll()
        self.poller.register(control.fileno(), select.POLLIN)
        self.code: CodeType | None = None
        self.source = ""
        self.function_mode = True
        self.limits: dict[str, int] = {}
        self.by_pidfd: dict[int, tuple[int, int, int]] = {}  # pidfd -> (case id, pid, start)
        self.by_case: dict[int, int] = {}  # case id -> pid
        self.pid1 = os.getpid() == 1

    def serve(self) -> None:
        while True:
            for fd, _ in self.poller.poll():
                if fd == self.control.fileno():
                    if not self.receive():
                        self.shutdown()
                        return
                else:
                    self.finish(fd)

    def receive(self) -> bool:
        try:
            data, ancillary, _, _ = self.control.recvmsg(1 << 18, _socket.CMSG_SPACE(8 * 4))
        except OSError:
            return False
        if not data:
            return False
        fds = [
            fd
            for level, kind, payload in ancillary
            if level == _socket.SOL_SOCKET and kind == _socket.SCM_RIGHTS
            for fd in memoryview(payload).cast("i")
        ]
        message = marshal.loads(data)
        op = message[0]
        if op == "setup":
            self.setup(message[1], message[2], message[3])
        elif op == "run":
            self.run(message[1], fds)
        elif op == "kill":
            self.kill(message[1])
        for fd in fds:
            _close(fd)
        return True

    def reply(self, message: object) -> None:
        self.control.sendmsg([encode(message).encode()])

    def setup(self, source: str, function_mode: bool, limits: dict[str, int]) -> None:
        self.source, self.function_mode, self.limits = source, function_mode, limits
        unlimited = resource.RLIM_INFINITY
        resource.setrlimit(resource.RLIMIT_AS, (limits["zygote_as"], unlimited))
        try:
            self.code = compile(source, USER_FILE, "exec", dont_inherit=True)
        except Exception as exc:  # SyntaxError, and compiler bombs: RecursionError, MemoryError
            import traceback

            text = "".join(traceback.format_exception_only(type(exc), exc))
            line = getattr(exc, "lineno", None)
            self.reply({"op": "compiled", "ok": False, "type": type(exc).__name__,
                        "line": line if isinstance(line, int) else None, "text": text})  # fmt: skip
            return
        resource.setrlimit(resource.RLIMIT_AS, (unlimited, unlimited))
        self.limits["as"] = _vm_bytes() + limits["memory"] + limits["as_slack"]
        self.reply({"op": "compiled", "ok": True})

    def run(self, case: int, fds: list[int]) -> None:
        start = time.monotonic_ns()
        pid = os.fork()
        if pid == 0:
            Case(self, fds).main()
        try:
            os.setpgid(pid, pid)
        except OSError:
            pass  # the child already did it, or is gone
        pidfd = os.pidfd_open(pid)
        self.poller.register(pidfd, select.POLLIN)
        self.by_pidfd[pidfd] = (case, pid, start)
        self.by_case[case] = pid
        self.reply({"op": "started", "id": case})

    def kill(self, case: int) -> None:
        pid = self.by_case.get(case)
        if pid is not None:
            _kill_group(pid)

    def finish(self, pidfd: int) -> None:
        case, pid, start = self.by_pidfd.pop(pidfd)
        self.poller.unregister(pidfd)
        _close(pidfd)
        del self.by_case[case]
        _kill_group(pid)  # the zombie keeps its pgid reserved until it is reaped below
        _, status, usage = os.wait4(pid, 0)
        wall = time.monotonic_ns() - start
        self.sweep()
        cpu = int((usage.ru_utime + usage.ru_stime) * 1_000_000)
        self.reply({"op": "exit", "id": case, "status": status, "cpu_us": cpu,
                    "maxrss_kb": usage.ru_maxrss, "wall_ns": wall})  # fmt: skip

    def sweep(self) -> None:
        """Kill and reap every child that is not a running case: orphans reparented to us."""
        running = set(self.by_case.values())
        for _ in range(10_000):
            strays = [pid for pid in _children() if pid not in running]
            if not strays:
                return
            for pid in strays:
                _kill(pid)
            for pid in strays:
                try:
                    os.waitpid(pid, 0)
                except ChildProcessError:
                    continue

    def shutdown(self) -> None:
        for pid in list(self.by_case.values()):
            _kill_group(pid)
        self.by_case.clear()
        self.sweep()


class Case:
    """A forked child: becomes the test case, runs the user's code once and exits."""

    def __init__(self, zygote: Zygote, fds: list[int]) -> None:
        self.zygote = zygote
        self.fds = fds
        self.reserve = bytearray(RESERVE_BYTES)

    def main(self) -> NoReturn:
        try:
            argument = self.prepare()
        except BaseException as exc:
            _write(2, f"executor: case setup failed: {type(exc).__name__}: {exc}\n".encode())
            _exit(SETUP_FAILED)
        self.execute(argument)

    def prepare(self) -> object:
        os.setpgid(0, 0)
        for target, fd in enumerate(self.fds):
            os.dup2(fd, target)
        os.closerange(FIRST_FREE_FD, resource.getrlimit(resource.RLIMIT_NOFILE)[0])
        limits = self.zygote.limits
        _signal.signal(_signal.SIGINT, _signal.default_int_handler)
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
        if self.zygote.function_mode:
            argument = marshal.loads(_read_all(INPUT_FD))
            os.close(INPUT_FD)
        _install_streams()
        return argument

    def execute(self, argument: object) -> NoReturn:
        zygote = self.zygote
        assert zygote.code is not None
        module = type(sys)("solution" if zygote.function_mode else "__main__")
        module.__builtins__ = builtins  # type: ignore[attr-defined]
        sys.modules[module.__name__] = module
        sys.argv = [USER_FILE]
        started = _clock()
        try:
            exec(zygote.code, module.__dict__)  # noqa: S102 - running user code is the point
            value = _call(module.__dict__, argument) if zygote.function_mode else None
            _finalize()
        except MemoryError:
            self.reserve = bytearray()
            self.report(_clock() - started, _error("MemoryError", None), 1)
        except BaseException as exc:
            self.failed(exc, started)
        self.returned(value, _clock() - started)

    def returned(self, value: object, elapsed: int) -> NoReturn:
        if not self.zygote.function_mode:
            self.report(elapsed, "", 0)
        try:
            sys.setrecursionlimit(max(sys.getrecursionlimit(), MAX_DEPTH + 100))
            text = encode(value)
        except (SerializationError, RecursionError) as exc:
            _flush()
            _write(2, f"SerializationError: the return value {exc}\n".encode(errors="replace"))
            self.report(elapsed, _error("SerializationError", None), 1)
        if len(text) > self.zygote.limits["result"]:
            self.report(elapsed, f',"big":{len(text)}', 0)
        self.report(elapsed, f',"v":{text}', 0)

    def failed(self, exc: BaseException, started: int) -> NoReturn:
        function_mode = self.zygote.function_mode
        code = _exit_code(exc) if isinstance(exc, SystemExit) else 1
        if isinstance(exc, SystemExit) and code == 0 and not function_mode:
            _finalize()
            self.report(_clock() - started, "", 0)
        _flush()
        line = _report_exception(exc, self.zygote.source, function_mode)
        _finalize()
        self.report(_clock() - started, _error(type(exc).__name__, line), code)

    def report(self, elapsed: int, extra: str, code: int) -> NoReturn:
        """Write the one frame `{"t": ns, ...extra}` on the result channel and exit."""
        _flush()
        try:
            _write_all(CHANNEL_FD, f'{{"t":{elapsed}{extra}}}'.encode())
        except OSError:
            pass  # the harness stopped listening: nothing left to tell it
        _exit(code)


def _error(kind: str, line: int | None) -> str:
    return f',"e":{encode({"type": kind, "line": line})}'


def _finalize() -> None:
    """What interpreter shutdown would do: wait for non-daemon threads, run atexit handlers."""
    threading = sys.modules.get("threading")
    try:
        if threading is not None:
            threading._shutdown()  # type: ignore[attr-defined]
        import atexit

        atexit._run_exitfuncs()
    except BaseException:  # noqa: S110 - a broken handler must not cost the verdict
        pass


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


class SolutionFunctionNotFoundError(Exception):
    """Function mode needs one of FUNCTION_NAMES."""


def _report_exception(exc: BaseException, source: str, function_mode: bool) -> int | None:
    """Write the traceback as Python would for the user's file alone; return the user's line."""
    import linecache
    import traceback

    linecache.cache[USER_FILE] = (len(source), None, source.splitlines(True), USER_FILE)
    tb = exc.__traceback__
    while tb is not None and tb.tb_frame.f_code.co_filename != USER_FILE:
        tb = tb.tb_next
    if isinstance(exc, SystemExit):
        if function_mode:
            _write(2, b"SystemExit: the solution exited before returning a value\n")
        elif exc.code is not None and not isinstance(exc.code, int):
            _write(2, f"{exc.code}\n".encode(errors="replace"))
    else:
        text = "".join(traceback.format_exception(type(exc), exc, tb))
        _write_all(2, text.encode(errors="replace"))
    return _user_line(tb) or _user_line(exc.__traceback__)


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


def _install_streams() -> None:
    import io

    def stream(fd: int, mode: str, errors: str, line_buffering: bool) -> io.TextIOWrapper:
        raw = io.FileIO(fd, mode, closefd=False)
        buffered = io.BufferedReader(raw) if mode == "r" else io.BufferedWriter(raw)
        return io.TextIOWrapper(
            buffered, encoding="utf-8", errors=errors, line_buffering=line_buffering
        )

    sys.stdin = sys.__stdin__ = stream(0, "r", "surrogateescape", False)
    sys.stdout = sys.__stdout__ = stream(1, "w", "surrogateescape", False)
    sys.stderr = sys.__stderr__ = stream(2, "w", "backslashreplace", True)


def _flush() -> None:
    for stream in (sys.stdout, sys.stderr, sys.__stdout__, sys.__stderr__):
        try:
            stream.flush()  # type: ignore[union-attr]
        except BaseException:  # noqa: S112 - user code may have replaced or broken the stream
            continue


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[_write(fd, view) :]


def _read_all(fd: int) -> bytes:
    chunks = []
    while chunk := os.read(fd, 1 << 20):
        chunks.append(chunk)
    return b"".join(chunks)


def _vm_bytes() -> int:
    with open("/proc/self/statm", "rb") as statm:
        return int(statm.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")


def _children() -> list[int]:
    pid = os.getpid()
    try:
        with open(f"/proc/{pid}/task/{pid}/children", "rb") as listing:
            return [int(child) for child in listing.read().split()]
    except OSError:
        return []


def _kill_group(pid: int) -> None:
    try:
        os.killpg(pid, _signal.SIGKILL)
    except OSError:
        pass
    _kill(pid)


def _kill(pid: int) -> None:
    try:
        os.kill(pid, _signal.SIGKILL)
    except OSError:
        pass


def _close(fd: int) -> None:
    try:
        os.close(fd)
    except OSError:
        pass


def _high_fd(fd: int) -> int:
    """Move a descriptor above the case's fixed slots (0-4) so dup2 never clobbers it."""
    if fd >= FIRST_FREE_FD:
        return fd
    import fcntl

    high = fcntl.fcntl(fd, fcntl.F_DUPFD_CLOEXEC, FIRST_FREE_FD)
    os.close(fd)
    return high


def _reserve_low_fds() -> None:
    """Keep 0-4 occupied in the zygote so received descriptors always land at 5 or above."""
    null = os.open("/dev/null", os.O_RDWR)
    for fd in range(FIRST_FREE_FD):
        try:
            os.fstat(fd)
        except OSError:
            os.dup2(null, fd, inheritable=False)
    if null >= FIRST_FREE_FD:
        os.close(null)


def _become_reaper() -> None:
    """Outside a pid namespace, adopt orphans (PR_SET_CHILD_SUBREAPER) so sweeps can find them."""
    import ctypes

    ctypes.CDLL(None, use_errno=True).prctl(36, 1, 0, 0, 0)


def main() -> None:
    control = _socket.socket(fileno=_high_fd(int(sys.argv[1])))
    _reserve_low_fds()
    _signal.signal(_signal.SIGINT, _signal.SIG_DFL)
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    zygote = Zygote(control)
    if not zygote.pid1:
        _become_reaper()
    for name in PRELOADED:
        __import__(name)
    zygote.serve()


if __name__ == "__main__":
    main()
