"""The start-up probe: which layers this machine gives us, decided once and reported loudly.

Layers that cannot be applied are dropped with a reason and a warning log line, never silently.
`ALPACO_SANDBOX=thin` runs without namespaces and cgroups, as on AWS Lambda, where only seccomp,
rlimits and hygiene exist (`docs/sandbox-threat-model.md`); `ALPACO_EXECUTOR_DISABLE` (comma list
of bwrap, cgroup, seccomp, uid) drops single layers, to exercise a degraded path or to work around
a broken host. Both are logged the same way.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from dataclasses import dataclass
from functools import lru_cache

from alpaco.kernel import log
from alpaco.services.executor.sandbox import bwrap, cgroup, seccomp
from alpaco.services.executor.sandbox.uids import lease_uid
from alpaco.services.executor.settings import ExecutorSettings

logger = log.get_logger("executor")

SANDBOX_UID_BASE = 60000
_BWRAP_CANDIDATES = ("bwrap", "/usr/bin/bwrap")
_PROBE_PYTHON = ("/usr/bin/python3",)
# What a case's isolation needs, tried once inside a real sandbox: a pid namespace for the next
# child and back, then in the child private mounts, a tmpfs and a /proc of its own.
_ISOLATION_PROBE = """
import ctypes, os
libc = ctypes.CDLL(None, use_errno=True)
own = os.open("/proc/self/ns/pid", os.O_RDONLY)
assert libc.unshare(0x20000000) == 0
pid = os.fork()
if pid == 0:
    ok = (libc.unshare(0x00020000) == 0
          and libc.mount(b"tmpfs", b"/tmp", b"tmpfs", 6, b"size=65536") == 0
          and libc.mount(b"proc", b"/proc", b"proc", 14, None) == 0
          and os.getpid() == 1 and os.listdir("/proc").count("1") == 1)
    os._exit(0 if ok else 1)
assert libc.setns(own, 0x20000000) == 0
assert os.waitpid(pid, 0)[1] == 0
"""

ISOLATION_SUMMARY = (
    "each case is pid 1 of its own pid and mount namespaces, with its own /tmp and /proc; "
    "what it leaves behind dies with it"
)
SEQUENTIAL_SUMMARY = (
    "cases run one at a time; leftovers are swept and scratch files wiped after each"
)
CGROUP_SUMMARY = "per-case memory and task limits, OOM detection, kill sweep of leftovers"
SECCOMP_SUMMARY = (
    f"{len(seccomp.SANDBOX_DENIED)} syscalls fail with EPERM (ptrace, bpf, io_uring, keyctl, "
    "socket, flock, inotify, ...), plus prlimit on other processes, fcntl locks, namespace "
    "clones; each case adds unshare/setns/mount (and signals to others without namespaces)"
)
RLIMIT_SUMMARY = (
    "CPU (hard limit 1 s after soft), address space, file size, open files, processes, "
    "no core dumps"
)
HYGIENE_SUMMARY = (
    "cleared environment, per-run private workdir, process-tree kill and sweep, capped "
    "stdout/stderr/result, expected outputs never enter the sandbox"
)


@dataclass(frozen=True, slots=True)
class Capabilities:
    """The active layers. `None` means absent; `missing` says why, one line per absent layer.

    `sandbox_filter` is loaded on the fork server (by bubblewrap when there is one) and
    `case_filter` by every case on top of it; `isolated` means cases get namespaces of their own.
    """

    mode: str
    bwrap: str | None
    cgroup: cgroup.Hierarchy | None
    sandbox_filter: bytes | None
    case_filter: bytes | None
    sandbox_uid_base: int | None
    isolated: bool
    missing: tuple[str, ...]

    @property
    def degraded(self) -> bool:
        return bool(self.missing)

    @property
    def seccomp(self) -> bool:
        return self.sandbox_filter is not None


@lru_cache(maxsize=1)
def detect() -> Capabilities:
    """Probe the layers once per process (≈30 ms: two throw-away bubblewrap runs)."""
    settings = ExecutorSettings.from_env()
    mode = settings.sandbox_mode
    disabled = dict.fromkeys(settings.disabled_layers, "disabled by ALPACO_EXECUTOR_DISABLE")
    if mode == "thin":
        disabled |= dict.fromkeys(
            ("bwrap", "cgroup"), "thin mode (ALPACO_SANDBOX=thin), as on Lambda"
        )
    missing: list[str] = []
    uid_base = _probe_uid(disabled, missing)
    program = _probe_seccomp(disabled, missing)
    hierarchy = _probe_cgroup(disabled, missing)
    bwrap_path = _probe_bwrap(disabled, missing, program, uid_base)
    isolated = bwrap_path is not None and _probe_isolation(bwrap_path, program, uid_base, missing)
    case_filter = None if program is None else seccomp.case_program(isolated=isolated)
    caps = Capabilities(
        mode, bwrap_path, hierarchy, program, case_filter, uid_base, isolated, tuple(missing)
    )
    if caps.degraded:
        logger.warning("executor sandbox DEGRADED: %s", "; ".join(caps.missing))
    return caps


def describe() -> str:
    """Human-readable list of active and missing layers (what `alpaco sandbox-info` prints)."""
    caps = detect()
    uid = (
        f"sandbox uids {caps.sandbox_uid_base}+ (never the harness uid)"
        if caps.sandbox_uid_base is not None
        else "the harness uid (cannot switch)"
    )
    layers = [
        ("namespaces", caps.bwrap and f"bubblewrap {caps.bwrap}: {bwrap.SUMMARY}"),
        ("cases", ISOLATION_SUMMARY if caps.isolated else None),
        ("cgroup", caps.cgroup and f"{caps.cgroup.describe()}: {CGROUP_SUMMARY}"),
        ("seccomp", caps.seccomp and SECCOMP_SUMMARY),
        ("rlimits", RLIMIT_SUMMARY),
        ("hygiene", f"{uid}, {HYGIENE_SUMMARY}"),
    ]
    lines = [
        f"executor sandbox ({caps.mode}): " + ("DEGRADED" if caps.degraded else "all layers active")
    ]
    lines += [
        f"  {name:<11} {'active' if text else 'MISSING':<8} {text or ''}".rstrip()
        for name, text in layers
    ]
    if not caps.isolated:
        lines.append(f"  {'':<11} {'':<8} {SEQUENTIAL_SUMMARY}")
    lines += [f"  missing     {reason}" for reason in caps.missing]
    return "\n".join(lines)


def _probe_uid(disabled: dict[str, str], missing: list[str]) -> int | None:
    if "uid" in disabled:
        missing.append(f"hygiene: sandbox runs as the harness uid ({disabled['uid']})")
        return None
    if os.geteuid() != 0:
        missing.append("hygiene: sandbox runs as the harness uid (the harness is not root)")
        return None
    return SANDBOX_UID_BASE


def _probe_seccomp(disabled: dict[str, str], missing: list[str]) -> bytes | None:
    if "seccomp" in disabled:
        missing.append(f"seccomp: {disabled['seccomp']}")
        return None
    try:
        return seccomp.sandbox_program()
    except (ImportError, OSError, ValueError, AttributeError) as exc:
        missing.append(f"seccomp: libseccomp unusable ({type(exc).__name__}: {exc})")
        return None


def _probe_cgroup(disabled: dict[str, str], missing: list[str]) -> cgroup.Hierarchy | None:
    if "cgroup" in disabled:
        missing.append(f"cgroup: {disabled['cgroup']}")
        return None
    try:
        hierarchy = cgroup.locate()
        cgroup.remove_stale_cells(hierarchy)
        trial = cgroup.Cell(hierarchy, f"{cgroup.CELL_PREFIX}{os.getpid()}-probe", 1)
        trial.create()
        trial.limit_home(64 << 20)
        trial.limit_slots(64 << 20, 8)
        trial.remove()
    except (cgroup.CgroupUnavailable, OSError) as exc:
        missing.append(f"cgroup: {exc}")
        return None
    return hierarchy


def _probe_bwrap(
    disabled: dict[str, str], missing: list[str], program: bytes | None, uid_base: int | None
) -> str | None:
    if "bwrap" in disabled:
        missing.append(f"namespaces: {disabled['bwrap']}")
        return None
    path = next(filter(None, map(shutil.which, _BWRAP_CANDIDATES)), None)
    if path is None:
        missing.append("namespaces: bubblewrap (bwrap) is not installed")
        return None
    failure = _run_in_sandbox(path, program, uid_base, ["/usr/bin/true"], isolate=False)
    if failure is not None:
        missing.append(f"namespaces: bubblewrap cannot create the sandbox ({failure})")
        return None
    return path


def _probe_isolation(
    path: str, program: bytes | None, uid_base: int | None, missing: list[str]
) -> bool:
    python = next((candidate for candidate in _PROBE_PYTHON if os.path.exists(candidate)), None)
    if python is None:
        missing.append("cases: cannot check per-case namespaces (no /usr/bin/python3)")
        return False
    command = [python, "-I", "-S", "-c", _ISOLATION_PROBE]
    failure = _run_in_sandbox(path, program, uid_base, command, isolate=True)
    if failure is not None:
        missing.append(f"cases: no namespaces per case, so they run one at a time ({failure})")
        return False
    return True


def _run_in_sandbox(
    path: str, program: bytes | None, uid_base: int | None, command: list[str], *, isolate: bool
) -> str | None:
    """None when `command` succeeds in a sandbox like the executor's, else why not."""
    lease = None
    try:
        uid, lease = (None, None) if uid_base is None else lease_uid(uid_base)
        with bwrap.Spawn(path, program) as spawn:
            done = subprocess.run(
                spawn.argv(command, tmpfs_bytes=1 << 20, isolate_cases=isolate),
                env={},
                pass_fds=spawn.fds,
                user=uid,
                group=uid,
                extra_groups=[] if uid is not None else None,
                capture_output=True,
                timeout=10,
                check=False,
            )
    except (OSError, subprocess.SubprocessError) as exc:
        return f"failed to start: {exc}"
    finally:
        if lease is not None:
            lease.close()
    if done.returncode != 0:
        lines = done.stderr.decode(errors="replace").strip().splitlines()
        return lines[-1] if lines else f"exit {done.returncode}"
    return None
