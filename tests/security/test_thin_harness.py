"""The thin sandbox as it runs on AWS Lambda: no root, so the case shares the harness's uid.

A harness is started here as an unprivileged uid with a secret in its environment and a loopback
service beside it (Lambda's runtime API listens on 127.0.0.1:9001 and would take a forged
response). Hostile code then tries every way to the harness it can think of: its environment,
memory and descriptors under /proc, signals, ptrace, and the loopback service.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import sysconfig
import uuid
from pathlib import Path

import pytest

pytestmark = pytest.mark.security

HARNESS_UID = 61999  # outside the sandbox uids: this is the harness itself
SECRET = f"alpaco-lambda-secret-{uuid.uuid4().hex}"
SYSTEM_PYTHON = f"/usr/bin/python{sys.version_info.major}.{sys.version_info.minor}"

HOSTILE = """
import ctypes, os, signal, socket
def solution(port):
    seen = {}
    server = int(open(f"/proc/{os.getppid()}/stat").read().rpartition(")")[2].split()[1])
    seen["harness is our grandparent"] = server > 1
    found = []
    for pid in [p for p in os.listdir("/proc") if p.isdigit()]:
        for leaf in ("environ", "mem", "fd/0"):
            try:
                with open(f"/proc/{pid}/{leaf}", "rb") as handle:
                    if b"alpaco-lambda-secret" in handle.read(1 << 20):
                        found.append(f"{pid}/{leaf}")
            except OSError:
                pass
    seen["secret found in"] = found
    try:
        os.listdir(f"/proc/{server}/fd")
        seen["harness fds"] = "listed"
    except OSError as exc:
        seen["harness fds"] = exc.errno
    try:
        socket.create_connection(("127.0.0.1", port), timeout=1).sendall(b"forged")
        seen["runtime api"] = "reached"
    except OSError as exc:
        seen["runtime api"] = exc.errno
    for name, sig in (("kill harness", signal.SIGKILL), ("stop harness", signal.SIGSTOP)):
        try:
            os.kill(server, sig)
            seen[name] = "sent"
        except OSError as exc:
            seen[name] = exc.errno
    libc = ctypes.CDLL(None, use_errno=True)
    seen["ptrace"] = libc.ptrace(16, server, 0, 0)  # PTRACE_ATTACH
    return seen
"""

HARNESS = f"""
import json, os, socket, threading
from alpaco.services.executor.handler import handler
listener = socket.create_server(("127.0.0.1", 0))
connections = []
threading.Thread(
    target=lambda: connections.append(listener.accept()), daemon=True).start()
result = handler({{"code_to_execute": {HOSTILE!r},
                   "input_data": listener.getsockname()[1]}}, None)
print(json.dumps({{"result": result, "connections": len(connections),
                  "uid": os.getuid()}}))
"""


@pytest.fixture
def harness_as_unprivileged_uid(tmp_path: Path) -> list[str]:
    if not Path(SYSTEM_PYTHON).exists() or shutil.which("setpriv") is None:
        pytest.fail(f"{SYSTEM_PYTHON} and setpriv are needed to run a harness without root")
    os.chown(tmp_path, HARNESS_UID, HARNESS_UID)
    return ["setpriv", f"--reuid={HARNESS_UID}", f"--regid={HARNESS_UID}", "--clear-groups",
            "--", SYSTEM_PYTHON, "-c", HARNESS]  # fmt: skip


def test_a_case_sharing_the_harness_uid_cannot_reach_the_harness(
    harness_as_unprivileged_uid: list[str], tmp_path: Path
) -> None:
    source = Path(__file__).resolve().parents[2] / "src"
    environment = {
        "PATH": "/usr/bin:/bin",
        "PYTHONPATH": f"{source}:{sysconfig.get_paths()['purelib']}",
        "ALPACO_SANDBOX": "thin",
        "ALPACO_EXECUTOR_WARM": "0",
        "AWS_SECRET_ACCESS_KEY": SECRET,
        "HOME": str(tmp_path),
    }

    done = subprocess.run(
        harness_as_unprivileged_uid, env=environment, capture_output=True, text=True,
        timeout=60, check=False, cwd=tmp_path,
    )  # fmt: skip

    assert done.returncode == 0, done.stderr[-2000:]
    report = json.loads(done.stdout.strip().splitlines()[-1])
    assert report["uid"] == HARNESS_UID
    result = report["result"]
    assert result["status"] == "OK", result
    seen = result["returnValue"]
    assert seen["harness is our grandparent"] is True
    assert seen["secret found in"] == []
    assert seen["harness fds"] == 13  # EACCES: the harness is not dumpable
    assert seen["runtime api"] == 1  # EPERM: no sockets at all
    assert (seen["kill harness"], seen["stop harness"]) == (1, 1)
    assert seen["ptrace"] == -1
    assert report["connections"] == 0
    assert SECRET not in done.stdout
