"""Cases of one submission against each other: none can observe or affect another.

A sample case's output is shown to the student, so anything a sample case could learn from a
hidden one (its files, its stdin, its pipes, its processes) would hand over hidden data. In each
batch below, case "hidden" holds a secret for a while and case "sample" looks for it. In the full
sandbox they run at the same time, each in namespaces of its own; in the thin one they run one at
a time and whatever the first left behind is gone before the second starts.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from conftest import Judge

pytestmark = pytest.mark.security

SECRET = "HIDDEN-7f3a-input"

# Every way one case might reach another: the hidden case leaves traces and stays alive; the
# sample case waits a moment and then searches.
PROBE = f"""
import ctypes, glob, os, signal, socket, time

SECRET = {SECRET!r}
libc = ctypes.CDLL(None, use_errno=True)
libc.shmat.restype = ctypes.c_void_p

def hide():
    for path in ("/tmp/secret", "/dev/shm/secret", "secret", "/var/tmp/alpaco-secret"):
        try:
            with open(path, "w") as out:
                out.write(SECRET)
        except OSError:
            pass
    key = libc.shmget(0x7F3A, 4096, 0o1666)  # a SysV segment, keyed for anyone who asks
    if key >= 0:
        ctypes.memmove(libc.shmat(key, None, 0), SECRET.encode(), len(SECRET))
    try:
        socket.socket(socket.AF_UNIX).bind("\\0alpaco-leak")
    except OSError:
        pass
    time.sleep(0.8)  # stay alive while the sample case looks
    return "hid"

def search():
    time.sleep(0.3)
    found = []
    for pattern in ("/tmp/*", "/dev/shm/*", "./*", "/var/tmp/alpaco-*"):
        for path in glob.glob(pattern):
            try:
                with open(path, "rb") as handle:
                    if SECRET.encode() in handle.read(1 << 20):
                        found.append(path)
            except OSError:
                pass
    key = libc.shmget(0x7F3A, 4096, 0)
    if key >= 0:
        found.append("sysv shm")
    me = os.getpid()
    for pid in [int(p) for p in os.listdir("/proc") if p.isdigit() and int(p) != me]:
        for leaf in ("fd/0", "fd/1", "fd/3", "cmdline", "environ"):
            try:
                with open(f"/proc/{{pid}}/{{leaf}}", "rb") as handle:
                    if SECRET.encode() in handle.read(1 << 16):
                        found.append(f"/proc/{{pid}}/{{leaf}}")
            except OSError:
                pass
        for leaf in ("fd/1", "fd/3"):
            try:
                with open(f"/proc/{{pid}}/{{leaf}}", "wb") as handle:
                    handle.write(b"forged by a sibling")
                found.append(f"wrote /proc/{{pid}}/{{leaf}}")
            except OSError:
                pass
        try:
            os.kill(pid, signal.SIGSTOP)
            found.append(f"stopped {{pid}}")
        except OSError:
            pass
    try:
        socket.socket(socket.AF_UNIX).connect("\\0alpaco-leak")
        found.append("abstract socket")
    except OSError:
        pass
    return found

def solution(role):
    return hide() if role == SECRET else search()
"""


def test_a_sample_case_finds_nothing_of_a_hidden_one(judge: Judge) -> None:
    rows = judge.batch(PROBE, [SECRET, "sample", "sample"], timeout_ms=3000)

    assert [row["status"] for row in rows] == ["OK", "OK", "OK"], [
        row["stderr"][-600:] for row in rows
    ]
    assert rows[0]["returnValue"] == "hid"
    assert rows[1]["returnValue"] == rows[2]["returnValue"] == []
    assert SECRET not in json.dumps(rows[1:])


def test_cases_really_overlap_in_the_full_sandbox(judge: Judge) -> None:
    code = (
        "import time\n"
        "def solution(x):\n"
        "    started = time.time()\n"
        "    time.sleep(0.4)\n"
        "    return [started, time.time()]\n"
    )

    rows = judge.batch(code, [1, 2])

    # Each case's own start and end, not a gap in seconds that a loaded machine could stretch.
    (_, first_ended), (second_started, _) = sorted(row["returnValue"] for row in rows)
    overlapped = second_started < first_ended
    assert overlapped is judge.full  # thin: one at a time, which is what isolates them there


def test_a_case_cannot_stop_or_kill_its_siblings(judge: Judge) -> None:
    code = (
        "import os, signal, time\n"
        "def solution(x):\n"
        "    if x == 'attack':\n"
        "        for _ in range(20):\n"
        "            for sig in (signal.SIGSTOP, signal.SIGKILL):\n"
        "                for pid in range(1, 200):\n"
        "                    if pid != os.getpid():\n"
        "                        try:\n"
        "                            os.kill(pid, sig)\n"
        "                        except OSError:\n"
        "                            pass\n"
        "            time.sleep(0.01)\n"
        "        return 'attacked'\n"
        "    time.sleep(0.3)\n"
        "    return x\n"
    )

    rows = judge.batch(code, ["attack", "a", "b", "c"], timeout_ms=2000)

    assert [(row["status"], row["returnValue"]) for row in rows] == [
        ("OK", "attacked"), ("OK", "a"), ("OK", "b"), ("OK", "c")]  # fmt: skip


def test_lowering_the_fork_servers_limits_is_refused(judge: Judge) -> None:
    code = (
        "import os, resource\n"
        "def solution(x):\n"
        "    refused = []\n"
        "    for pid in {1, os.getppid()} - {0, os.getpid()}:\n"
        "        for kind in (resource.RLIMIT_NOFILE, resource.RLIMIT_NPROC, resource.RLIMIT_AS):\n"
        "            try:\n"
        "                resource.prlimit(pid, kind, (1, 1))\n"
        "            except OSError as exc:\n"
        "                refused.append(exc.errno)\n"
        "    return refused\n"
    )

    rows = judge.batch(code, [1, 2, 3, 4, 5, 6])

    assert all(row["status"] == "OK" for row in rows)
    assert all(set(row["returnValue"]) <= {1, 3} for row in rows)  # EPERM, or ESRCH if unseen
