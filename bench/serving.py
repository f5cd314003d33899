"""`alpaco serve` in its own process for a benchmark: started on a free port over a database the
benchmark already runs, waited for until its health check answers, and stopped afterwards."""

from __future__ import annotations

import subprocess
import sys
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path

import httpx

from alpaco.gateway.dynamodb_local import free_port


@contextmanager
def serving(workdir: Path, env: Mapping[str, str] | None = None) -> Iterator[str]:
    """The server's URL while it runs; its stderr goes to `workdir/serve.log`."""
    port = free_port()
    command = [sys.executable, "-m", "alpaco.cli", "serve", "--port", str(port)]
    command += ["--data-dir", str(workdir / "data"), "--no-seed"]
    with (workdir / "serve.log").open("wb") as log:
        server = subprocess.Popen(
            command, stdout=subprocess.DEVNULL, stderr=log, env=dict(env) if env else None
        )
    try:
        url = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 60
        while True:
            try:
                if httpx.get(f"{url}/health", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if time.monotonic() > deadline or server.poll() is not None:
                raise SystemExit(f"bench: the gateway did not start; see {workdir / 'serve.log'}")
            time.sleep(0.1)
        yield url
    finally:
        server.terminate()
        server.wait(timeout=15)
