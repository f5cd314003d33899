"""`alpaco serve` killed with SIGKILL while gradings are being written, then started again on the
same data: every acknowledged submission is there, and each problem's counters equal its stored
submissions (a submission and its count are one transaction, so no crash can split them)."""

from __future__ import annotations

import threading

import httpx
from tests.faults.conftest import FAULTS, Platform, until

pytestmark = FAULTS


def test_nothing_acknowledged_is_lost_and_counters_agree_after_a_kill(platform: Platform) -> None:
    platform.start()
    problems = [platform.put_problem() for _ in range(2)]
    tokens = [platform.token(f"writer-{n}") for n in range(4)]
    acknowledged: list[str] = []
    verdicts: list[str] = []
    stop = threading.Event()

    def student(n: int) -> None:
        while not stop.is_set():
            try:
                response = platform.grade(tokens[n], problems[n % 2], timeout=30)
            except httpx.HTTPError:
                return  # the server is gone: an answer that never came acknowledged nothing
            if response.status_code == 200:
                verdicts.append(response.json()["status"])
                acknowledged.append(response.json()["submissionId"])

    workers = [threading.Thread(target=student, args=(n,)) for n in range(4)]
    for worker in workers:
        worker.start()
    until(lambda: len(acknowledged) >= 8, 60)
    assert platform.process is not None
    engine = platform.engine_pid()
    platform.sigkill()
    stop.set()
    for worker in workers:
        worker.join(timeout=60)
    # Its database stops with it (it was started with a parent-death signal).
    until(lambda: not _alive(engine), 15)
    assert set(verdicts) == {"ACCEPTED"}

    platform.start()
    with httpx.Client(base_url=platform.url, timeout=30) as client:
        missing = [s for s in acknowledged if client.get(f"/submissions/{s}").status_code != 200]
    assert not missing, f"{len(missing)} of {len(acknowledged)} acknowledged submissions lost"
    print(f"\nserve killed: {len(acknowledged)} acknowledged gradings, all kept")
    for problem_id in problems:
        counted, stored = platform.counters_and_submissions(problem_id)
        assert counted == stored
    assert sum(platform.counters_and_submissions(p)[1] for p in problems) >= len(acknowledged)


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as stat:
            return stat.read().split(")")[-1].split()[0] != "Z"
    except OSError:
        return False
