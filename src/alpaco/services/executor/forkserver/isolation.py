"""What keeps one test case from seeing or touching another (stdlib only).

With namespaces (bubblewrap), every case is pid 1 of a pid namespace of its own, with its own
mount namespace, a fresh size-capped /tmp (/dev/shm points there) and a /proc that shows only
its own processes. When it exits, the kernel kills whatever it left behind. The fork server holds
CAP_SYS_ADMIN in the sandbox's user namespace only to build these; a case drops every capability
before the solution runs. (SysV IPC, which an IPC namespace would separate, is refused outright.)

In every mode a case loads its own syscall filter on top of the sandbox's: the calls only the
fork server needs (unshare, setns, mount) and, without namespaces, signals to other processes.
"""

from __future__ import annotations

import _ctypes
import os

from alpaco.services.executor.forkserver.system import libc, prctl

CLONE_NEWNS = 0x00020000
CLONE_NEWPID = 0x20000000
MS_NOSUID = 2
MS_NODEV = 4
MS_NOEXEC = 8
PR_SET_SECCOMP = 22
SECCOMP_MODE_FILTER = 2
PR_SET_NO_NEW_PRIVS = 38
CAPABILITY_HEADER = (0x20080522).to_bytes(4, "little") + bytes(4)  # version 3, this process
NO_CAPABILITIES = bytes(24)  # two {effective, permitted, inheritable} words, all empty
SCRATCH = b"/tmp"


class _Byte(_ctypes._SimpleCData):  # type: ignore[type-arg]
    _type_ = "B"


class PidNamespaces:
    """Makes the fork server's next child pid 1 of a new pid namespace, one child at a time.

    `unshare(CLONE_NEWPID)` affects only the children forked after it, so the fork server
    switches back to its own namespace right after each fork.
    """

    def __init__(self) -> None:
        self.own = os.open("/proc/self/ns/pid", os.O_RDONLY | os.O_CLOEXEC)

    def before_fork(self) -> None:
        libc("unshare", CLONE_NEWPID)

    def after_fork(self) -> None:
        libc("setns", self.own, CLONE_NEWPID)


def enter_case_namespaces(scratch_bytes: int) -> None:
    """In the forked case, before anything else: private mounts, IPC, /tmp and /proc."""
    libc("unshare", CLONE_NEWNS)
    libc("mount", b"tmpfs", SCRATCH, b"tmpfs", MS_NOSUID | MS_NODEV,
         b"size=%d,mode=1777" % scratch_bytes)  # fmt: skip
    libc("mount", b"proc", b"/proc", b"proc", MS_NOSUID | MS_NODEV | MS_NOEXEC, None)
    os.chdir(SCRATCH)  # the old working directory is the fork server's /tmp, shared by all
    libc("capset", CAPABILITY_HEADER, NO_CAPABILITIES)


def forbid_new_privileges() -> None:
    """Needed to load a filter without privileges (bubblewrap sets it when it runs)."""
    prctl(PR_SET_NO_NEW_PRIVS, 1)


class Filter:
    """A seccomp BPF program (compiled by the harness), laid out once in the fork server so that
    installing it in each case is a single call."""

    def __init__(self, program: bytes) -> None:
        self._buffer = (_Byte * len(program)).from_buffer_copy(program) if program else None
        address = _ctypes.addressof(self._buffer) if self._buffer is not None else 0
        self._fprog = (
            (len(program) // 8).to_bytes(2, "little") + bytes(6) + address.to_bytes(8, "little")
        )

    def load(self) -> None:
        """Install it on this process and every process it starts from now on."""
        if self._buffer is not None:
            libc("prctl", PR_SET_SECCOMP, SECCOMP_MODE_FILTER, self._fprog, 0, 0)
