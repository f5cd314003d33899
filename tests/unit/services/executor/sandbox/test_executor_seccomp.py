"""The syscall policy compiles, and names what it must deny.

Whether each denial really comes from the loaded filter is shown in a real sandbox, in both
modes, by `tests/security/test_syscall_policy.py`.
"""

from __future__ import annotations

import errno

from alpaco.services.executor.sandbox import seccomp


def test_both_programs_compile_to_bpf() -> None:
    for program in (
        seccomp.sandbox_program(),
        seccomp.case_program(isolated=True),
        seccomp.case_program(isolated=False),
    ):
        assert len(program) > 0
        assert len(program) % 8 == 0  # struct sock_filter is 8 bytes


def test_the_errno_changes_the_program_and_nothing_else_does() -> None:
    assert seccomp.sandbox_program(errno.EDOM) != seccomp.sandbox_program()
    assert seccomp.sandbox_program() == seccomp.sandbox_program(errno.EPERM)


def test_escape_snooping_and_cross_sandbox_channels_are_denied_to_everything() -> None:
    for name in ("ptrace", "process_vm_readv", "bpf", "io_uring_setup", "keyctl",
                 "perf_event_open", "userfaultfd", "flock", "inotify_init1", "socket"):  # fmt: skip
        assert name in seccomp.SANDBOX_DENIED


def test_what_isolates_cases_is_the_fork_servers_alone() -> None:
    assert set(seccomp.CASE_DENIED) == {"unshare", "setns", "mount"}
    assert not set(seccomp.CASE_DENIED) & set(seccomp.SANDBOX_DENIED)


def test_without_namespaces_a_case_cannot_signal_others() -> None:
    assert seccomp.case_program(isolated=False) != seccomp.case_program(isolated=True)
    assert "tgkill" in seccomp.UNISOLATED_CASE_DENIED
    assert "pidfd_send_signal" in seccomp.UNISOLATED_CASE_DENIED
