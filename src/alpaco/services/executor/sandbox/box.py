"""A running sandbox: one command (the fork server) inside every active layer, for one submission.

A `Seat` is what a box borrows from the harness: a uid of its own (so that concurrent boxes never
share an RLIMIT_NPROC budget or can signal each other) and a cgroup cell. Seats are pooled and
reused; a box is never reused.
"""

from __future__ import annotations

import atexit
import contextlib
import os
import shutil
import signal
import socket
import subprocess
import tempfile
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from alpaco.services.executor.sandbox import bwrap
from alpaco.services.executor.sandbox.cgroup import CELL_PREFIX, Cell, Node
from alpaco.services.executor.sandbox.limits import MIB, Limits
from alpaco.services.executor.sandbox.probe import Capabilities

HOME_BYTES = 256 * MIB
SLOT_SLACK_BYTES = 32 * MIB
SPAWN_TIMEOUT_S = 10.0
CLOSE_TIMEOUT_S = 2.0


@dataclass(frozen=True, slots=True)
class Seat:
    index: int
    uid: int | None
    cell: Cell | None


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
            index = len(self._all)
        seat = self._new(index)
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

    def _new(self, index: int) -> Seat:
        base = self._caps.sandbox_uid_base
        cell = None
        if self._caps.cgroup is not None:
            cell = Cell(self._caps.cgroup, f"{CELL_PREFIX}{os.getpid()}-{index}", self._slots)
            cell.create()
        return Seat(index, None if base is None else base + index, cell)


class Box:
    """One sandboxed fork server. `control` is the harness end of its SOCK_SEQPACKET socket."""

    def __init__(
        self,
        process: subprocess.Popen[bytes],
        pid: int,
        control: socket.socket,
        seat: Seat,
        workdir: Path | None,
    ) -> None:
        self.process = process
        self.pid = pid
        self.control = control
        self.seat = seat
        self._workdir = workdir
        self._closed = False

    @classmethod
    def open(
        cls,
        caps: Capabilities,
        seat: Seat,
        command: Callable[[int], Sequence[str]],
        *,
        limits: Limits,
        ro_binds: Sequence[str] = (),
        as_sandbox_uid: bool = True,
    ) -> Box:
        """Start `command(control_fd)` in the sandbox; the cell's limits are set for `limits`."""
        if seat.cell is not None:
            seat.cell.configure(
                home_bytes=HOME_BYTES,
                slot_bytes=limits.memory_bytes + SLOT_SLACK_BYTES,
                slot_tasks=limits.tasks,
            )
        ours, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_SEQPACKET)
        uid = seat.uid if as_sandbox_uid else None
        try:
            if caps.bwrap is not None:
                process, pid, workdir = _spawn_bwrap(caps, theirs, command, limits, ro_binds, uid)
            else:
                process, pid, workdir = _spawn_plain(theirs, command, uid)
        except BaseException:
            ours.close()
            raise
        finally:
            theirs.close()
        box = cls(process, pid, ours, seat, workdir)
        if seat.cell is not None:
            try:
                seat.cell.home.attach(pid)
            except OSError:
                box.close()
                raise
        return box

    def slot(self, index: int) -> Node | None:
        return None if self.seat.cell is None else self.seat.cell.slots[index]

    def enter(self, index: int) -> None:
        """Put the fork server into a case slot, so that the next child is born there."""
        slot = self.slot(index)
        if slot is not None:
            slot.attach(self.pid)

    def leave(self) -> None:
        if self.seat.cell is not None:
            self.seat.cell.home.attach(self.pid)

    def close(self) -> None:
        """End the sandbox: EOF tells the fork server to kill its tree and exit; then make sure."""
        if self._closed:
            return
        self._closed = True
        self.control.close()
        try:
            self.process.wait(CLOSE_TIMEOUT_S)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.process.pid, signal.SIGKILL)
            self.process.kill()
            self.process.wait()
        if self.seat.cell is not None:
            self.seat.cell.sweep()
        if self._workdir is not None:
            shutil.rmtree(self._workdir, ignore_errors=True)

    def alive(self) -> bool:
        return self.process.poll() is None


def _spawn_bwrap(
    caps: Capabilities,
    control: socket.socket,
    command: Callable[[int], Sequence[str]],
    limits: Limits,
    ro_binds: Sequence[str],
    uid: int | None,
) -> tuple[subprocess.Popen[bytes], int, None]:
    assert caps.bwrap is not None
    with bwrap.Spawn(caps.bwrap, caps.seccomp) as spawn:
        argv = spawn.argv(
            command(control.fileno()), tmpfs_bytes=limits.tmpfs_bytes, ro_binds=ro_binds
        )
        process = _popen(argv, (*spawn.fds, control.fileno()), uid, cwd=None)
        try:
            pid = spawn.child_pid(SPAWN_TIMEOUT_S)
        except OSError:
            _reap(process)
            raise
    return process, pid, None


def _spawn_plain(
    control: socket.socket, command: Callable[[int], Sequence[str]], uid: int | None
) -> tuple[subprocess.Popen[bytes], int, Path]:
    """No namespaces: a private workdir owned by the sandbox uid and a scrubbed environment."""
    workdir = Path(tempfile.mkdtemp(prefix="alpaco-run-"))
    if uid is not None:
        os.chown(workdir, uid, uid)
    try:
        process = _popen(command(control.fileno()), (control.fileno(),), uid, cwd=workdir)
    except BaseException:
        shutil.rmtree(workdir, ignore_errors=True)
        raise
    return process, process.pid, workdir


def _popen(
    argv: Sequence[str], fds: Sequence[int], uid: int | None, *, cwd: Path | None
) -> subprocess.Popen[bytes]:
    environment = {name: value for name, value in bwrap.ENVIRONMENT}
    if cwd is not None:
        environment.update(HOME=str(cwd), TMPDIR=str(cwd))
    return subprocess.Popen(
        argv,
        env={} if cwd is None else environment,
        cwd=cwd,
        pass_fds=tuple(fds),
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
        user=uid,
        group=uid,
        extra_groups=[] if uid is not None else None,
    )


def _reap(process: subprocess.Popen[bytes]) -> None:
    process.kill()
    process.wait()
