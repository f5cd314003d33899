"""`alpaco serve` as an operator runs it: a real process, signals, a port clash, data kept across restarts."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import jwt
import pytest

from alpaco.gateway.dynamodb_local import free_port

pytestmark = pytest.mark.integration

ALPACO = [sys.executable, "-m", "alpaco.cli"]


def _env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("ALPACO_")}
    env["ALPACO_TABLE_PREFIX"] = "serve-"
    return env


@contextmanager
def _serve(data_dir: Path, port: int) -> Iterator[subprocess.Popen[str]]:
    process = subprocess.Popen(
        [*ALPACO, "serve", "--port", str(port), "--data-dir", str(data_dir), "--no-seed"],
        env=_env(),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            assert process.poll() is None, process.stdout.read() if process.stdout else ""
            try:
                if httpx.get(f"http://127.0.0.1:{port}/health", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            assert time.monotonic() < deadline, "serve did not come up"
            time.sleep(0.2)
        yield process
    finally:
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
        process.wait(timeout=30)
        if process.stdout:
            process.stdout.close()


def _java_children(data_dir: Path) -> list[str]:
    out = subprocess.run(["ps", "-eo", "args"], capture_output=True, text=True, check=True).stdout
    return [line for line in out.splitlines() if "DynamoDBLocal" in line and str(data_dir) in line]


def test_serve_restart_keeps_data_and_stops_cleanly(tmp_path: Path) -> None:
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    with _serve(tmp_path, port) as process:
        token = httpx.post(f"{base}/auth/dev/token", json={"username": "restart"}).json()["idToken"]
        headers = {"Authorization": f"Bearer {token}"}
        me = httpx.get(f"{base}/auth/me", headers=headers).json()
        created = httpx.post(
            f"{base}/community",
            json={"title": "before restart", "content": "kept"},
            headers=headers,
        )
        assert created.status_code == 201, created.text
        post_id = created.json()["postId"]
        tampered = token[:-3] + ("abc" if not token.endswith("abc") else "xyz")
        assert httpx.get(f"{base}/auth/me", headers={"Authorization": tampered}).status_code == 401
        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=30) == 0
    assert _java_children(tmp_path) == []
    assert tmp_path.stat().st_mode & 0o777 == 0o700  # hidden tests: private to the operator
    with _serve(tmp_path, port):
        assert httpx.get(f"{base}/auth/me", headers=headers).json() == me
        post = httpx.get(f"{base}/community/{post_id}")
        assert post.status_code == 200
        assert post.json()["title"] == "before restart"


def test_port_in_use_is_a_clear_error(tmp_path: Path) -> None:
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        result = subprocess.run(
            [*ALPACO, "serve", "--port", str(port), "--data-dir", str(tmp_path)],
            env=_env(),
            check=False,
            capture_output=True,
            text=True,
            timeout=60,
        )
    assert result.returncode == 2
    assert "already in use" in result.stderr
    assert "Traceback" not in result.stderr + result.stdout


def test_dev_identity_stays_on_loopback_unless_the_operator_says_otherwise(
    tmp_path: Path,
) -> None:
    refused = subprocess.run(
        [*ALPACO, "serve", "--host", "0.0.0.0", "--port", str(free_port())],
        env=_env(),
        cwd=tmp_path,
        check=False,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert refused.returncode == 2
    assert refused.stdout == ""
    assert refused.stderr.count("\n") == 1
    assert "0.0.0.0" in refused.stderr
    assert "--allow-dev-identity" in refused.stderr
    assert not (tmp_path / ".alpaco").exists()
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        allowed = subprocess.run(
            [*ALPACO, "serve", "--host", "0.0.0.0", "--port", str(port), "--allow-dev-identity"],
            env=_env(),
            cwd=tmp_path,
            check=False,
            capture_output=True,
            text=True,
            timeout=60,
        )
    assert "already in use" in allowed.stderr  # past the refusal, stopped by the next check


def test_token_command_prints_a_verifiable_token(tmp_path: Path) -> None:
    result = subprocess.run(
        [*ALPACO, "token", "cli-user", "--nickname", "Cli", "--data-dir", str(tmp_path)],
        env=_env(),
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    token = result.stdout.strip()
    assert token.count(".") == 2
    admin = subprocess.run(
        [*ALPACO, "token", "ops", "--group", "Admins", "--data-dir", str(tmp_path)],
        env=_env(),
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    claims = jwt.decode(admin.stdout.strip(), options={"verify_signature": False})
    assert claims["cognito:groups"] == ["Admins"]  # the operator is not held to ALPACO_DEV_ADMINS
    bad = subprocess.run(
        [*ALPACO, "token", "bad\nname", "--data-dir", str(tmp_path)],
        env=_env(),
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert bad.returncode == 2
    assert "control characters" in bad.stderr
