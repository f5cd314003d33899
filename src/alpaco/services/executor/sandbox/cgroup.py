"""Memory and task limits per test case through cgroups (v2 when it has the controllers, else v1).

A sandbox gets a *cell*: a `home` group for its fork server and one `slot` group per case that may
run in parallel. The harness moves the fork server into a slot just before it forks a case, so the
case is born there, then moves it home again: no pid translation across namespaces is needed and
each case has its own memory limit, task limit, OOM counter and kill list. Cells are pooled per
harness process, because creating and removing cgroups costs more than rewriting two limits.
"""

from __future__ import annotations

import contextlib
import os
import re
import signal
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

CELL_PREFIX = "alpaco-"
HOME_TASKS = 8
_CELL_NAME = re.compile(r"^alpaco-(\d+)-\d+$")


class CgroupUnavailable(Exception):
    """No writable cgroup hierarchy with memory and pids controllers."""


@dataclass(frozen=True, slots=True)
class Hierarchy:
    """Where cells live: one directory per controller (v1), or the same directory twice (v2)."""

    version: Literal[1, 2]
    memory_root: Path
    pids_root: Path

    def describe(self) -> str:
        if self.version == 2:
            return f"v2 memory+pids under {self.memory_root}"
        return f"v1 memory+pids under {self.memory_root} and {self.pids_root}"


class Node:
    """One cgroup, present in one (v2) or two (v1: memory, pids) hierarchies."""

    def __init__(self, version: Literal[1, 2], memory_dir: Path, pids_dir: Path) -> None:
        self.version = version
        self.memory_dir = memory_dir
        self.pids_dir = pids_dir
        self._dirs = (memory_dir,) if version == 2 else (memory_dir, pids_dir)
        # Paths of the files touched for every case, joined once: pathlib per call costs more
        # than the system calls themselves.
        self._procs_files = tuple(str(directory / "cgroup.procs") for directory in self._dirs)
        self._members_file = str(pids_dir / "cgroup.procs")
        events = "memory.events" if version == 2 else "memory.oom_control"
        self._oom_file = str(memory_dir / events)
        self._limits: tuple[int, int] | None = None  # as last written, when the write succeeded

    def child(self, name: str) -> Node:
        return Node(self.version, self.memory_dir / name, self.pids_dir / name)

    def create(self) -> None:
        for directory in self._dirs:
            directory.mkdir(exist_ok=True)

    def remove(self) -> None:
        for directory in self._dirs:
            with contextlib.suppress(FileNotFoundError):
                directory.rmdir()

    def limit(self, memory_bytes: int, tasks: int) -> None:
        """Set both limits; a repeat of the last values is skipped, because writing a memory limit
        drains per-CPU charge caches on every core (≈0.45 ms on average, milliseconds at times)
        and pooled cells mostly see the same problems' limits again."""
        if self._limits == (memory_bytes, tasks):
            return
        self._limits = None
        if self.version == 2:
            _write(self.memory_dir / "memory.max", memory_bytes)
            _write(self.memory_dir / "memory.swap.max", 0, missing_ok=True)
        else:
            _limit_v1_memory(self.memory_dir, memory_bytes)
        _write(self.pids_dir / "pids.max", tasks)
        self._limits = (memory_bytes, tasks)

    def attach(self, pid: int) -> None:
        for path in self._procs_files:
            _write(path, pid)

    def oom_kills(self) -> int:
        for line in _read_bytes(self._oom_file).splitlines():
            key, _, value = line.partition(b" ")
            if key == b"oom_kill":
                return int(value)
        return 0

    def procs(self) -> list[int]:
        return [int(pid) for pid in _read_bytes(self._members_file).split()]

    def kill_all(self, *, keep: int | None = None, timeout_s: float = 2.0) -> bool:
        """SIGKILL every member but `keep` until none is left; False if they outlived the timeout."""
        deadline = time.monotonic() + timeout_s
        while True:
            members = [pid for pid in self.procs() if pid != keep]
            if not members:
                return True
            if time.monotonic() > deadline:
                return False
            for pid in members:
                with contextlib.suppress(ProcessLookupError):
                    os.kill(pid, signal.SIGKILL)
            time.sleep(0.0005)  # exiting tasks leave cgroup.procs asynchronously


class Cell:
    """A pooled group of cgroups for one sandbox: `home` for the fork server, `slots` for cases."""

    def __init__(self, hierarchy: Hierarchy, name: str, slots: int) -> None:
        self.hierarchy = hierarchy
        self.top = Node(hierarchy.version, hierarchy.memory_root / name, hierarchy.pids_root / name)
        self.home = self.top.child("home")
        self.slots = [self.top.child(f"s{index}") for index in range(slots)]

    def create(self) -> None:
        self.top.create()
        if self.hierarchy.version == 2:
            _write(self.top.memory_dir / "cgroup.subtree_control", "+memory +pids")
        for node in (self.home, *self.slots):
            node.create()

    def limit_home(self, memory_bytes: int) -> None:
        self.home.limit(memory_bytes, HOME_TASKS)

    def limit_slots(self, memory_bytes: int, tasks: int) -> None:
        for slot in self.slots:
            slot.limit(memory_bytes, tasks)

    def sweep(self) -> bool:
        """Kill whatever is left in the cell; True when it is empty."""
        return all(node.kill_all() for node in (*self.slots, self.home))

    def remove(self) -> None:
        for node in (*self.slots, self.home, self.top):
            node.remove()


def locate() -> Hierarchy:
    """Find a writable hierarchy with memory and pids: v2 when it has both controllers, else v1."""
    mounts = _cgroup_mounts()
    memberships = _memberships()
    unified = mounts.get("cgroup2")
    if unified is not None:
        base = unified / memberships.get("", "/").lstrip("/")
        controllers = _read(base / "cgroup.controllers").split()
        if {"memory", "pids"} <= set(controllers) and _enable_v2_subtree(base):
            return Hierarchy(2, base, base)
    memory, pids = mounts.get("memory"), mounts.get("pids")
    if memory is None or pids is None:
        raise CgroupUnavailable("no cgroup v2 memory+pids controllers and no v1 memory/pids mounts")
    memory_base = memory / memberships.get("memory", "/").lstrip("/")
    pids_base = pids / memberships.get("pids", "/").lstrip("/")
    for directory in (memory_base, pids_base):
        if not os.access(directory, os.W_OK):
            raise CgroupUnavailable(f"{directory} is not writable")
    return Hierarchy(1, memory_base, pids_base)


def remove_stale_cells(hierarchy: Hierarchy) -> None:
    """Remove cells left behind by harness processes that no longer exist."""
    for root in {hierarchy.memory_root, hierarchy.pids_root}:
        for entry in root.iterdir() if root.is_dir() else ():
            match = _CELL_NAME.match(entry.name)
            if match and not _alive(int(match.group(1))):
                for child in entry.iterdir():
                    if child.is_dir():
                        with contextlib.suppress(OSError):
                            child.rmdir()
                with contextlib.suppress(OSError):
                    entry.rmdir()


def _limit_v1_memory(directory: Path, value: int) -> None:
    """memory.memsw (memory+swap) must stay >= memory: the write order depends on the direction."""
    memory = directory / "memory.limit_in_bytes"
    memsw = directory / "memory.memsw.limit_in_bytes"
    if not memsw.exists():
        _write(memory, value)
        return
    try:
        _write(memory, value)
    except OSError:
        _write(memsw, value)
        _write(memory, value)
        return
    _write(memsw, value)


def _enable_v2_subtree(base: Path) -> bool:
    try:
        _write(base / "cgroup.subtree_control", "+memory +pids")
    except OSError:
        return False
    return True


def _cgroup_mounts() -> dict[str, Path]:
    """Controller name (or 'cgroup2') -> mount point, from /proc/self/mountinfo."""
    found: dict[str, Path] = {}
    for line in _read(Path("/proc/self/mountinfo")).splitlines():
        left, _, right = line.partition(" - ")
        fields, tail = left.split(), right.split()
        if len(fields) < 5 or len(tail) < 3:
            continue
        if tail[0] == "cgroup2":
            found.setdefault("cgroup2", Path(fields[4]))
        elif tail[0] == "cgroup":
            for option in tail[2].split(","):
                if option in ("memory", "pids"):
                    found.setdefault(option, Path(fields[4]))
    return found


def _memberships() -> dict[str, str]:
    """Controller name ('' for v2) -> this process's cgroup path, from /proc/self/cgroup."""
    found: dict[str, str] = {}
    for line in _read(Path("/proc/self/cgroup")).splitlines():
        _, controllers, path = line.split(":", 2)
        for controller in controllers.split(","):
            found[controller] = path
    return found


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _read(path: Path) -> str:
    try:
        return path.read_text()
    except OSError:
        return ""


def _read_bytes(path: str) -> bytes:
    """A whole cgroup file (they are small and generated on read)."""
    fd = os.open(path, os.O_RDONLY | os.O_CLOEXEC)
    try:
        chunks = []
        while chunk := os.read(fd, 65536):
            chunks.append(chunk)
        return b"".join(chunks)
    finally:
        os.close(fd)


def _write(path: Path | str, value: int | str, *, missing_ok: bool = False) -> None:
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CLOEXEC)
    except FileNotFoundError:
        if missing_ok:
            return
        raise
    try:
        os.write(fd, str(value).encode())
    finally:
        os.close(fd)
