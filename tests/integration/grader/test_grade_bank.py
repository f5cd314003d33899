"""Every bank problem graded through POST /grade as seeded: the reference is ACCEPTED, the brute
force ACCEPTED or TIME_LIMIT_EXCEEDED, never a wrong answer."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import httpx
import pytest

from alpaco.bank.catalog import BankProblem, load_bank, problem_id
from alpaco.bank.seed import seed_bank
from alpaco.kernel.invoke import get_invoker
from alpaco.services.problems import repository as problems_repository

pytestmark = pytest.mark.integration

BANK = load_bank()


@pytest.fixture(scope="module")
def seeded(dynamodb_endpoint: str) -> None:
    report = seed_bank(get_invoker(), problems_repository)
    assert report.ok, [(r.bank_id, r.message) for r in report.failed]


def grade(api: httpx.Client, headers: dict[str, str], bp: BankProblem, code: str) -> Any:
    response = api.post(
        "/grade", json={"problemId": problem_id(bp), "userCode": code}, headers=headers
    )
    assert response.status_code == 200, response.text
    return response.json()


@pytest.mark.parametrize("bp", BANK, ids=[bp.bank_id for bp in BANK])
def test_bank_problem_grades_its_own_solutions(
    api: httpx.Client,
    auth_headers: Callable[..., dict[str, str]],
    seeded: None,
    bp: BankProblem,
) -> None:
    item = problems_repository.get_problem(problem_id(bp))
    assert item is not None
    headers = auth_headers(f"bank-{bp.bank_id}")
    reference = grade(api, headers, bp, item["solutionCode"])
    assert reference["status"] == "ACCEPTED", reference["errorMessage"]
    assert reference["score"] == 100
    brute = grade(api, headers, bp, item["bruteForceCode"])
    assert brute["status"] in ("ACCEPTED", "TIME_LIMIT_EXCEEDED"), brute["errorMessage"]
    for case in brute["results"]:
        # A recursive brute force may run out of stack on the big hidden cases; that is its
        # limit, like time, never a wrong answer.
        deep = case["status"] == "RUNTIME_ERROR" and case["exceptionType"] == "RecursionError"
        assert case["status"] in ("ACCEPTED", "TIME_LIMIT_EXCEEDED") or deep, case
