"""DynamoDB Local as the platform launches it: a real JVM that must not outlive its launcher."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[2]
LAUNCHER = """
import sys
from pathlib import Path
from alpaco.gateway.dynamodb_local import DynamoDBLocal, free_port
engine = DynamoDBLocal(Path(sys.argv[1]), port=free_port(), data_dir=None, log_path=Path(sys.argv[2]))
engine.start()
print(engine.pid, flush=True)
sys.stdin.read()
"""


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()[0]
    except FileNotFoundError:
        return False
    return state != "Z"


def test_the_engine_dies_when_its_launcher_is_killed(tmp_path: Path) -> None:
    launcher = subprocess.Popen(
        [sys.executable, "-c", LAUNCHER, str(PROJECT_ROOT), str(tmp_path / "dynamodb.log")],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert launcher.stdout is not None
    engine = int(launcher.stdout.readline())
    try:
        assert _alive(engine)
        launcher.send_signal(signal.SIGKILL)  # no chance to stop the engine itself
        launcher.wait()
        deadline = time.monotonic() + 15
        while _alive(engine) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert not _alive(engine)
    finally:
        if _alive(engine):
            os.kill(engine, signal.SIGKILL)
