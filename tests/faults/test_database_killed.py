"""DynamoDB Local killed under load: requests answer 503 with Retry-After while it is down (never a
500), the health check says so, and the platform is back within a bound with nothing lost."""

from __future__ import annotations

import os
import signal
import threading
import time
from collections import Counter

import httpx
from tests.faults.conftest import FAULTS, Platform, until

pytestmark = FAULTS
RECOVERY_BOUND_S = 30


def test_a_killed_database_is_restarted_and_nothing_acknowledged_is_lost(
    platform: Platform,
) -> None:
    platform.start()
    problem_id = platform.put_problem()
    token = platform.token("load-student")
    statuses: Counter[int] = Counter()
    acknowledged: list[str] = []
    bad: list[str] = []
    stop = threading.Event()

    def student() -> None:
        with httpx.Client(base_url=platform.url, timeout=60) as client:
            while not stop.is_set():
                listed = client.get("/problems")
                graded = platform.grade(token, problem_id)
                for response in (listed, graded):
                    statuses[response.status_code] += 1
                    if response.status_code == 503:
                        if "retry-after" not in response.headers:
                            bad.append("503 without Retry-After")
                        if response.json().get("code") != "unavailable":
                            bad.append(f"503 body {response.text[:80]}")
                    elif response.status_code != 200:
                        bad.append(f"{response.status_code} {response.text[:120]}")
                if graded.status_code == 200:
                    if graded.json()["status"] != "ACCEPTED":
                        bad.append(f"verdict {graded.json()['status']}")
                    acknowledged.append(graded.json()["submissionId"])

    workers = [threading.Thread(target=student) for _ in range(2)]
    for worker in workers:
        worker.start()
    until(lambda: len(acknowledged) >= 3, 30)
    engine = platform.engine_pid()
    os.kill(engine, signal.SIGKILL)
    health = until(lambda: _health_down(platform), 10, step=0.05)
    assert health["checks"]["dynamodb"]["status"] == "down"
    killed_at = time.monotonic()
    until(
        lambda: httpx.get(f"{platform.url}/health", timeout=5).status_code == 200, RECOVERY_BOUND_S
    )
    recovered_in = time.monotonic() - killed_at
    before = len(acknowledged)
    until(lambda: len(acknowledged) >= before + 3, 30)
    stop.set()
    for worker in workers:
        worker.join(timeout=90)

    print(f"\ndatabase killed: back in {recovered_in:.1f} s; answers {dict(statuses)}")
    assert platform.engine_pid() != engine
    assert not bad, bad[:5]
    assert statuses[500] == 0
    assert recovered_in < RECOVERY_BOUND_S
    with httpx.Client(base_url=platform.url, timeout=30) as client:
        for submission_id in acknowledged:
            assert client.get(f"/submissions/{submission_id}").status_code == 200
    counted, stored = platform.counters_and_submissions(problem_id)
    assert counted == stored >= len(acknowledged)


def _health_down(platform: Platform) -> dict | None:
    response = httpx.get(f"{platform.url}/health", timeout=10)
    if response.status_code != 503:
        return None
    report: dict = response.json()
    return report


def test_a_database_that_keeps_dying_stops_serve_with_the_reason(platform: Platform) -> None:
    platform.start()
    assert platform.process is not None
    killed: set[int] = set()
    while platform.process.poll() is None:
        engine = _engine_if_up(platform)
        if engine is not None and engine not in killed:
            os.kill(engine, signal.SIGKILL)
            killed.add(engine)
        assert len(killed) <= 5, "serve kept restarting a database that keeps dying"
        time.sleep(0.05)
    output = platform.output().strip().splitlines()
    assert platform.process.returncode == 1
    reason = next(line for line in output if line.startswith("alpaco: DynamoDB Local died"))
    print(f"\n{reason[:300]}")
    assert "5 times" in reason
    assert "its log ends:" in reason
    assert len(killed) == 5


def _engine_if_up(platform: Platform) -> int | None:
    try:
        return platform.engine_pid()
    except AssertionError:
        return None  # between a death and its restart
