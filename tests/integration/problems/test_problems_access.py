"""Who sees what of a problem, over real HTTP: anonymous / other user / creator / admin."""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import httpx
import pytest

from alpaco.services.problems import repository

pytestmark = pytest.mark.integration


@dataclass
class Scene:
    api: httpx.Client
    creator_id: str
    headers: dict[str, dict[str, str]]
    markers: tuple[str, ...]
    put_problem: Callable[..., dict[str, Any]]

    def put(self, **overrides: Any) -> dict[str, Any]:
        return self.put_problem(self.creator_id, **overrides)

    def get(self, path: str, who: str = "anonymous", **params: str) -> httpx.Response:
        return self.api.get(path, params=params, headers=self.headers[who])

    def assert_no_hidden_data(self, response: httpx.Response) -> None:
        for marker in self.markers:
            assert marker not in response.text


@pytest.fixture
def scene(
    api: httpx.Client,
    auth_headers: Callable[..., dict[str, str]],
    user_id: Callable[..., str],
    hidden_markers: tuple[str, ...],
    put_problem: Callable[..., dict[str, Any]],
) -> Scene:
    run = uuid.uuid4().hex[:8]
    headers = {
        "anonymous": {},
        "other": auth_headers(f"other-{run}"),
        "creator": auth_headers(f"creator-{run}"),
        "admin": auth_headers(f"admin-{run}", groups=("Admins",)),
    }
    return Scene(api, user_id(f"creator-{run}"), headers, hidden_markers, put_problem)


@pytest.mark.parametrize("who", ["anonymous", "other", "creator", "admin"])
def test_public_view_of_a_completed_problem(scene: Scene, who: str) -> None:
    item = scene.put()
    response = scene.get(f"/problems/{item['problemId']}", who)
    assert response.status_code == 200
    scene.assert_no_hidden_data(response)
    body = response.json()
    assert body["title_translated"] == "딸기 합 (쉬움)"
    assert body["sampleCases"] == [
        {"input": [2, 3], "expected_output": 5, "rationale": "sample", "isSample": True}
    ]
    assert json.loads(body["finalTestCases"]) == body["sampleCases"]
    assert json.loads(body["constraints"])["input_constraints"] == "0 <= a, b <= 100"
    assert (body["timeLimitSeconds"], body["memoryLimitMb"]) == (1, 128)
    assert body["startCode"] == "def solution(data):\n    pass\n"
    for hidden in ("solutionCode", "bruteForceCode", "hints", "intent", "userPrompt"):
        assert hidden not in body


@pytest.mark.parametrize(
    ("who", "status"), [("anonymous", 401), ("other", 403), ("creator", 200), ("admin", 200)]
)
def test_full_view_of_a_completed_problem(scene: Scene, who: str, status: int) -> None:
    item = scene.put()
    response = scene.get(f"/problems/{item['problemId']}", who, view="full")
    assert response.status_code == status
    assert response.headers["access-control-allow-origin"] == response.request.headers["origin"]
    if status != 200:
        assert set(response.json()) == {"message", "code"}
        scene.assert_no_hidden_data(response)
        return
    body = response.json()
    assert body["solutionCode"] == item["solutionCode"]
    assert body["finalTestCases"] == item["finalTestCases"]
    assert "HIDDEN-OUTPUT-7f3a" in body["finalTestCases"]


@pytest.mark.parametrize(
    ("who", "public", "full"),
    [("anonymous", 404, 401), ("other", 404, 404), ("creator", 200, 200), ("admin", 200, 200)],
)
def test_unfinished_problem_exists_only_for_creator_and_admins(
    scene: Scene, who: str, public: int, full: int
) -> None:
    item = scene.put(generationStatus="step4_failed_attempt_1")
    path = f"/problems/{item['problemId']}"
    public_response = scene.get(path, who)
    assert public_response.status_code == public
    scene.assert_no_hidden_data(public_response)
    assert scene.get(path, who, view="full").status_code == full


def test_lists_show_unfinished_problems_only_to_their_creator(scene: Scene) -> None:
    done = scene.put(createdAt="2030-06-01T12:00:00.000Z")
    unfinished = scene.put(generationStatus="started", createdAt="2030-06-02T12:00:00.000Z")
    failed = scene.put(
        generationStatus="error",
        errorMessage="The brute force kept disagreeing with the reference.",
        createdAt="2030-06-03T12:00:00.000Z",
    )
    hidden = {unfinished["problemId"], failed["problemId"]}
    for who, params in (
        ("anonymous", {"creatorId": scene.creator_id}),
        ("other", {"creatorId": scene.creator_id}),
        ("creator", {"title": "딸기", "pageSize": "100"}),
    ):
        response = scene.get("/problems", who, **params)
        assert response.status_code == 200
        scene.assert_no_hidden_data(response)
        assert not hidden & {i["problemId"] for i in response.json()["items"]}
    mine = scene.get("/problems", "creator", creatorId=scene.creator_id).json()
    scene.assert_no_hidden_data(scene.get("/problems", "creator", creatorId=scene.creator_id))
    assert [(i["problemId"], i["generationStatus"]) for i in mine["items"]] == [
        (failed["problemId"], "error"),
        (unfinished["problemId"], "started"),
        (done["problemId"], "completed"),
    ]
    assert mine["items"][0]["errorMessage"] == failed["errorMessage"]
    assert "errorMessage" not in mine["items"][1]
    assert mine["items"][2] == {
        "problemId": done["problemId"],
        "title": "Strawberry Sum (Easy)",
        "title_translated": "딸기 합 (쉬움)",
        "difficulty": "Easy",
        "tags": ["math"],
        "createdAt": "2030-06-01T12:00:00.000Z",
        "creatorId": scene.creator_id,
        "author": "tester",
        "mode": "function",
        "submissionCount": 0,
        "acceptedCount": 0,
        "generationStatus": "completed",
    }
    assert (mine["lastEvaluatedKey"], mine["count"]) == (None, 3)


def test_counters_show_in_list_and_detail(scene: Scene) -> None:
    item = scene.put()
    repository.record_submission(item["problemId"], accepted=True)
    repository.record_submission(item["problemId"], accepted=False)
    detail = scene.get(f"/problems/{item['problemId']}").json()
    assert (detail["submissionCount"], detail["acceptedCount"]) == (2, 1)
    listed = scene.get("/problems", creatorId=scene.creator_id).json()["items"]
    assert (listed[0]["submissionCount"], listed[0]["acceptedCount"]) == (2, 1)


@pytest.mark.parametrize("problem_id", ["does-not-exist", "x" * 300])
def test_missing_problem_is_404_in_our_error_shape(api: httpx.Client, problem_id: str) -> None:
    response = api.get(f"/problems/{problem_id}")
    assert response.status_code == 404
    assert response.json() == {"message": "Problem not found.", "code": "not_found"}


def test_bad_token_on_the_optional_route_is_401(scene: Scene) -> None:
    item = scene.put()
    response = scene.api.get(
        f"/problems/{item['problemId']}", headers={"Authorization": "Bearer not-a-jwt"}
    )
    assert response.status_code == 401
