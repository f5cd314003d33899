"""The syscall policy (data) and its compilation to a BPF program that bubblewrap loads.

A deny-list rather than an allow-list: the interpreter needs a long, version-dependent set of calls,
while the calls that matter for escape, snooping or side channels are few and stable. Denied calls
fail with EPERM so hostile code sees an ordinary error instead of a confusing SIGSYS.
"""

from __future__ import annotations

import errno
import os
import socket
from functools import lru_cache

DENIED_SYSCALLS: tuple[str, ...] = (
    # other processes' memory
    "ptrace", "process_vm_readv", "process_vm_writev", "kcmp", "pidfd_getfd",
    # kernel attack surface and cross-sandbox side channels
    "bpf", "perf_event_open", "userfaultfd", "io_uring_setup", "io_uring_enter",
    "io_uring_register", "keyctl", "add_key", "request_key",
    # namespaces and mounts
    "unshare", "setns", "mount", "umount2", "pivot_root", "chroot", "move_mount", "open_tree",
    "fsopen", "fsconfig", "fsmount", "fspick", "mount_setattr",
    # the machine itself
    "reboot", "kexec_load", "kexec_file_load", "init_module", "finit_module", "delete_module",
    "swapon", "swapoff", "acct", "quotactl", "syslog", "ioperm", "iopl", "settimeofday",
    "clock_settime", "clock_adjtime", "adjtimex", "name_to_handle_at", "open_by_handle_at",
    "lookup_dcookie", "fanotify_init", "vhangup", "personality",
)  # fmt: skip

ALLOWED_SOCKET_FAMILY = socket.AF_UNIX

DENIED_IOCTLS: tuple[int, ...] = (0x5412, 0x541C)  # TIOCSTI, TIOCLINUX: typing into a terminal


@lru_cache(maxsize=1)
def bpf_program() -> bytes:
    """Compile the policy once per process; raises OSError/ImportError when libseccomp is unusable."""
    import pyseccomp  # type: ignore[import-untyped]

    deny = pyseccomp.ERRNO(errno.EPERM)
    policy = pyseccomp.SyscallFilter(pyseccomp.ALLOW)
    for name in DENIED_SYSCALLS:
        try:
            policy.add_rule(deny, name)
        except (OSError, ValueError):
            continue  # a syscall this architecture does not have
    policy.add_rule(deny, "socket", pyseccomp.Arg(0, pyseccomp.NE, ALLOWED_SOCKET_FAMILY))
    for request in DENIED_IOCTLS:
        policy.add_rule(deny, "ioctl", pyseccomp.Arg(1, pyseccomp.MASKED_EQ, 0xFFFFFFFF, request))
    with os.fdopen(os.memfd_create("alpaco-seccomp"), "w+b") as sink:
        policy.export_bpf(sink)
        sink.seek(0)
        return sink.read()
