"""The start-up probe: which layers this machine gives us, decided once and reported loudly.

Layers that cannot be applied are dropped with a reason and a warning log line, never silently.
`ALPACO_EXECUTOR_DISABLE` (comma list of bwrap, cgroup, seccomp, uid) drops layers on purpose,
to exercise the degraded path or to work around a broken host; it is logged the same way.
"""

from __future__ import annotations

import logging
import os
import shutil
import subprocess
from dataclasses import dataclass
from functools import lru_cache

from alpaco.services.executor.sandbox import bwrap, cgroup, seccomp

logger = logging.getLogger("alpaco.services.executor.sandbox")

SANDBOX_UID_BASE = 60000
_BWRAP_CANDIDATES = ("bwrap", "/usr/bin/bwrap")

CGROUP_SUMMARY = "per-case memory and task limits, OOM detection, kill sweep of leftovers"
SECCOMP_SUMMARY = (
    f"{len(seccomp.DENIED_SYSCALLS)} syscalls fail with EPERM (ptrace, bpf, io_uring, mount, "
    "unshare, keyctl, ...), sockets other than AF_UNIX, TIOCSTI/TIOCLINUX ioctls"
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
    """The active layers. `None` means absent; `missing` says why, one line per absent layer."""

    bwrap: str | None
    cgroup: cgroup.Hierarchy | None
    seccomp: bytes | None
    sandbox_uid_base: int | None
    missing: tuple[str, ...]

    @property
    def degraded(self) -> bool:
        return bool(self.missing)


@lru_cache(maxsize=1)
def detect() -> Capabilities:
    """Probe the layers once per process (≈10 ms: one throw-away bubblewrap run)."""
    disabled = {name.strip() for name in os.environ.get("ALPACO_EXECUTOR_DISABLE", "").split(",")}
    missing: list[str] = []
    uid_base = _probe_uid(disabled, missing)
    program = _probe_seccomp(disabled, missing)
    hierarchy = _probe_cgroup(disabled, missing)
    bwrap_path = _probe_bwrap(disabled, missing, program, uid_base)
    if program is not None and bwrap_path is None:
        missing.append("seccomp: inactive, it is loaded by bubblewrap, which is unavailable")
        program = None
    caps = Capabilities(bwrap_path, hierarchy, program, uid_base, tuple(missing))
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
        ("cgroup", caps.cgroup and f"{caps.cgroup.describe()}: {CGROUP_SUMMARY}"),
        ("seccomp", caps.seccomp and SECCOMP_SUMMARY),
        ("rlimits", RLIMIT_SUMMARY),
        ("hygiene", f"{uid}, {HYGIENE_SUMMARY}"),
    ]
    lines = ["executor sandbox: " + ("DEGRADED" if caps.degraded else "all layers active")]
    lines += [
        f"  {name:<11} {'active' if text else 'MISSING':<8} {text or ''}".rstrip()
        for name, text in layers
    ]
    lines += [f"  missing     {reason}" for reason in caps.missing]
    return "\n".join(lines)


def _probe_uid(disabled: set[str], missing: list[str]) -> int | None:
    if "uid" in disabled:
        missing.append(
            "hygiene: sandbox runs as the harness uid (disabled by ALPACO_EXECUTOR_DISABLE)"
        )
        return None
    if os.geteuid() != 0:
        missing.append("hygiene: sandbox runs as the harness uid (the harness is not root)")
        return None
    return SANDBOX_UID_BASE


def _probe_seccomp(disabled: set[str], missing: list[str]) -> bytes | None:
    if "seccomp" in disabled:
        missing.append("seccomp: disabled by ALPACO_EXECUTOR_DISABLE")
        return None
    try:
        return seccomp.bpf_program()
    except (ImportError, OSError, ValueError, AttributeError) as exc:
        missing.append(f"seccomp: libseccomp unusable ({type(exc).__name__}: {exc})")
        return None


def _probe_cgroup(disabled: set[str], missing: list[str]) -> cgroup.Hierarchy | None:
    if "cgroup" in disabled:
        missing.append("cgroup: disabled by ALPACO_EXECUTOR_DISABLE")
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
    disabled: set[str], missing: list[str], program: bytes | None, uid_base: int | None
) -> str | None:
    if "bwrap" in disabled:
        missing.append("namespaces: disabled by ALPACO_EXECUTOR_DISABLE")
        return None
    path = next(filter(None, map(shutil.which, _BWRAP_CANDIDATES)), None)
    if path is None:
        missing.append("namespaces: bubblewrap (bwrap) is not installed")
        return None
    spawn = bwrap.Spawn(path, program)
    try:
        with spawn:
            done = subprocess.run(
                spawn.argv(["/usr/bin/true"], tmpfs_bytes=1 << 20),
                env={},
                pass_fds=spawn.fds,
                user=uid_base,
                group=uid_base,
                extra_groups=[] if uid_base is not None else None,
                capture_output=True,
                timeout=10,
                check=False,
            )
    except (OSError, subprocess.SubprocessError) as exc:
        missing.append(f"namespaces: bubblewrap failed to start ({exc})")
        return None
    if done.returncode != 0:
        reason = done.stderr.decode(errors="replace").strip() or f"exit {done.returncode}"
        missing.append(f"namespaces: bubblewrap cannot create the sandbox ({reason})")
        return None
    return path
