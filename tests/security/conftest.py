"""Hostile submissions against the real sandbox, in both of its modes.

Every hostile test runs twice: in the full sandbox (bubblewrap, per-case namespaces, cgroups,
seccomp) and in the thin one (`ALPACO_SANDBOX=thin`: no namespaces, no cgroups, as on AWS
Lambda). Every run goes through `judge`, which after each hostile submission checks that the
harness and the next submission are unaffected: no process of ours is left, every cgroup slot is
empty, the fake harness secret appears nowhere in the result, and a canary submission run right
after sees a pristine sandbox (no files left in its scratch space, a scrubbed environment, and
in the full sandbox no process but itself).
"""

from __future__ import annotations

import json
import os
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from alpaco.services.executor import runner
from alpaco.services.executor.handler import handler
from alpaco.services.executor.runner import Executor, get_executor
from alpaco.services.executor.sandbox import probe
from alpaco.services.executor.scheduler import max_concurrent, usable_cores

SECRET = f"alpaco-fake-harness-secret-{uuid.uuid4().hex}"
MODES = ("full", "thin")
EXECUTORS: dict[str, Executor] = {}

SANDBOX_ENV = {"PATH", "HOME", "TMPDIR", "LANG", "PWD"}
CANARY = """
import os
def mine(path):
    try:
        return os.lstat(path).st_uid == os.getuid()
    except FileNotFoundError:  # another sandbox's file, gone between listdir and lstat
        return False
def solution(x):
    scratch = [d for d in ("/tmp", "/dev/shm", "/var/tmp", ".") if os.path.isdir(d)]
    return {
        "value": x + 1,
        # Ours: in thin mode other sandboxes (other uids) may be running beside us, right now.
        "files": sorted(
            os.path.join(d, name) for d in scratch for name in os.listdir(d)
            if not name.startswith("alpaco-run-")  # a workdir, ours or another's (thin mode)
            and mine(os.path.join(d, name))
        ),
        "env": sorted(os.environ),
        "procs": sorted(int(p) for p in os.listdir("/proc") if p.isdigit()),
    }
"""


def sandboxed(pids: list[int]) -> list[int]:
    """Those of `pids` that run under a sandbox uid (other fixtures may own, e.g., a JVM),
    leaving out the warm sandboxes that wait, untouched, for the next submission."""
    base = get_executor().caps.sandbox_uid_base
    assert base is not None
    idle = idle_pids()
    found = []
    for pid in pids:
        if pid in idle:
            continue
        try:
            status = Path(f"/proc/{pid}/status").read_text()
        except OSError:
            continue
        uid = int(next(line for line in status.splitlines() if line.startswith("Uid:")).split()[1])
        if base <= uid < base + 1000:
            found.append(pid)
    return found


def cell_members() -> list[int]:
    executor = get_executor()
    hierarchy = executor.caps.cgroup
    if hierarchy is None:
        return []
    members = []
    for root in {hierarchy.memory_root, hierarchy.pids_root}:
        for procs in root.glob(f"alpaco-{os.getpid()}-*/*/cgroup.procs"):
            members += [int(pid) for pid in procs.read_text().split()]
    return [pid for pid in members if pid not in idle_pids()]


def idle_pids() -> set[int]:
    """Processes of the warm sandboxes of every executor in this process."""
    return {pid for executor in EXECUTORS.values() for pid in executor.warm.idle_pids()}


def settle() -> None:
    """Wait for every finished sandbox to be torn down (that happens off the request path)."""
    for executor in EXECUTORS.values():
        assert executor.closer.settle(), "a sandbox was not torn down in time"


class Judge:
    def __init__(self, mode: str, descendants: Callable[[int], list[int]]) -> None:
        self.mode = mode
        self.descendants = descendants

    @property
    def full(self) -> bool:
        return self.mode == "full"

    def run(self, code: str, **payload: Any) -> dict[str, Any]:
        result = handler({"code_to_execute": code, **payload}, None)
        self.check_unaffected(result)
        return result

    def batch(self, code: str, inputs: list[Any], **payload: Any) -> list[dict[str, Any]]:
        result = self.run(code, inputs=inputs, **payload)
        rows: list[dict[str, Any]] = result["results"]
        return rows

    def check_unaffected(self, result: dict[str, Any]) -> None:
        assert SECRET not in json.dumps(result)
        settle()
        assert sandboxed(self.descendants(os.getpid())) == [], (
            "a sandboxed process outlived its run"
        )
        assert cell_members() == [], "a cgroup slot still holds a process"
        canary = handler({"code_to_execute": CANARY, "input_data": 41}, None)
        assert canary["status"] == "OK", canary
        seen = canary["returnValue"]
        assert seen["value"] == 42
        assert seen["files"] == [], "files persisted into the next submission"
        assert set(seen["env"]) <= SANDBOX_ENV
        if self.full:
            assert seen["procs"] == [1], f"foreign processes visible: {seen['procs']}"


@pytest.fixture(scope="session")
def thin_executor() -> Iterator[Executor]:
    """An executor as on Lambda, built beside this process's own (full) one."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("ALPACO_SANDBOX", "thin")
        caps = probe.detect.__wrapped__()
    executor = Executor(caps, concurrent=max_concurrent(), cores=usable_cores(), warm=0)
    EXECUTORS["thin"] = executor
    yield executor
    executor.closer.settle()
    executor.seats.remove_all()


@pytest.fixture(params=MODES)
def judge(
    request: pytest.FixtureRequest,
    monkeypatch: pytest.MonkeyPatch,
    descendants: Callable[[int], list[int]],
) -> Judge:
    """The harness holds a (fake) secret in its environment while the hostile code runs."""
    mode: str = request.param
    EXECUTORS["full"] = get_executor()
    if mode == "thin":
        monkeypatch.setitem(runner._instance, "executor", request.getfixturevalue("thin_executor"))
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", SECRET)
    monkeypatch.setenv("AWS_SESSION_TOKEN", SECRET)
    settle()
    assert sandboxed(descendants(os.getpid())) == []
    return Judge(mode, descendants)
