"""A running sandbox: one command (the fork server) inside every active layer, for one submission.

A `Seat` is what a box borrows from the harness: a uid of its own (so that concurrent boxes never
share an RLIMIT_NPROC budget or can signal each other; leased machine-wide, see `uids.py`) and a
cgroup cell. Seats are pooled and reused; a box is never reused.
"""

from __future__ import annotations

import atexit
import contextlib
import itertools
import os
import select
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from alpaco.services.executor.forkserver.scratch import wipe
from alpaco.services.executor.sandbox import bwrap
from alpaco.services.executor.sandbox.cgroup import CELL_PREFIX, Cell, Node
from alpaco.services.executor.sandbox.limits import MIB, RunLimits
from alpaco.services.executor.sandbox.probe import Capabilities
from alpaco.services.executor.sandbox.uids import lease_uid

_SEAT_NUMBERS = itertools.count()  # process-wide: two pools must never share a cell
HOME_BYTES = 256 * MIB
SLOT_SLACK_BYTES = 16 * MIB  # copy-on-write copies of the fork server's pages land in the slot
SPAWN_TIMEOUT_S = 10.0
CLOSE_TIMEOUT_S = 2.0
SETPRIV = shutil.which("setpriv", path="/usr/bin:/bin")


@dataclass(frozen=True, slots=True)
class Seat:
    index: int
    uid: int | None
    cell: Cell | None
    lease: socket.socket | None = None


class Seats:
    """Thread-safe pool of seats; cells are created on first use and removed at exit."""

    def __init__(self, caps: Capabilities, slots: int) -> None:
        self._caps = caps
        self._slots = slots
        self._lock = threading.Lock()
        self._free: list[Seat] = []
        self._all: list[Seat] = []
        atexit.register(self.remove_all)

    def acquire(self) -> Seat:
        with self._lock:
            if self._free:
                return self._free.pop()
        seat = self._new(next(_SEAT_NUMBERS))
        with self._lock:
            self._all.append(seat)
        return seat

    def release(self, seat: Seat) -> None:
        with self._lock:
            self._free.append(seat)

    def remove_all(self) -> None:
        with self._lock:
            seats, self._all, self._free = self._all, [], []
        for seat in seats:
            if seat.cell is not None:
                seat.cell.sweep()
                seat.cell.remove()
            if seat.lease is not None:
                seat.lease.close()

    def _new(self, index: int) -> Seat:
        base = self._caps.sandbox_uid_base
        uid, lease = (None, None) if base is None else lease_uid(base)
        cell = None
        if self._caps.cgroup is not None:
            cell = Cell(self._caps.cgroup, f"{CELL_PREFIX}{os.getpid()}-{index}", self._slots)
            cell.create()
        return Seat(index, uid, cell, lease)


@dataclass(frozen=True, slots=True)
class SlotServer:
    """A process of the sandbox that serves one case slot, born in that slot's cgroup."""

    control: socket.socket
    pid: int | None  # its host pid, when it has a cgroup slot to be found in


class Box:
    """One sandboxed fork server. `control` is the harness end of its SOCK_SEQPACKET socket;
    `servers` are the slot servers it has started (`start_slot_servers`)."""

    def __init__(
        self,
        process: subprocess.Popen[bytes],
        pid: int,
        control: socket.socket,
        *,
        seat: Seat,
        workdir: Path | None,
        stderr: int,
        uid: int,
    ) -> None:
        self.process = process
        self.pid = pid
        self.control = control
        self.seat = seat
        self._workdir = workdir
        self._uid = uid
        self._started_ns = time.time_ns()
        self._stderr = stderr
        self._closed = False
        self.servers: list[SlotServer] = []

    @classmethod
    def open(
        cls,
        caps: Capabilities,
        seat: Seat,
        command: Callable[[int], Sequence[str]],
        *,
        tmpfs_bytes: int = bwrap.TMPFS_BYTES,
        ro_binds: Sequence[str] = (),
        as_sandbox_uid: bool = True,
    ) -> Box:
        """Start `command(control_fd)` in the sandbox; `limit()` sets the case limits later."""
        if seat.cell is not None:
            seat.cell.limit_home(HOME_BYTES)
        ours, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_SEQPACKET)
        stderr = os.memfd_create("alpaco-sandbox-stderr", os.MFD_CLOEXEC)
        uid = seat.uid if as_sandbox_uid else None
        try:
            if caps.bwrap is not None:
                process, pid, workdir = _spawn_bwrap(
                    caps,
                    control=theirs,
                    command=command,
                    tmpfs_bytes=tmpfs_bytes,
                    ro_binds=ro_binds,
                    uid=uid,
                    stderr=stderr,
                )
            else:
                process, pid, workdir = _spawn_plain(theirs, command, uid, stderr)
        except OSError as exc:
            ours.close()
            reason = _tail(stderr)
            os.close(stderr)
            raise bwrap.SpawnError(f"{exc}{': ' + reason if reason else ''}") from exc
        except BaseException:
            ours.close()
            os.close(stderr)
            raise
        finally:
            theirs.close()
        box = cls(process, pid, ours, seat=seat, workdir=workdir, stderr=stderr,
                  uid=os.getuid() if uid is None else uid)  # fmt: skip
        if seat.cell is not None:
            try:
                seat.cell.home.attach(pid)
            except OSError as exc:  # most often: the sandbox's setup failed right after the clone
                reason = box.diagnostics()
                box.close()
                raise bwrap.SpawnError(f"{exc}{': ' + reason if reason else ''}") from exc
        return box

    def limit(self, limits: RunLimits) -> None:
        """Per-case cgroup limits for the submission this box will run."""
        if self.seat.cell is not None:
            self.seat.cell.limit_slots(limits.memory_bytes + SLOT_SLACK_BYTES, limits.tasks)

    def slot(self, index: int) -> Node | None:
        return None if self.seat.cell is None else self.seat.cell.slots[index]

    def enter(self, index: int) -> None:
        """Put the fork server into a case slot, so that its next children are born there."""
        slot = self.slot(index)
        if slot is not None:
            slot.attach(self.pid)

    def start_slot_servers(self, count: int, spawn: Callable[[int], socket.socket]) -> None:
        """Give every case slot a server that lives in its cgroup, so that every case it forks is
        born there: the fork server itself serves slot 0, and starts one more server for each
        other slot while it sits in that slot's cgroup.

        Done once per sandbox, as it boots (ahead of demand, for a warm sandbox): a cgroup move
        takes the kernel's cgroup fork lock, whose first taker after a quiet spell waits for an
        RCU grace period, milliseconds at a time.
        """
        self.enter(0)
        self.servers.append(SlotServer(self.control, self.pid))
        for index in range(1, count):
            self.enter(index)
            try:
                control = spawn(index)
            finally:
                self.enter(0)
            slot = self.slot(index)
            members = slot.procs() if slot is not None else []
            self.servers.append(SlotServer(control, members[0] if len(members) == 1 else None))

    def close(self) -> None:
        """End the sandbox: EOF tells the fork server to kill its tree and exit; then make sure."""
        if self._closed:
            return
        self._closed = True
        for server in self.servers:
            server.control.close()  # the first is `control` itself: closing twice is harmless
        self.control.close()
        if not _exited(self.process, CLOSE_TIMEOUT_S):
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.process.pid, signal.SIGKILL)
            self.process.kill()
        self.process.wait()
        if self.seat.cell is not None:
            self.seat.cell.sweep()
        if self._workdir is not None:  # no namespaces: the host's scratch places were shared
            with contextlib.suppress(OSError):  # outside the sandbox: no budget, it must go
                wipe(str(self._workdir), self._uid, self._started_ns, limit=sys.maxsize)
            shutil.rmtree(self._workdir, ignore_errors=True)
        os.close(self._stderr)

    def alive(self) -> bool:
        return self.process.poll() is None

    def pids(self) -> set[int]:
        """Host pids of the sandbox's own processes: bubblewrap, the fork server and its
        children (the slot servers, when no case runs)."""
        try:
            with open(f"/proc/{self.pid}/task/{self.pid}/children") as listing:
                children = {int(pid) for pid in listing.read().split()}
        except OSError:
            children = set()
        return {self.process.pid, self.pid} | children

    def diagnostics(self) -> str:
        """The end of what bubblewrap and the fork server wrote to stderr (they rarely do)."""
        return "" if self._closed else _tail(self._stderr)


def _spawn_bwrap(
    caps: Capabilities,
    *,
    control: socket.socket,
    command: Callable[[int], Sequence[str]],
    tmpfs_bytes: int,
    ro_binds: Sequence[str],
    uid: int | None,
    stderr: int,
) -> tuple[subprocess.Popen[bytes], int, None]:
    assert caps.bwrap is not None
    with bwrap.Spawn(caps.bwrap, caps.sandbox_filter) as spawn:
        argv = spawn.argv(
            command(control.fileno()),
            tmpfs_bytes=bwrap.SERVER_TMPFS_BYTES if caps.isolated else tmpfs_bytes,
            ro_binds=ro_binds,
            isolate_cases=caps.isolated,
        )
        process = _popen(argv, (*spawn.fds, control.fileno()), uid, cwd=None, stderr=stderr)
        try:
            pid = spawn.child_pid(SPAWN_TIMEOUT_S)
        except OSError:
            _reap(process)
            raise
    return process, pid, None


def _spawn_plain(
    control: socket.socket, command: Callable[[int], Sequence[str]], uid: int | None, stderr: int
) -> tuple[subprocess.Popen[bytes], int, Path]:
    """No namespaces: a private workdir owned by the sandbox uid and a scrubbed environment."""
    workdir = Path(tempfile.mkdtemp(prefix="alpaco-run-"))
    if uid is not None:
        os.chown(workdir, uid, uid)
    try:
        process = _popen(
            command(control.fileno()), (control.fileno(),), uid, cwd=workdir, stderr=stderr
        )
    except BaseException:
        shutil.rmtree(workdir, ignore_errors=True)
        raise
    return process, process.pid, workdir


def _popen(
    argv: Sequence[str], fds: Sequence[int], uid: int | None, *, cwd: Path | None, stderr: int
) -> subprocess.Popen[bytes]:
    """Start `argv` as `uid` (with no supplementary groups) in a new session.

    With `setpriv` the uid switch happens after exec, so Popen can use vfork: asking Popen itself
    to switch uids forces a full fork of the harness, whose page tables the gateway makes large
    (≈1.5 ms of harness CPU per sandbox at 150 MB resident).
    """
    environment = dict(bwrap.ENVIRONMENT)
    if cwd is not None:
        environment.update(HOME=str(cwd), TMPDIR=str(cwd))
    switch = uid is not None and SETPRIV is None
    if uid is not None and SETPRIV is not None:
        argv = [SETPRIV, f"--reuid={uid}", f"--regid={uid}", "--clear-groups", "--", *argv]
    return subprocess.Popen(
        argv,
        env={} if cwd is None else environment,
        cwd=cwd,
        pass_fds=tuple(fds),
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=stderr,
        start_new_session=True,
        user=uid if switch else None,
        group=uid if switch else None,
        extra_groups=[] if switch else None,
    )


def _exited(process: subprocess.Popen[bytes], timeout_s: float) -> bool:
    """Wait for `process` to exit, waking the moment it does.

    `Popen.wait(timeout)` polls with doubling sleeps, which made every close about 1.5 ms
    late, on the path of the request that owned the sandbox.
    """
    if process.poll() is not None:
        return True
    pidfd = os.pidfd_open(process.pid)  # not reaped yet, so the pid is still this process's
    try:
        poller = select.poll()
        poller.register(pidfd, select.POLLIN)
        return bool(poller.poll(timeout_s * 1000))
    finally:
        os.close(pidfd)


def _tail(fd: int, size: int = 2048) -> str:
    try:
        end = os.fstat(fd).st_size
        return os.pread(fd, size, max(0, end - size)).decode(errors="replace").strip()
    except OSError:
        return ""


def _reap(process: subprocess.Popen[bytes]) -> None:
    process.kill()
    process.wait()
