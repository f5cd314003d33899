"""Hogging the judge: a few accounts whose cases sleep to the time limit must not make others wait.

Cores are lent to the tenant that has used them least lately, and every submission has a wall
budget, so a grading answers well inside API Gateway's 29 s whatever others submit.
"""

from __future__ import annotations

import threading
import time
from typing import TYPE_CHECKING, Any

import pytest

from alpaco.services.executor.handler import handler
from alpaco.services.executor.session import OUT_OF_BUDGET

if TYPE_CHECKING:
    from conftest import Judge

pytestmark = pytest.mark.security

SLEEP_S = 0.9
SLEEPER = f"import time\ndef solution(x):\n    time.sleep({SLEEP_S})\n    return x\n"
QUICK = "def solution(x):\n    return x * 2\n"


def submit(code: str, inputs: list[Any], **payload: Any) -> tuple[dict[str, Any], float]:
    started = time.monotonic()
    result = handler({"code_to_execute": code, "inputs": inputs, **payload}, None)
    return result, time.monotonic() - started


def test_a_students_quick_cases_overtake_a_stream_of_sleepers(judge: Judge) -> None:
    _, alone = submit(QUICK, list(range(10)), tenant="baseline")  # the same work, nobody else's
    hogs = [
        threading.Thread(
            target=submit,
            args=(SLEEPER, list(range(8))),
            kwargs={"tenant": f"hog-{n % 2}", "timeout_ms": 1000, "deadline_ms": 5000},
        )
        for n in range(4)
    ]
    for thread in hogs:
        thread.start()
    time.sleep(0.3)  # every core now runs a sleeper, and more wait for one

    result, took = submit(QUICK, list(range(10)), tenant="student")

    for thread in hogs:
        thread.join(10)
    assert [row["returnValue"] for row in result["results"]] == [2 * n for n in range(10)]
    # Behind at most one sleeper per core, not behind the hogs' queue: handing out cores first
    # come, first served takes over 4 s here. Counted beyond what the same submission took alone
    # just before, so a loaded machine moves the bound with it.
    assert took - alone < 2 * SLEEP_S, f"the student waited {took:.2f} s ({alone:.2f} s alone)"
    judge.run(QUICK, input_data=1)  # and the judge is clean afterwards


def test_a_submission_answers_within_its_budget_whatever_its_cases_would_take(
    judge: Judge,
) -> None:
    _, alone = submit(QUICK, [1])  # what a submission costs beyond its cases
    result, took = submit(SLEEPER, list(range(10)), timeout_ms=1000, deadline_ms=1500)

    rows = result["results"]
    # The verdicts say the budget cut it short; the time, that it answered at the budget: beyond
    # a submission's own cost, its 1.5 s and less than one more sleeper, never its 10 sleepers.
    assert rows[0]["status"] == "OK"
    assert rows[-1]["status"] == "IE"
    assert OUT_OF_BUDGET in rows[-1]["error"]
    assert took - alone < 1.5 + SLEEP_S, f"answered after {took:.2f} s ({alone:.2f} s alone)"
    judge.run(QUICK, input_data=1)
