"""Hostile submissions against the real sandbox.

Every run goes through `judge`, which after each hostile submission checks that the harness and
the next submission are unaffected: no process of ours is left, every cgroup slot is empty, the
fake harness secret appears nowhere in the result, and a canary submission run right after sees a
pristine sandbox (empty /tmp and /dev/shm, only its own processes, a scrubbed environment).
"""

from __future__ import annotations

import json
import os
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from alpaco.services.executor.handler import handler
from alpaco.services.executor.runner import get_executor

SECRET = f"alpaco-fake-harness-secret-{uuid.uuid4().hex}"

SANDBOX_ENV = {"PATH", "HOME", "TMPDIR", "LANG", "PWD"}
CANARY = """
import os
def solution(x):
    return {
        "value": x + 1,
        "tmp": sorted(os.listdir("/tmp")),
        "shm": sorted(os.listdir("/dev/shm")),
        "env": sorted(os.environ),
        "procs": sorted(int(p) for p in os.listdir("/proc") if p.isdigit()),
    }
"""


def sandboxed(pids: list[int]) -> list[int]:
    """Those of `pids` that run under a sandbox uid (other fixtures may own, e.g., a JVM),
    leaving out the warm sandboxes that wait, untouched, for the next submission."""
    executor = get_executor()
    base = executor.caps.sandbox_uid_base
    assert base is not None
    idle = executor.warm.idle_pids()
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
    assert hierarchy is not None
    members = []
    for root in {hierarchy.memory_root, hierarchy.pids_root}:
        for procs in root.glob(f"alpaco-{os.getpid()}-*/*/cgroup.procs"):
            members += [int(pid) for pid in procs.read_text().split()]
    return [pid for pid in members if pid not in executor.warm.idle_pids()]


class Judge:
    def __init__(self, descendants: Callable[[int], list[int]]) -> None:
        self.descendants = descendants

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
        assert sandboxed(self.descendants(os.getpid())) == [], (
            "a sandboxed process outlived its run"
        )
        assert cell_members() == [], "a cgroup slot still holds a process"
        canary = handler({"code_to_execute": CANARY, "input_data": 41}, None)
        assert canary["status"] == "OK", canary
        seen = canary["returnValue"]
        assert seen["value"] == 42
        assert (seen["tmp"], seen["shm"]) == ([], []), "files persisted into the next submission"
        assert set(seen["env"]) <= SANDBOX_ENV
        assert len(seen["procs"]) == 2, f"foreign processes visible: {seen['procs']}"


@pytest.fixture
def judge(monkeypatch: pytest.MonkeyPatch, descendants: Callable[[int], list[int]]) -> Judge:
    """The harness holds a (fake) secret in its environment while the hostile code runs."""
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", SECRET)
    monkeypatch.setenv("AWS_SESSION_TOKEN", SECRET)
    assert sandboxed(descendants(os.getpid())) == []
    return Judge(descendants)
