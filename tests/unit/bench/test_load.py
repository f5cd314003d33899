"""bench/load.py's bookkeeping and requests, against a fake gateway (the bench itself runs the real one)."""

from __future__ import annotations

import base64
import importlib.util
import json
import math
import re
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import httpx
import pytest

LOAD_PY = Path(__file__).resolve().parents[3] / "bench" / "load.py"


@pytest.fixture(scope="module")
def load() -> Iterator[ModuleType]:
    # As `python bench/load.py` runs it: with its own folder first on the path, for `serving`.
    sys.path.insert(0, str(LOAD_PY.parent))
    spec = importlib.util.spec_from_file_location("bench_load", LOAD_PY)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while the class is made
    spec.loader.exec_module(module)
    yield module
    sys.path.remove(str(LOAD_PY.parent))


def test_percentile_is_nearest_rank(load: ModuleType) -> None:
    values = [float(n) for n in range(1, 101)]
    assert load.percentile(values, 50) == 50.0
    assert load.percentile(values, 99) == 99.0
    assert load.percentile([7.0], 99) == 7.0
    assert math.isnan(load.percentile([], 50))


@pytest.mark.parametrize(
    ("status", "own_server", "error"),
    [
        (200, True, False),
        (201, False, False),
        (409, True, False),
        (429, True, True),
        (429, False, False),
        (400, False, True),
        (404, True, True),
        (500, False, True),
        (503, True, True),
        (None, False, True),
    ],
)
def test_what_counts_as_an_error(
    load: ModuleType, status: int | None, own_server: bool, error: bool
) -> None:
    assert load.Stats(rate_limits_raised=own_server).is_error(status) is error


def test_errors_count_failures_transport_and_wrong_verdicts(load: ModuleType) -> None:
    stats = load.Stats(rate_limits_raised=False)
    stats.record(load.GRADE, 200, 10.0)
    stats.record(load.GRADE, 429, 1.0)
    stats.record(load.LIST_PROBLEMS, 502, 5.0, "bad gateway")
    stats.record(load.LIST_PROBLEMS, None, 0.0, "ConnectError")
    stats.verdict("ACCEPTED", "ACCEPTED")
    stats.verdict("ACCEPTED", "TIME_LIMIT_EXCEEDED")

    assert stats.requests == 4
    assert stats.errors == 3
    assert stats.latencies[load.GRADE] == [10.0]  # a 429 is not a latency sample
    assert len(stats.examples) == 3


def _token(sub: str) -> str:
    def part(value: dict[str, Any]) -> str:
        return base64.urlsafe_b64encode(json.dumps(value).encode()).decode().rstrip("=")

    return f"{part({'alg': 'RS256'})}.{part({'sub': sub})}.sig"


def test_a_student_sends_each_route_of_the_mix(load: ModuleType) -> None:
    seen: list[tuple[str, str, Any]] = []

    def gateway(request: httpx.Request) -> httpx.Response:
        body: Any = json.loads(request.content) if request.content else None
        seen.append((request.method, request.url.path, body))
        if request.url.path == "/auth/dev/token":
            return httpx.Response(200, json={"idToken": _token("user-1")})
        assert request.headers["Authorization"].startswith("Bearer ")
        if request.url.path == "/grade":
            right = body["userCode"] != load.WRONG_CODE
            return httpx.Response(200, json={"status": "ACCEPTED" if right else "WRONG_ANSWER"})
        if request.url.path == "/community":
            return httpx.Response(201, json={"postId": "p-2"})
        if request.url.path == "/submissions":
            assert request.url.params["userId"] == "user-1"
        return httpx.Response(200, json={})

    posts = ["p-1"]
    problems = [load.Problem("1", "def solution(data):\n    return 1\n")]
    transport = httpx.MockTransport(gateway)
    student = load.Student("http://gateway", "student", problems, posts, transport)
    stats = load.Stats(rate_limits_raised=True)
    for route in load.MIX:
        student.act(stats, route)
    for _ in range(20):
        student.grade(stats, problems[0])

    assert student.user_id == "user-1"
    sent = {f"{method} {re.sub(r'/p-[12]', '/{postId}', path)}" for method, path, _ in seen[1:]}
    assert sent == {
        "GET /problems",
        "GET /problems/1",
        "POST /grade",
        "GET /submissions",
        "POST /community",
        "POST /community/{postId}/comments",
        "POST /community/{postId}/like",
    }
    assert posts[-1] == "p-2"
    assert stats.errors == 0
    assert {want for want, _ in stats.verdicts} == {"ACCEPTED", "WRONG_ANSWER"}
