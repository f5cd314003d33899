"""A slow DynamoDB, through a proxy that holds back each answer: gradings still answer within a
bound, as a success while the database is merely slow, as a 503 with Retry-After once it is
slower than the client's timeouts, and normally again once it is quick."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from tests.faults.conftest import FAULTS, Platform

pytestmark = FAULTS
SLOW_S = 1.0  # each answer from the database
STALLED_S = 8.0  # longer than the client's 5 s read timeout
GRADING_BOUND_S = 30.0


class DelayingProxy:
    """TCP between serve and DynamoDB Local; every chunk coming back waits `delay` seconds."""

    def __init__(self, upstream_port: int) -> None:
        self.upstream_port = upstream_port
        self.delay = 0.0
        self._server = socket.create_server(("127.0.0.1", 0))
        self.port = self._server.getsockname()[1]
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while True:
            try:
                client, _ = self._server.accept()
            except OSError:
                return
            upstream = socket.create_connection(("127.0.0.1", self.upstream_port))
            threading.Thread(target=self._pump, args=(client, upstream, False), daemon=True).start()
            threading.Thread(target=self._pump, args=(upstream, client, True), daemon=True).start()

    def _pump(self, source: socket.socket, target: socket.socket, answers: bool) -> None:
        try:
            while chunk := source.recv(65536):
                if answers and self.delay:
                    time.sleep(self.delay)
                target.sendall(chunk)
        except OSError:
            pass
        finally:
            for end in (source, target):
                end.close()

    def close(self) -> None:
        self._server.close()


@pytest.fixture
def proxy(dynamodb_endpoint: str) -> Iterator[DelayingProxy]:
    running = DelayingProxy(int(dynamodb_endpoint.rsplit(":", 1)[1]))
    yield running
    running.close()


def _timed_grade(platform: Platform, token: str, problem_id: str) -> tuple[httpx.Response, float]:
    started = time.monotonic()
    response = platform.grade(token, problem_id, timeout=GRADING_BOUND_S + 30)
    return response, time.monotonic() - started


def test_gradings_answer_within_a_bound_however_slow_the_database(
    tmp_path: Path, dynamodb_endpoint: str, proxy: DelayingProxy
) -> None:
    platform = Platform(
        tmp_path / "data",
        upstream=dynamodb_endpoint,
        env={"ALPACO_DYNAMODB_ENDPOINT": f"http://127.0.0.1:{proxy.port}"},
    )
    try:
        platform.start()
        problem_id = platform.put_problem()
        token = platform.token("patient-student")
        quick, _ = _timed_grade(platform, token, problem_id)
        assert quick.json()["status"] == "ACCEPTED"

        proxy.delay = SLOW_S
        slow, slow_s = _timed_grade(platform, token, problem_id)
        assert slow.status_code == 200
        assert slow.json()["status"] == "ACCEPTED"

        proxy.delay = STALLED_S
        stalled, stalled_s = _timed_grade(platform, token, problem_id)
        assert stalled.status_code == 503, stalled.text
        assert stalled.json()["code"] == "unavailable"
        assert "retry-after" in stalled.headers
        health = httpx.get(f"{platform.url}/health", timeout=30)
        assert health.status_code == 503
        assert health.json()["checks"]["dynamodb"]["status"] == "down"

        proxy.delay = 0.0
        again, _ = _timed_grade(platform, token, problem_id)
        assert again.json()["status"] == "ACCEPTED"
        print(
            f"\nslow database: {slow_s:.1f} s at {SLOW_S} s per answer; "
            f"503 after {stalled_s:.1f} s at {STALLED_S} s per answer"
        )
        assert slow_s < GRADING_BOUND_S
        assert stalled_s < GRADING_BOUND_S
    finally:
        proxy.delay = 0.0
        platform.stop()
