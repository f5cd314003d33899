"""Every sandbox process killed while a grading's cases run: that grading still answers, in the
error shape or as a stored verdict, and the next grading is judged normally within a bound."""

from __future__ import annotations

import contextlib
import json
import os
import signal
import threading
import time
import uuid

import httpx
from tests.faults.conftest import CASES, FAULTS, Platform, children, cmdline, until

from alpaco.kernel import dynamo

pytestmark = FAULTS
SLOW_CODE = "import time\ndef solution(numbers):\n    time.sleep(0.2)\n    return sum(numbers)\n"
RECOVERY_BOUND_S = 20


def test_killed_sandboxes_fail_one_grading_and_the_next_is_judged(platform: Platform) -> None:
    platform.start()
    problem_id = platform.put_problem()
    slow_id = _slow_problem(platform)
    token = platform.token("sandbox-victim")
    answers: list[httpx.Response] = []

    def grade_slowly() -> None:
        answers.append(
            httpx.post(
                f"{platform.url}/grade",
                json={"problemId": slow_id, "userCode": SLOW_CODE},
                headers={"Authorization": f"Bearer {token}"},
                timeout=60,
            )
        )

    grading = threading.Thread(target=grade_slowly)
    grading.start()
    time.sleep(1.0)  # a few of its 20 cases have run
    killed = _kill_sandboxes(platform)
    grading.join(timeout=60)
    assert killed, "no sandbox process was found to kill"
    (answer,) = answers
    assert answer.status_code in (200, 500, 503), answer.text
    if answer.status_code == 200:
        # Our failure, never the student's: not a RUNTIME_ERROR or a TIME_LIMIT_EXCEEDED.
        assert answer.json()["status"] == "INTERNAL_ERROR"
    else:
        assert set(answer.json()) >= {"message", "code"}

    started = time.monotonic()
    next_one = until(lambda: _accepted(platform, token, problem_id), RECOVERY_BOUND_S)
    print(
        f"\nsandboxes killed ({len(killed)}): first answer {answer.status_code} "
        f"{answer.json().get('status')} {answer.json().get('errorMessage')}, "
        f"judged again after {time.monotonic() - started:.1f} s"
    )
    assert next_one["status"] == "ACCEPTED"


def _slow_problem(platform: Platform) -> str:
    problem_id = f"slow-{uuid.uuid4()}"
    cases = [{**CASES[1], "input": [n, 1], "expected_output": n + 1} for n in range(20)]
    item = {
        "problemId": problem_id,
        "title": "Slow sum",
        "mode": "function",
        "judgeType": "equal",
        "timeLimitSeconds": 1,
        "memoryLimitMb": 128,
        "finalTestCases": json.dumps(cases),
        "generationStatus": "completed",
        "createdAt": "2026-01-01T00:00:00.000Z",
        "creatorId": "fault-tests",
    }
    platform.database().put_item(TableName=f"{platform.prefix}Problems", Item=dynamo.to_item(item))
    return problem_id


def _kill_sandboxes(platform: Platform) -> list[int]:
    """Every process below serve but its database: the fork servers and their cases."""
    assert platform.process is not None
    victims = [
        pid
        for pid in children(platform.process.pid)
        if not any("DynamoDBLocal" in part or part.endswith("java") for part in cmdline(pid))
    ]
    for pid in victims:
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)
    return victims


def _accepted(platform: Platform, token: str, problem_id: str) -> dict | None:
    response = platform.grade(token, problem_id, timeout=30)
    if response.status_code != 200 or response.json()["status"] != "ACCEPTED":
        return None
    body: dict = response.json()
    return body
