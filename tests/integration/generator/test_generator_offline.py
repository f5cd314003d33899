"""Offline generation end to end, with no key and no network: the bank seeded in DynamoDB Local,
the offline answers registered as the composition root registers them, the real executor; then
the problem as everyone else meets it, over real HTTP: listed, shown, and graded."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import httpx
import pytest

from alpaco.bank.seed import seed_bank
from alpaco.kernel.invoke import get_invoker
from alpaco.kernel.llm.offline import OfflineProvider
from alpaco.kernel.llm.replay import ReplayProvider
from alpaco.services.generator.offline import register_offline_answerers
from alpaco.services.generator.pipeline import GenerationFailed, GenerationRequest, generate
from alpaco.services.problems import repository as problems_repository

pytestmark = pytest.mark.integration

BANK_IDS = ("fibonacci_dp", "grid_shortest_path", "pair_sum_count")
WRONG = {
    "function": "def solution(data):\n    return None\n",
    "stdio": "print(0)\n",
}


@pytest.fixture(scope="module")
def offline(dynamodb_endpoint: str) -> OfflineProvider:
    report = seed_bank(get_invoker(), problems_repository, only=BANK_IDS)
    assert report.ok, report.summary()
    provider = OfflineProvider()
    register_offline_answerers(provider)  # reads the bank through the problems repository
    return provider


def generated(llm: Any, creator_id: str, prompt: str, difficulty: str, mode: str) -> dict[str, Any]:
    request = GenerationRequest(prompt, difficulty, mode, creator_id=creator_id, author="Alice")
    return generate(
        request, llm=llm, invoker=get_invoker(), on_progress=lambda _: None, cancelled=lambda: False
    )


def listed(api: httpx.Client, **params: Any) -> set[str]:
    response = api.get("/problems", params={"pageSize": 100, **params})
    assert response.status_code == 200, response.text
    return {item["problemId"] for item in response.json()["items"]}


def grade(api: httpx.Client, headers: dict[str, str], problem_id: str, code: str) -> dict[str, Any]:
    response = api.post("/grade", json={"problemId": problem_id, "userCode": code}, headers=headers)
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


@pytest.mark.parametrize(
    "asked",
    [
        ("딸기가 등장하는 피보나치 문제", "Easy", "function", "fibonacci_dp"),
        ("a BFS maze about a strawberry farm", "Medium", "stdio", "grid_shortest_path"),
    ],
    ids=["function", "stdio"],
)
def test_an_offline_problem_is_listed_and_judges_its_own_reference(
    api: httpx.Client,
    auth_headers: Callable[..., dict[str, str]],
    user_id: Callable[..., str],
    offline: OfflineProvider,
    asked: tuple[str, str, str, str],
) -> None:
    prompt, difficulty, mode, bank_id = asked
    creator = user_id("gen-alice")
    payload = generated(offline, creator, prompt, difficulty, mode)
    problem_id = payload["problemId"]
    stored = problems_repository.get_problem(problem_id)
    assert stored is not None
    assert (
        stored["solutionCode"]
        == next(i for i in problems_repository.list_bank_problems() if i.get("bankId") == bank_id)[
            "solutionCode"
        ]
    )
    assert "딸기" in payload["title"] or "strawberry" in payload["title"]

    # Publicly listed: anyone's list of this creator's problems (other tests' problems may fill
    # the newest page of the whole list) and, with the title filter, the whole list.
    assert problem_id in listed(api, creatorId=creator)
    assert problem_id in listed(api, title=payload["title"])
    shown = api.get(f"/problems/{problem_id}")
    assert shown.status_code == 200
    view = shown.json()
    assert len(view["sampleCases"]) == 2
    assert view["timeLimitSeconds"] == stored["timeLimitSeconds"]
    assert "solutionCode" not in view
    trust = view["trust"]
    assert (trust["recorded"], trust["source"], trust["validatorAcceptsAll"]) == (
        True,
        "generated",
        True,
    )
    assert trust["testCount"] == len(json.loads(stored["finalTestCases"]))
    assert trust["bruteForceChecked"] >= 8
    assert trust["timeLimitFactor"] >= 3

    headers = auth_headers("gen-grader")
    accepted = grade(api, headers, problem_id, stored["solutionCode"])
    assert accepted["status"] == "ACCEPTED", accepted.get("errorMessage")
    assert accepted["totalCaseCount"] == len(json.loads(stored["finalTestCases"]))
    wrong = grade(api, headers, problem_id, WRONG[mode])
    assert wrong["status"] == "WRONG_ANSWER", wrong.get("errorMessage")


def test_a_failed_generation_is_listed_only_for_its_creator(
    api: httpx.Client,
    auth_headers: Callable[..., dict[str, str]],
    user_id: Callable[..., str],
    offline: OfflineProvider,
) -> None:
    creator = user_id("gen-bob")
    never = json.dumps(
        {
            "time_limit_seconds": 1,
            "memory_limit_mb": 256,
            "input_constraints": "n <= 9",
            "judge_type": "?",
        }
    )
    llm = ReplayProvider({"constraints": [never]}, fallback=offline)
    with pytest.raises(GenerationFailed, match="constraints step failed") as failure:
        generated(llm, creator, "two pointers and pairs", "Medium", "function")
    own = api.get("/problems", params={"creatorId": creator}, headers=auth_headers("gen-bob"))
    assert own.status_code == 200
    failed = [item for item in own.json()["items"] if item.get("generationStatus") == "error"]
    assert len(failed) == 1
    assert failed[0]["errorMessage"] == str(failure.value)
    assert failed[0]["problemId"] not in listed(api, title="two pointers")
    assert failed[0]["problemId"] not in listed(api, creatorId=creator)
