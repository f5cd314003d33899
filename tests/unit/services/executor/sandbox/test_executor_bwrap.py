"""bubblewrap's command line: every namespace promise is a flag we can see."""

from __future__ import annotations

import os

from alpaco.services.executor.sandbox import bwrap


def argv(program: bytes | None = b"\x00" * 8) -> tuple[list[str], tuple[int, ...]]:
    with bwrap.Spawn("/usr/bin/bwrap", program) as spawn:
        return spawn.argv(["python3", "-c", "pass"], tmpfs_bytes=1 << 20, ro_binds=["/opt/py"]), (
            spawn.fds
        )


def pairs(args: list[str], flag: str) -> list[str]:
    return [args[i + 1] for i, arg in enumerate(args) if arg == flag]


def test_every_namespace_and_hygiene_flag_is_present() -> None:
    args, _ = argv()

    for flag in (
        "--unshare-all", "--unshare-user", "--disable-userns", "--die-with-parent",
        "--new-session", "--as-pid-1", "--clearenv",
    ):  # fmt: skip
        assert flag in args
    assert "--share-net" not in args
    assert args[args.index("--") + 1 :] == ["python3", "-c", "pass"]


def test_the_filesystem_is_read_only_system_plus_private_tmpfs() -> None:
    args, _ = argv()

    assert pairs(args, "--bind") == []
    assert "/usr" in pairs(args, "--ro-bind")
    assert "/opt/py" in pairs(args, "--ro-bind")
    assert pairs(args, "--tmpfs") == [bwrap.SHM, bwrap.WORKDIR]
    assert pairs(args, "--remount-ro") == ["/dev", "/"]
    for host_path in ("/etc", "/home", "/root", "/work", "/var", "/sys"):
        assert host_path not in args


def test_the_environment_is_only_what_we_set() -> None:
    args, _ = argv()

    names = pairs(args, "--setenv")
    assert set(names) == {name for name, _ in bwrap.ENVIRONMENT}
    assert not any("SECRET" in arg or "AWS" in arg for arg in args)


def test_seccomp_and_info_descriptors_are_passed() -> None:
    args, fds = argv()

    assert [int(fd) for fd in pairs(args, "--seccomp") + pairs(args, "--info-fd")] == list(fds)


def test_without_a_seccomp_program_no_filter_is_requested() -> None:
    args, fds = argv(None)

    assert "--seccomp" not in args
    assert len(fds) == 1


def test_descriptors_are_closed_on_exit() -> None:
    with bwrap.Spawn("/usr/bin/bwrap", b"x") as spawn:
        fds = spawn.fds
    for fd in fds:
        try:
            os.fstat(fd)
        except OSError:
            continue
        raise AssertionError(f"fd {fd} leaked")
