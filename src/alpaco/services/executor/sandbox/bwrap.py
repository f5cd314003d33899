"""The namespace layer: bubblewrap's command line (policy as data) and the descriptors it reads.

The sandbox sees a read-only /usr (plus the host's top-level symlinks into it), its own /proc, a
minimal /dev, a size-capped private tmpfs on /tmp (/dev/shm points there), and nothing else: no
/etc, no /home, no harness files. bwrap itself is started with an empty environment because the
sandbox's pid 1 environment is readable from inside (`/proc/1/environ`); `--clearenv` only
covers the child.

To give every case namespaces of its own, the fork server keeps CAP_SYS_ADMIN inside the
sandbox's user namespace (`--cap-add`); it must be the namespace that owns the sandbox's pid
namespace, which is why /dev is built by hand: `--dev` (and `--disable-userns`) make bubblewrap
nest a second user namespace. Nested user namespaces are refused by the syscall filter instead.
"""

from __future__ import annotations

import contextlib
import json
import os
import select
import time
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from types import TracebackType

SUMMARY = (
    "no network, read-only system, private /tmp, own pid namespace (the fork server is pid 1), "
    "cleared environment, die-with-parent, new session"
)

NAMESPACES: tuple[str, ...] = (
    "--unshare-all", "--unshare-user", "--die-with-parent", "--new-session",
    "--as-pid-1", "--hostname", "sandbox", "--uid", "65534", "--gid", "65534",
)  # fmt: skip
ISOLATE_CASES: tuple[str, ...] = ("--cap-add", "CAP_SYS_ADMIN")
DEVICES: tuple[str, ...] = ("null", "zero", "full", "random", "urandom")
DEVICE_LINKS: tuple[tuple[str, str], ...] = (
    ("/proc/self/fd", "/dev/fd"), ("/proc/self/fd/0", "/dev/stdin"),
    ("/proc/self/fd/1", "/dev/stdout"), ("/proc/self/fd/2", "/dev/stderr"),
)  # fmt: skip
WORKDIR = "/tmp"  # noqa: S108 - the sandbox's own private tmpfs, not the host's /tmp
SHM = "/dev/shm"  # noqa: S108 - a link to WORKDIR, so each case's /tmp serves both
ENVIRONMENT: tuple[tuple[str, str], ...] = (
    ("PATH", "/usr/bin:/bin"),
    ("HOME", WORKDIR),
    ("TMPDIR", WORKDIR),
    ("LANG", "C.UTF-8"),
)
SYSTEM_ROOTS: tuple[str, ...] = ("bin", "sbin", "lib", "lib32", "lib64", "libx32")
TMPFS_BYTES = 32 << 20  # /tmp: per case with namespaces, else per sandbox
SERVER_TMPFS_BYTES = 1 << 20  # the fork server's own /tmp when each case gets its own


class SpawnError(OSError):
    """bubblewrap did not report its child: the sandbox could not be set up."""


@lru_cache(maxsize=1)
def system_mounts() -> tuple[str, ...]:
    """Read-only /usr plus the host's merged-/usr symlinks (or real directories) at the root."""
    args = ["--ro-bind", "/usr", "/usr"]
    for name in SYSTEM_ROOTS:
        host = Path("/") / name
        if host.is_symlink():
            args += ["--symlink", os.readlink(host), f"/{name}"]
        elif host.is_dir():
            args += ["--ro-bind", str(host), f"/{name}"]
    return tuple(args)


class Spawn:
    """Descriptors for one bubblewrap launch: the seccomp program and the info pipe.

    Use as a context manager; `fds` must be passed to the child (`pass_fds`), and `child_pid()`
    returns the host pid of the sandboxed command once bubblewrap has set everything up.
    """

    def __init__(self, path: str, program: bytes | None) -> None:
        self.path = path
        self._program = program
        self._seccomp_fd = -1
        self._info_read = -1
        self._info_write = -1

    def __enter__(self) -> Spawn:
        if self._program is not None:
            self._seccomp_fd = os.memfd_create("alpaco-seccomp", os.MFD_CLOEXEC)
            os.write(self._seccomp_fd, self._program)
            os.lseek(self._seccomp_fd, 0, os.SEEK_SET)
        self._info_read, self._info_write = os.pipe()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        for fd in (self._seccomp_fd, self._info_read, self._info_write):
            if fd >= 0:
                with contextlib.suppress(OSError):
                    os.close(fd)
        self._seccomp_fd = self._info_read = self._info_write = -1

    @property
    def fds(self) -> tuple[int, ...]:
        return tuple(fd for fd in (self._seccomp_fd, self._info_write) if fd >= 0)

    def argv(
        self,
        command: Sequence[str],
        *,
        tmpfs_bytes: int,
        ro_binds: Sequence[str] = (),
        isolate_cases: bool = False,
    ) -> list[str]:
        args = [self.path, *NAMESPACES, *(ISOLATE_CASES if isolate_cases else ()), *system_mounts()]
        for path in ro_binds:
            args += ["--ro-bind", path, path]
        args += ["--proc", "/proc", "--tmpfs", "/dev"]
        for device in DEVICES:
            args += ["--dev-bind", f"/dev/{device}", f"/dev/{device}"]
        for target, link in (*DEVICE_LINKS, (WORKDIR, SHM)):
            args += ["--symlink", target, link]
        args += ["--remount-ro", "/dev"]
        args += ["--size", str(tmpfs_bytes), "--tmpfs", WORKDIR, "--chdir", WORKDIR]
        args += ["--remount-ro", "/", "--clearenv"]
        for name, value in ENVIRONMENT:
            args += ["--setenv", name, value]
        if self._seccomp_fd >= 0:
            args += ["--seccomp", str(self._seccomp_fd)]
        args += ["--info-fd", str(self._info_write), "--", *command]
        return args

    def child_pid(self, timeout_s: float) -> int:
        """Host pid of the sandboxed command; call after the launch, once."""
        os.close(self._info_write)
        self._info_write = -1
        deadline = time.monotonic() + timeout_s
        poller = select.poll()
        poller.register(self._info_read, select.POLLIN)
        data = b""
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0 or not poller.poll(remaining * 1000):
                raise SpawnError("bubblewrap did not report its child in time")
            chunk = os.read(self._info_read, 4096)
            if not chunk:
                break
            data += chunk
        try:
            pid = json.loads(data)["child-pid"]
        except (ValueError, KeyError, TypeError) as exc:
            raise SpawnError("bubblewrap exited before starting the sandbox") from exc
        if not isinstance(pid, int):
            raise SpawnError("bubblewrap reported a malformed child pid")
        return pid
