"""Hostile process behaviour: fork bombs, escapes from the process group, signals, leftovers."""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from conftest import Judge

pytestmark = pytest.mark.security

# What the hostile code below sleeps for: a judge held by it would answer only after this. The
# checks of how long a run took are fractions of it, never a latency figure a loaded machine (these
# tests run beside fork bombs) could miss.
HOLD_S = 60


def test_fork_bomb_is_contained(judge: Judge) -> None:
    code = (
        "import os\nwhile True:\n    try:\n        os.fork()\n    except OSError:\n        pass\n"
    )

    result = judge.run(code, mode="stdio", input_data="", timeout_ms=1000)

    assert result["status"] in {"TLE", "RE"}


def test_fork_bomb_whose_children_leave_the_session_is_contained(judge: Judge) -> None:
    code = (
        "import os\n"
        "while True:\n"
        "    try:\n"
        "        if os.fork() == 0:\n"
        "            os.setsid()\n"
        "    except OSError:\n"
        "        pass\n"
    )

    result = judge.run(code, mode="stdio", input_data="", timeout_ms=1000)

    assert result["status"] in {"TLE", "RE"}


def test_double_forked_daemon_is_killed_with_its_case(judge: Judge) -> None:
    code = (
        "import os, time\n"
        "def solution(x):\n"
        "    if os.fork() == 0:\n"
        "        os.setsid()\n"
        "        if os.fork() == 0:\n"
        "            time.sleep(0.5)\n"
        "            open('/tmp/daemon-was-here', 'w').write('x')\n"
        "            time.sleep(60)\n"
        "        os._exit(0)\n"
        "    return 'returned'\n"
    )

    result = judge.run(code, input_data=1)

    assert (result["status"], result["returnValue"]) == ("OK", "returned")


def test_background_process_left_after_return_neither_survives_nor_delays(judge: Judge) -> None:
    code = (
        "import subprocess\n"
        "def solution(x):\n"
        f"    subprocess.Popen(['sleep', '{HOLD_S}'])\n"
        f"    subprocess.Popen(['sleep', '{HOLD_S}'], start_new_session=True)\n"
        "    return x\n"
    )
    started = time.monotonic()

    result = judge.run(code, input_data=7)

    assert (result["status"], result["returnValue"]) == ("OK", 7)
    assert time.monotonic() - started < HOLD_S / 2


def test_killing_the_parent_does_not_reach_the_harness(judge: Judge) -> None:
    code = (
        "import os, signal\n"
        "def solution(x):\n"
        "    for sig in (signal.SIGKILL, signal.SIGTERM, signal.SIGINT):\n"
        "        os.kill(os.getppid(), sig)\n"
        "        os.kill(1, sig)\n"
        "    return 'still here'\n"
    )

    result = judge.run(code, input_data=1)

    assert result["status"] in {"OK", "RE"}


def test_killing_every_visible_process_stays_inside_the_sandbox(judge: Judge) -> None:
    code = "import os\ndef solution(x):\n    os.kill(-1, 9)\n    return x\n"

    rows = judge.batch(code, [1, 2, 3])

    assert {row["status"] for row in rows} <= {"OK", "RE", "IE"}


def test_self_suspension_does_not_hold_the_judge(judge: Judge) -> None:
    code = (
        "import os, signal, time\n"
        "def solution(x):\n"
        "    os.kill(os.getpid(), signal.SIGSTOP)\n"
        f"    time.sleep({HOLD_S})\n"
    )
    started = time.monotonic()

    result = judge.run(code, input_data=1, timeout_ms=300)

    # Full: the case is pid 1 of its namespace, which ignores its own SIGSTOP, then sleeps to
    # the limit. Thin: signalling any pid is refused, so the kill raises. The verdict says the
    # limit ended it; the time, that nothing waited for the stopped or sleeping process.
    assert (result["status"], result["exceptionType"]) == (
        ("TLE", None) if judge.full else ("RE", "PermissionError"))  # fmt: skip
    assert time.monotonic() - started < HOLD_S / 2


def test_ignoring_cpu_and_termination_signals_does_not_beat_the_limit(judge: Judge) -> None:
    code = (
        "import signal\n"
        "for sig in (signal.SIGXCPU, signal.SIGTERM, signal.SIGINT, signal.SIGALRM):\n"
        "    signal.signal(sig, signal.SIG_IGN)\n"
        "while True:\n"
        "    pass\n"
    )

    result = judge.run(code, mode="stdio", input_data="", timeout_ms=300)

    assert result["status"] == "TLE"


def test_thread_bomb_hits_the_task_limit(judge: Judge) -> None:
    code = (
        "import threading, time\n"
        "def solution(x):\n"
        "    for _ in range(1000):\n"
        "        threading.Thread(target=time.sleep, args=(30,), daemon=True).start()\n"
        "    return 'all started'\n"
    )

    result = judge.run(code, input_data=1)

    assert (result["status"], result["exceptionType"]) == ("RE", "RuntimeError")
    assert "can't start new thread" in result["stderr"]


def test_os_system_and_subprocess_run_as_nobody_without_host_files(judge: Judge) -> None:
    code = (
        "import os, subprocess\n"
        "def solution(x):\n"
        "    shell = subprocess.run(['sh', '-c', 'id -u; ls /; cat /etc/passwd; env'],\n"
        "                           capture_output=True, text=True)\n"
        "    return {'rc': os.system('true'), 'out': shell.stdout, 'err': shell.stderr}\n"
    )

    result = judge.run(code, input_data=1)

    assert result["status"] == "OK"
    seen = result["returnValue"]
    uid = int(seen["out"].splitlines()[0])
    if judge.full:
        assert uid == 65534
        assert "root:" not in seen["out"]
        assert "etc" not in seen["out"].split()
        assert "home" not in seen["out"].split()
        assert "/etc/passwd: No such file or directory" in seen["err"]
    else:  # known limit: the host's world-readable files are there; the uid is never root's
        assert 60000 <= uid < 61000
