"""The syscall policy compiles, and the things it must deny are on the list."""

from __future__ import annotations

from alpaco.services.executor.sandbox import seccomp


def test_the_policy_compiles_to_a_bpf_program() -> None:
    program = seccomp.bpf_program()

    assert len(program) > 0
    assert len(program) % 8 == 0  # struct sock_filter is 8 bytes


def test_escape_and_snooping_calls_are_denied() -> None:
    for name in ("ptrace", "process_vm_readv", "bpf", "io_uring_setup", "unshare", "mount",
                 "keyctl", "perf_event_open", "userfaultfd"):  # fmt: skip
        assert name in seccomp.DENIED_SYSCALLS
