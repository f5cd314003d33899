"""The deploy checks: Terraform read as data, the packages built for this machine, moto's server.

The repository root goes on the path so the tests can import the packaging tool (infra/packaging)
and their helpers (tests/infra/tfconfig.py, codemap.py) as the tool itself imports them.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


from collections.abc import Iterator  # noqa: E402 - after the path set-up above

import pytest  # noqa: E402
import requests  # noqa: E402
from moto.server import ThreadedMotoServer  # noqa: E402

REGION = "ap-northeast-2"


@pytest.fixture(scope="module")
def moto_url() -> Iterator[str]:
    """moto in server mode on a free loopback port: boto3 talks HTTP to it as to AWS. Its Lambda
    runs no code without Docker, so it uses moto's 'simple' Lambda, whose answers a test queues."""
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    url = f"http://{host}:{port}"
    requests.post(f"{url}/moto-api/config", json={"lambda": {"use_docker": False}}, timeout=10)
    yield url
    server.stop()


@pytest.fixture
def aws(monkeypatch: pytest.MonkeyPatch) -> None:
    """Credentials and a region as a Lambda has them, none of them real."""
    for name, value in {
        "AWS_ACCESS_KEY_ID": "testing",
        "AWS_SECRET_ACCESS_KEY": "testing",
        "AWS_SESSION_TOKEN": "testing",
        "AWS_REGION": REGION,
        "AWS_DEFAULT_REGION": REGION,
    }.items():
        monkeypatch.setenv(name, value)
