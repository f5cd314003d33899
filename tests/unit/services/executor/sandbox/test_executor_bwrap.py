"""bubblewrap's command line: every namespace promise is a flag we can see."""

from __future__ import annotations

import os

from alpaco.services.executor.sandbox import bwrap


def argv(
    program: bytes | None = b"\x00" * 8, *, isolate: bool = False
) -> tuple[list[str], tuple[int, ...]]:
    with bwrap.Spawn("/usr/bin/bwrap", program) as spawn:
        args = spawn.argv(
            ["python3", "-c", "pass"], tmpfs_bytes=1 << 20, ro_binds=["/opt/py"],
            isolate_cases=isolate,
        )  # fmt: skip
        return args, spawn.fds


def pairs(args: list[str], flag: str) -> list[str]:
    return [args[i + 1] for i, arg in enumerate(args) if arg == flag]


def test_every_namespace_and_hygiene_flag_is_present() -> None:
    args, _ = argv()

    for flag in (
        "--unshare-all", "--unshare-user", "--die-with-parent", "--new-session", "--as-pid-1",
        "--clearenv",
    ):  # fmt: skip
        assert flag in args
    assert "--share-net" not in args
    assert "--cap-add" not in args
    assert args[args.index("--") + 1 :] == ["python3", "-c", "pass"]


def test_isolating_cases_keeps_one_capability_in_one_user_namespace() -> None:
    args, _ = argv(isolate=True)

    assert pairs(args, "--cap-add") == ["CAP_SYS_ADMIN"]
    # --dev and --disable-userns would nest a second user namespace that owns nothing of ours
    assert "--dev" not in args
    assert "--disable-userns" not in args


def test_the_filesystem_is_read_only_system_plus_private_tmpfs() -> None:
    args, _ = argv()

    assert pairs(args, "--bind") == []
    assert "/usr" in pairs(args, "--ro-bind")
    assert "/opt/py" in pairs(args, "--ro-bind")
    assert pairs(args, "--tmpfs") == ["/dev", bwrap.WORKDIR]
    assert [f"/dev/{name}" for name in bwrap.DEVICES] == pairs(args, "--dev-bind")
    links = [(args[i + 1], args[i + 2]) for i, arg in enumerate(args) if arg == "--symlink"]
    assert (bwrap.WORKDIR, bwrap.SHM) in links  # each case's own /tmp serves as its /dev/shm
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
