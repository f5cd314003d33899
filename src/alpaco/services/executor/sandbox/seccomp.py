"""The syscall policy (data) and its compilation to the BPF programs the sandbox loads.

Deny-lists rather than an allow-list: the interpreter needs a long, version-dependent set of
calls, while the calls that matter for escape, snooping or channels between sandboxes are few
and stable. Denied calls fail with EPERM, so hostile code sees an ordinary error, not SIGSYS.

Two programs, stacked (the kernel applies both, so the stricter answer wins):
- the sandbox's, loaded on the fork server (by bubblewrap, or by the fork server itself) and
  inherited by every case;
- the case's, which each case loads before the solution runs: the calls only the fork server
  needs to isolate cases (unshare, setns, mount) and, where there are no namespaces to hide other
  processes, every way of signalling them.
"""

from __future__ import annotations

import errno
import os
from functools import lru_cache

SANDBOX_DENIED: tuple[str, ...] = (
    # other processes' memory and descriptors
    "ptrace", "process_vm_readv", "process_vm_writev", "kcmp", "pidfd_getfd",
    "process_madvise", "process_mrelease",
    # kernel attack surface
    "bpf", "perf_event_open", "userfaultfd", "io_uring_setup", "io_uring_enter",
    "io_uring_register", "keyctl", "add_key", "request_key",
    # channels to other sandboxes through shared files: locks, watches, page-cache residency;
    # and SysV IPC and message queues, which would outlive a case (nothing a solution needs)
    "flock", "inotify_init", "inotify_init1", "inotify_add_watch", "mincore", "cachestat",
    "shmget", "semget", "msgget", "mq_open",
    # sockets: the network is gone; named and abstract AF_UNIX sockets would reach other
    # processes (socketpair, which reaches nobody, stays allowed)
    "socket",
    # mounts beyond the fork server's own
    "umount2", "pivot_root", "chroot", "move_mount", "open_tree", "fsopen", "fsconfig",
    "fsmount", "fspick", "mount_setattr",
    # the machine itself
    "reboot", "kexec_load", "kexec_file_load", "init_module", "finit_module", "delete_module",
    "swapon", "swapoff", "acct", "quotactl", "syslog", "ioperm", "iopl", "settimeofday",
    "clock_settime", "clock_adjtime", "adjtimex", "name_to_handle_at", "open_by_handle_at",
    "lookup_dcookie", "fanotify_init", "vhangup", "personality",
)  # fmt: skip

CASE_DENIED: tuple[str, ...] = ("unshare", "setns", "mount")

# Without namespaces a case shares a pid namespace (and possibly a uid) with the fork server,
# the harness and other sandboxes: it may signal only its own process group (`kill(0, sig)`).
UNISOLATED_CASE_DENIED: tuple[str, ...] = (
    "tkill", "tgkill", "rt_sigqueueinfo", "rt_tgsigqueueinfo", "pidfd_send_signal", "pidfd_open",
)  # fmt: skip

# fcntl record locks (F_GETLK, F_SETLK, F_SETLKW and the open-file-description variants).
DENIED_FCNTL_COMMANDS: tuple[int, ...] = (5, 6, 7, 36, 37, 38)
DENIED_IOCTLS: tuple[int, ...] = (0x5412, 0x541C)  # TIOCSTI, TIOCLINUX: typing into a terminal
# clone() flags that would make a namespace (clone3 cannot be inspected: it fails with ENOSYS
# so that the C library falls back to clone).
NAMESPACE_FLAGS: tuple[int, ...] = (
    0x00020000, 0x02000000, 0x04000000, 0x08000000, 0x10000000, 0x20000000, 0x40000000,
)  # fmt: skip


@lru_cache(maxsize=4)
def sandbox_program(deny_errno: int = errno.EPERM) -> bytes:
    """The sandbox's program; raises OSError/ImportError when libseccomp is unusable.

    `deny_errno` exists for tests: an errno no kernel path returns shows that a refusal came
    from this filter, not from the kernel's own permission checks.
    """
    import pyseccomp  # type: ignore[import-untyped]

    policy = pyseccomp.SyscallFilter(pyseccomp.ALLOW)
    deny = pyseccomp.ERRNO(deny_errno)
    _deny_all(policy, deny, SANDBOX_DENIED)
    policy.add_rule(deny, "prlimit64", pyseccomp.Arg(0, pyseccomp.NE, 0))
    for command in DENIED_FCNTL_COMMANDS:
        policy.add_rule(deny, "fcntl", pyseccomp.Arg(1, pyseccomp.EQ, command))
    for request in DENIED_IOCTLS:
        policy.add_rule(deny, "ioctl", pyseccomp.Arg(1, pyseccomp.MASKED_EQ, 0xFFFFFFFF, request))
    for flag in NAMESPACE_FLAGS:
        policy.add_rule(deny, "clone", pyseccomp.Arg(0, pyseccomp.MASKED_EQ, flag, flag))
    policy.add_rule(pyseccomp.ERRNO(errno.ENOSYS), "clone3")
    return _export(policy)


@lru_cache(maxsize=4)
def case_program(*, isolated: bool, deny_errno: int = errno.EPERM) -> bytes:
    """The program each case adds; `isolated` is whether cases have namespaces of their own."""
    import pyseccomp

    policy = pyseccomp.SyscallFilter(pyseccomp.ALLOW)
    deny = pyseccomp.ERRNO(deny_errno)
    _deny_all(policy, deny, CASE_DENIED)
    if not isolated:
        _deny_all(policy, deny, UNISOLATED_CASE_DENIED)
        policy.add_rule(deny, "kill", pyseccomp.Arg(0, pyseccomp.NE, 0))
    return _export(policy)


def _deny_all(policy: object, action: object, names: tuple[str, ...]) -> None:
    for name in names:
        try:
            policy.add_rule(action, name)  # type: ignore[attr-defined]
        except (OSError, ValueError, RuntimeError):
            continue  # a syscall this architecture (or this libseccomp) does not know


def _export(policy: object) -> bytes:
    """The program as BPF; a binary tree of syscall numbers rather than a list, because every
    allowed call walks the whole program (~70 rules) before reaching the default."""
    import pyseccomp

    policy.set_attr(pyseccomp.Attr.CTL_OPTIMIZE, 2)  # type: ignore[attr-defined]
    with os.fdopen(os.memfd_create("alpaco-seccomp"), "w+b") as sink:
        policy.export_bpf(sink)  # type: ignore[attr-defined]
        sink.seek(0)
        return sink.read()
