"""The fork server: compile once, then fork one child per test case (stdlib only).

User code never runs in these processes: it is compiled here (compile() executes nothing) and
executed only in forked children. As the sandbox boots, the harness puts the fork server in the
cgroup of case slot 0, which it then serves, and has it fork one *slot server* for every other
slot, on a socket of its own, while it sits in that slot's cgroup: every case is thus born in its
slot, with no cgroup move on a submission's path. Each slot server runs the same loop: it
compiles the submission and forks its cases, in parallel with the other slots.

With namespaces every case is born pid 1 of a pid namespace of its own (`isolation.py`), so
cases see neither the servers nor each other, and what a case leaves behind dies with it.
Without them there is one slot, so cases run one at a time; its server adopts orphans (child
subreaper) and sweeps them after each case.

Wire: the harness sends `marshal` tuples (it is trusted) with descriptors attached; we answer
with JSON objects (the harness does not trust us).
"""

from __future__ import annotations

import _signal  # type: ignore[import-not-found]
import _socket
import gc
import marshal
import os
import resource
import select
import sys
import time

from alpaco.services.executor.forkserver.case import USER_FILE, CaseProcess, install_streams
from alpaco.services.executor.forkserver.encoding import encode
from alpaco.services.executor.forkserver.isolation import (
    Filter,
    PidNamespaces,
    forbid_new_privileges,
)
from alpaco.services.executor.forkserver.scratch import TooMuchToWipe, wipe
from alpaco.services.executor.forkserver.system import (
    PR_SET_CHILD_SUBREAPER,
    PR_SET_DUMPABLE,
    children,
    exit_now,
    high_fd,
    kill,
    kill_group,
    prctl,
    quietly,
    reserve_low_fds,
    vm_bytes,
)

TYPE_CHECKING = False
if TYPE_CHECKING:
    from types import CodeType
    from typing import Any

# Imported here, once, when the solution names them, so that its cases do not import them each.
# Only those it names: importing all of them in every sandbox costs ~2 ms of CPU per submission.
# `typing` alone costs ~15 ms a case (annotations on `solution(data: list[int])` are common).
PRELOADED = (
    "math",
    "itertools",
    "operator",
    "collections",
    "heapq",
    "bisect",
    "functools",
    "typing",
    "re",
    "string",
)
MESSAGE_BYTES = 1 << 18  # the largest message: setup, with up to 64 KB of source
SWEEP_PASSES = 100


class ForkServer:
    def __init__(self, control: _socket.socket) -> None:
        self.control = control
        self.poller = select.poll()
        self.poller.register(control.fileno(), select.POLLIN)
        self.code: CodeType | None = None
        self.source = ""
        self.function_mode = True
        self.limits: dict[str, int] = {}
        self.policy: dict[str, Any] = {}
        self.namespaces: PidNamespaces | None = None
        self.case_filter = Filter(b"")
        self.by_pidfd: dict[int, tuple[int, int, int]] = {}  # pidfd -> (case id, pid, start)
        self.by_case: dict[int, int] = {}  # case id -> pid
        self.pid1 = os.getpid() == 1
        self.workdir = os.getcwd()
        self.case_started_ns = 0
        # One receive buffer: `recvmsg(256 KiB)` mapped and unmapped a fresh one for every message.
        self.inbox = bytearray(MESSAGE_BYTES)

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
            size, ancillary, _, _ = self.control.recvmsg_into(
                [self.inbox], _socket.CMSG_SPACE(8 * 4)
            )
        except OSError:
            return False
        if not size:
            return False
        data = self.inbox[:size]
        fds = [
            fd
            for level, kind, payload in ancillary
            if level == _socket.SOL_SOCKET and kind == _socket.SCM_RIGHTS
            for fd in memoryview(payload).cast("i")
        ]
        message = marshal.loads(data)  # noqa: S302 - only the harness can write to this socket
        op = message[0]
        if op == "setup":
            self.setup(message[1], message[2], message[3], message[4])
        elif op == "slot":
            self.spawn_slot(message[1], fds)
        elif op == "run":
            self.run(message[1], fds)
        elif op == "kill":
            self.kill(message[1])
        for fd in fds:
            quietly(os.close, fd)
        return True

    def reply(self, message: object) -> None:
        self.control.sendmsg([encode(message).encode()])

    def setup(
        self, source: str, function_mode: bool, limits: dict[str, int], policy: dict[str, Any]
    ) -> None:
        self.source, self.function_mode, self.limits = source, function_mode, limits
        self.policy = policy
        if policy["server_filter"]:  # no bubblewrap to load the sandbox's filter for us
            forbid_new_privileges()
            Filter(policy["server_filter"]).load()
        self.case_filter = Filter(policy["case_filter"])
        if policy["namespaces"]:
            self.namespaces = PidNamespaces()
        unlimited = resource.RLIM_INFINITY
        resource.setrlimit(resource.RLIMIT_AS, (limits["server_as"], unlimited))
        try:
            self.code = compile(source, USER_FILE, "exec", dont_inherit=True)
        except Exception as exc:  # SyntaxError, and compiler bombs: RecursionError, MemoryError
            import traceback

            text = "".join(traceback.format_exception_only(type(exc), exc))
            line = getattr(exc, "lineno", None)
            self.reply({"op": "compiled", "ok": False, "type": type(exc).__name__,
                        "line": line if isinstance(line, int) else None, "text": text})  # fmt: skip
            return
        _preload(self.code)
        gc.freeze()  # children then never walk (and copy) the fork server's pages in a collection
        resource.setrlimit(resource.RLIMIT_AS, (unlimited, unlimited))
        self.limits["as"] = vm_bytes() + limits["memory"] + limits["as_slack"]
        self.reply({"op": "compiled", "ok": True})

    def spawn_slot(self, slot: int, fds: list[int]) -> None:
        """Fork a server for one case slot, serving the socket we were sent."""
        control = fds.pop()
        pid = os.fork()
        if pid == 0:
            self.control.close()
            self.control = _socket.socket(fileno=control)
            self.poller = select.poll()
            self.poller.register(control, select.POLLIN)
            self.pid1 = False
            prctl(PR_SET_CHILD_SUBREAPER, 1)  # not inherited: what its cases orphan comes to it
            self.serve()
            exit_now(0)
        quietly(os.close, control)
        self.reply({"op": "slot", "id": slot})

    def run(self, case: int, fds: list[int]) -> None:
        assert self.code is not None
        start = time.monotonic_ns()
        self.case_started_ns = time.time_ns()
        if self.namespaces is not None:
            self.namespaces.before_fork()
        pid = os.fork()
        if pid == 0:
            case_process = CaseProcess(
                self.code, self.source, function_mode=self.function_mode, limits=self.limits,
                policy=self.policy, case_filter=self.case_filter,
            )  # fmt: skip
            case_process.main(fds)
        if self.namespaces is not None:
            self.namespaces.after_fork()
        quietly(os.setpgid, pid, pid)  # the child does it too; whoever is first wins
        pidfd = os.pidfd_open(pid)
        self.poller.register(pidfd, select.POLLIN)
        self.by_pidfd[pidfd] = (case, pid, start)
        self.by_case[case] = pid

    def kill(self, case: int) -> None:
        pid = self.by_case.get(case)
        if pid is not None:
            kill_group(pid)

    def finish(self, pidfd: int) -> None:
        case, pid, start = self.by_pidfd.pop(pidfd)
        self.poller.unregister(pidfd)
        quietly(os.close, pidfd)
        del self.by_case[case]
        kill_group(pid)  # the zombie keeps its pgid reserved until it is reaped below
        _, status, usage = os.wait4(pid, 0)
        wall = time.monotonic_ns() - start
        if self.namespaces is None:  # otherwise the kernel killed what the case left behind
            self.sweep()
        cpu = int((usage.ru_utime + usage.ru_stime) * 1_000_000)
        self.reply({"op": "exit", "id": case, "status": status, "cpu_us": cpu,
                    "maxrss_kb": usage.ru_maxrss, "wall_ns": wall})  # fmt: skip
        if self.namespaces is None:  # cases ran one at a time: the next one must find nothing
            try:
                wipe(self.workdir, os.getuid(), self.case_started_ns)
            except (OSError, TooMuchToWipe):
                exit_now(1)  # no further case may run here; the harness retries in a new sandbox

    def sweep(self) -> None:
        """Kill every process that no running case owns: what finished cases left behind."""
        running = set(self.by_case.values())
        if all(pid in running for pid in children()):
            return  # nothing was orphaned, so nothing was left behind
        if self.pid1:
            _sweep_namespace(running)
        else:
            _sweep_descendants(running)
        _reap(running)

    def shutdown(self) -> None:
        if self.pid1:
            return  # when pid 1 exits the kernel kills everything in the namespace
        for pid in list(self.by_case.values()):
            kill_group(pid)
        self.by_case.clear()
        self.sweep()


def _preload(code: CodeType) -> None:
    wanted = {name.partition(".")[0] for name in _names(code)}
    for name in PRELOADED:
        if name in wanted:
            __import__(name)


def _names(code: CodeType) -> set[str]:
    """Every global, attribute and module name the code and its nested functions use."""
    names = set(code.co_names)
    for constant in code.co_consts:
        if isinstance(constant, type(code)):
            names |= _names(constant)
    return names


def _sweep_namespace(running: set[int]) -> None:
    """Freeze the namespace, kill what no running case owns, thaw.

    A stopped process cannot fork (the kernel restarts a fork that races with a signal), so one
    pass over /proc finds everything, including fork bombs that left their session.
    """
    quietly(os.kill, -1, _signal.SIGSTOP)
    parents = _parents()
    for pid in parents:
        if _owner(pid, parents, running) is None:
            kill(pid)
    quietly(os.kill, -1, _signal.SIGCONT)


def _sweep_descendants(running: set[int]) -> None:
    """Without a pid namespace: stop every descendant no running case owns, then kill them.

    Orphans are adopted by us (child subreaper), so every stray is a descendant. A stopped
    process cannot fork, so each pass finds fewer new ones, and RLIMIT_NPROC bounds them all.
    """
    stopped: set[int] = set()
    for _ in range(SWEEP_PASSES):
        parents = _parents()
        strays = {
            pid
            for pid in _descendants(os.getpid(), parents)
            if _owner(pid, parents, running) is None
        } - stopped
        if not strays:
            break
        for pid in strays:
            quietly(os.kill, pid, _signal.SIGSTOP)
        stopped |= strays
    for pid in stopped:
        kill(pid)


def _descendants(root: int, parents: dict[int, int]) -> set[int]:
    children_of: dict[int, list[int]] = {}
    for pid, parent in parents.items():
        children_of.setdefault(parent, []).append(pid)
    found: set[int] = set()
    frontier = [root]
    while frontier:
        for child in children_of.get(frontier.pop(), ()):
            if child not in found:
                found.add(child)
                frontier.append(child)
    return found


def _reap(running: set[int]) -> None:
    """Collect dead strays without consuming the exit status of a running case."""
    while True:
        try:
            info = os.waitid(os.P_ALL, 0, os.WEXITED | os.WNOHANG | os.WNOWAIT)
        except ChildProcessError:
            return
        if info is None or info.si_pid in running:
            return
        quietly(os.waitpid, info.si_pid, 0)


def _owner(pid: int, parents: dict[int, int], running: set[int]) -> int | None:
    """The running case whose tree holds `pid`, or None for an orphan (adopted by pid 1)."""
    hops = 0
    while pid not in running and pid > 1 and hops < 100_000:
        pid = parents.get(pid, 0)
        hops += 1
    return pid if pid in running else None


def _parents() -> dict[int, int]:
    """pid -> parent pid for every process we can see (all of them, in our pid namespace)."""
    found = {}
    for name in os.listdir("/proc"):
        if name.isdigit() and name != "1":
            try:
                with open(f"/proc/{name}/stat", "rb") as stat:
                    found[int(name)] = int(stat.read().rpartition(b")")[2].split()[1])
            except (OSError, IndexError, ValueError):
                continue
    return found


def main() -> None:
    control = _socket.socket(fileno=high_fd(int(sys.argv[1])))
    reserve_low_fds()
    install_streams()
    _signal.signal(_signal.SIGINT, _signal.SIG_DFL)
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    os.umask(0o077)  # without namespaces, files a case writes in shared places stay its own
    server = ForkServer(control)
    prctl(PR_SET_DUMPABLE, 0)  # cases share our uid: keep them out of /proc/<fork server>/mem
    if not server.pid1:
        prctl(PR_SET_CHILD_SUBREAPER, 1)  # no pid namespace: adopt orphans so sweeps find them
    server.serve()
