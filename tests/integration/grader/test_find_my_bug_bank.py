"""Find my bug on the bank's problems as seeded, over real HTTP: every seeded typical bug of
`seeded_bugs.py` (off by one, wrong on empty or negative input, overflow-style wrapping, wrong
tie break) is found, and the input it answers with is valid, failing and no larger than the one
first found; a correct solution gets an honest "no difference found"."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import httpx
import pytest
from tests.integration.grader.seeded_bugs import BUGS

from alpaco.bank.catalog import load_bank, problem_id
from alpaco.bank.seed import seed_bank
from alpaco.kernel.invoke import get_invoker
from alpaco.services.grader.find_bug import BUDGET_SECONDS
from alpaco.services.problems import repository as problems_repository

pytestmark = pytest.mark.integration


BANK = {bp.bank_id: bp for bp in load_bank()}
CORRECT_ELSEWHERE = "pair_sum_count"


@pytest.fixture(scope="module")
def seeded(dynamodb_endpoint: str) -> None:
    wanted = {bug.bank_id for bug in BUGS} | {CORRECT_ELSEWHERE}
    report = seed_bank(get_invoker(), problems_repository, only=wanted)
    assert report.ok, report.summary()


def find(api: httpx.Client, headers: dict[str, str], bank_id: str, code: str) -> dict[str, Any]:
    body = {
        "executionMode": "FIND_MY_BUG",
        "problemId": problem_id(BANK[bank_id]),
        "userCode": code,
    }
    response = api.post("/grade", json=body, headers=headers)
    assert response.status_code == 200, response.text
    answer: dict[str, Any] = response.json()
    return answer


@pytest.mark.parametrize("bug", BUGS, ids=[f"{bug.kind}: {bug.name}" for bug in BUGS])
def test_a_seeded_bug_is_found_and_shrunk(
    api: httpx.Client, auth_headers: Callable[..., dict[str, str]], seeded: None, bug: Any
) -> None:
    answer = find(api, auth_headers(f"bug-{bug.bank_id}"), bug.bank_id, bug.code)
    assert answer["found"] is True, answer["message"]
    assert answer["verdict"] != "ACCEPTED"
    BANK[bug.bank_id].validate(answer["input"])  # raises for an input the problem never asks
    assert answer["inputChars"] == len(json.dumps(answer["input"], ensure_ascii=False))
    assert answer["inputChars"] <= answer["foundInputChars"]
    if answer["verdict"] == "WRONG_ANSWER":
        assert answer["actualOutput"] != answer["expectedOutput"]
    assert answer["elapsedSeconds"] <= BUDGET_SECONDS


def test_the_bank_brute_force_is_no_bug(
    api: httpx.Client, auth_headers: Callable[..., dict[str, str]], seeded: None
) -> None:
    item = problems_repository.get_problem(problem_id(BANK[CORRECT_ELSEWHERE]))
    assert item is not None
    answer = find(api, auth_headers("bug-brute"), CORRECT_ELSEWHERE, item["bruteForceCode"])
    assert answer["found"] is False
    assert answer["message"].startswith(f"No difference found in {answer['tries']} tries")


def test_a_seeded_bank_problem_shows_its_trust_card(api: httpx.Client, seeded: None) -> None:
    bp = BANK[CORRECT_ELSEWHERE]
    trust = api.get(f"/problems/{problem_id(bp)}").json()["trust"]
    assert trust["recorded"] is True
    assert trust["source"] == "bank"
    assert trust["validatorAcceptsAll"] is True
    assert trust["testCount"] == trust["sampleCount"] + trust["generatedTestCount"]
    assert 0 < trust["bruteForceChecked"] <= trust["testCount"]
    assert trust["timeLimitSeconds"] == bp.time_limit_seconds
    assert trust["timeLimitFactor"] >= 1
