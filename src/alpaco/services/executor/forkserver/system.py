"""Process and descriptor plumbing shared by the fork server and its cases (stdlib only)."""

from __future__ import annotations

import _ctypes
import _signal  # type: ignore[import-not-found]  # `signal` would import enum: +3 ms at start
import os

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable

CHANNEL_FD = 3  # a case's result channel
INPUT_FD = 4  # a case's marshalled argument (function mode)
FIRST_FREE_FD = 5
SETUP_FAILED = 125  # a case's exit code when the executor, not the solution, failed
PR_SET_DUMPABLE = 4
PR_SET_CHILD_SUBREAPER = 36
RTLD_NOW = 2

write = os.write  # bound before user code runs, which may replace os.write or os._exit
exit_now = os._exit


def quietly(call: Callable[..., object], *args: object) -> None:
    """Process and descriptor calls that may race with an exit; losing the race is fine."""
    try:
        call(*args)
    except OSError:
        return


def write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[write(fd, view) :]


def read_all(fd: int) -> bytes:
    """All of a (sealed, in-memory) input file, read with a buffer of its own size."""
    size = os.fstat(fd).st_size
    chunks = []
    while chunk := os.read(fd, max(size, 1)):
        chunks.append(chunk)
    return b"".join(chunks)


# Looked up once in the fork server: a lookup in every case cost ~30 copy-on-write page faults.
_LIBC = _ctypes.dlopen(None, RTLD_NOW)  # type: ignore[arg-type]
_FUNCTIONS = {
    name: _ctypes.dlsym(_LIBC, name) for name in ("prctl", "unshare", "setns", "mount", "capset")
}


def libc(name: str, *args: int | bytes | None) -> int:
    """Call a libc function through `_ctypes` alone (importing `ctypes` costs milliseconds at
    start): ints pass as C ints, bytes as pointers to their buffer. -1 raises OSError."""
    result: int = _ctypes.call_function(_FUNCTIONS[name], args)
    if result == -1:
        raise OSError(f"{name} failed")
    return result


def prctl(option: int, value: int) -> int:
    return libc("prctl", option, value, 0, 0, 0)


def kill(pid: int) -> None:
    quietly(os.kill, pid, _signal.SIGKILL)


def kill_group(pid: int) -> None:
    quietly(os.killpg, pid, _signal.SIGKILL)
    kill(pid)


def children() -> list[int]:
    """Our children's pids. Read with bare descriptors: `open()` builds buffered file objects
    whose allocations cost the fork server copy-on-write faults after every case."""
    pid = os.getpid()
    try:
        fd = os.open(f"/proc/{pid}/task/{pid}/children", os.O_RDONLY | os.O_CLOEXEC)
    except OSError:
        return []
    try:
        listing = b""
        while chunk := os.read(fd, 4096):
            listing += chunk
        return [int(child) for child in listing.split()]
    finally:
        os.close(fd)


def vm_bytes() -> int:
    with open("/proc/self/statm", "rb") as statm:
        return int(statm.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")


def high_fd(fd: int) -> int:
    """Move a descriptor above a case's fixed slots (0-4) so dup2 never clobbers it."""
    if fd >= FIRST_FREE_FD:
        return fd
    import fcntl

    high = fcntl.fcntl(fd, fcntl.F_DUPFD_CLOEXEC, FIRST_FREE_FD)
    os.close(fd)
    return high


def reserve_low_fds() -> None:
    """Keep 0-4 occupied in the fork server so received descriptors land at 5 or above."""
    null = os.open("/dev/null", os.O_RDWR)
    for fd in range(FIRST_FREE_FD):
        try:
            os.fstat(fd)
        except OSError:
            os.dup2(null, fd, inheritable=False)
    if null >= FIRST_FREE_FD:
        os.close(null)
