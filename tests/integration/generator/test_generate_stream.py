"""POST /generate over real HTTP: refusals come as JSON before any byte of the stream, and the
stream's frames (the original's format) are read as they arrive, up to a problem that is listed."""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterator
from typing import Any

import httpx
import pytest

from alpaco.bank.seed import seed_bank
from alpaco.kernel.invoke import get_invoker
from alpaco.services.generator.quota import take_lease
from alpaco.services.problems import repository as problems_repository

pytestmark = pytest.mark.integration

Headers = Callable[..., dict[str, str]]


@pytest.fixture(scope="module", autouse=True)
def bank(dynamodb_endpoint: str) -> None:
    report = seed_bank(get_invoker(), problems_repository, only=("fibonacci_dp", "a_plus_b"))
    assert report.ok, report.summary()


def frames(response: httpx.Response) -> Iterator[tuple[str, Any, float]]:
    """(event, data, seconds since the request) for each frame, as it arrives."""
    started = time.monotonic()
    event, data = "message", []
    for line in response.iter_lines():
        if line.startswith("event:"):
            event = line.split(":", 1)[1].strip()
        elif line.startswith("data:"):
            data.append(line.split(":", 1)[1].strip())
        elif not line and data:
            yield event, json.loads("\n".join(data)), time.monotonic() - started
            event, data = "message", []


def test_a_generation_streams_its_steps_then_the_problem(
    api: httpx.Client, auth_headers: Headers, user_id: Callable[..., str]
) -> None:
    headers = auth_headers("stream-alice")
    body = {"prompt": "딸기가 등장하는 피보나치 문제", "difficulty": "쉬움"}
    seen: list[tuple[str, Any, float]] = []
    with api.stream("POST", "/generate", json=body, headers=headers, timeout=120) as response:
        assert response.status_code == 200
        assert response.headers["content-type"].startswith("text/event-stream")
        seen = list(frames(response))
    events = [event for event, _, _ in seen]
    statuses = [data for event, data, _ in seen if event == "status"]
    assert events.count("result") == 1
    assert "error" not in events
    assert statuses[-1] == {
        "step": 11,
        "name": "done",
        "message": "✅ Generation complete!",
        "progress": 100,
    }
    progress = [status["progress"] for status in statuses]
    assert progress == sorted(progress)
    assert statuses[0]["step"] == 1
    # Frames arrive as the steps happen, not all at the end.
    first_at = seen[0][2]
    result_at = next(at for event, _, at in seen if event == "result")
    assert first_at < result_at
    payload = next(data for event, data, _ in seen if event == "result")["payload"]
    assert payload["creatorId"] == user_id("stream-alice")
    assert payload["generationStatus"] == "completed"
    # Listed publicly (other tests' problems may fill the newest page, so the creator's list).
    listed = api.get("/problems", params={"creatorId": payload["creatorId"]}).json()["items"]
    assert payload["problemId"] in {item["problemId"] for item in listed}


@pytest.mark.parametrize(
    ("body", "where"),
    [
        ({"prompt": ""}, "prompt"),
        ({"prompt": "   "}, "prompt"),
        ({"prompt": "x" * 2001}, "prompt"),
        ({"prompt": "BFS", "difficulty": "impossible"}, "difficulty"),
        ({"prompt": "BFS", "mode": "interactive"}, "mode"),
        ({"difficulty": "Easy"}, "prompt"),
    ],
)
def test_a_bad_request_is_a_json_400_before_streaming(
    api: httpx.Client, auth_headers: Headers, body: dict[str, Any], where: str
) -> None:
    response = api.post("/generate", json=body, headers=auth_headers("stream-bad"))
    assert response.status_code == 400
    assert response.headers["content-type"].startswith("application/json")
    assert response.json()["code"] == "bad_request"
    assert response.json()["details"][0]["loc"] == ["body", where]


def test_no_token_is_a_json_401(api: httpx.Client) -> None:
    response = api.post("/generate", json={"prompt": "BFS"})
    assert (response.status_code, response.json()["code"]) == (401, "unauthorized")


def test_one_generation_at_a_time_per_user(
    api: httpx.Client, auth_headers: Headers, user_id: Callable[..., str]
) -> None:
    lease = take_lease(user_id("stream-busy"))  # as if one were running on another instance
    try:
        response = api.post(
            "/generate", json={"prompt": "BFS"}, headers=auth_headers("stream-busy")
        )
        assert response.status_code == 429
        assert response.json()["code"] == "too_many_requests"
        assert 0 < int(response.headers["Retry-After"]) <= 30
    finally:
        lease.release()
    take_lease(user_id("stream-busy")).release()  # released, it can be taken again


def test_the_daily_budget_is_counted_in_dynamodb(
    api: httpx.Client, auth_headers: Headers, rate_limits: Any
) -> None:
    rate_limits.lower(generations=1)
    headers = auth_headers("stream-daily")
    with api.stream("POST", "/generate", json={"prompt": "A + B"}, headers=headers) as first:
        assert first.status_code == 200
        for _ in frames(first):
            pass
    second = api.post("/generate", json={"prompt": "A + B"}, headers=headers)
    assert second.status_code == 429
    assert "Too many generations" in second.json()["message"]
    assert int(second.headers["Retry-After"]) <= 86_400


def test_a_client_that_leaves_cancels_the_generation(
    api: httpx.Client, auth_headers: Headers, user_id: Callable[..., str]
) -> None:
    headers = auth_headers("stream-leaver")
    with api.stream("POST", "/generate", json={"prompt": "피보나치"}, headers=headers) as response:
        event, _, _ = next(frames(response))
        assert event == "status"
    # The pipeline stops at its next step and gives the user's slot back.
    deadline = time.monotonic() + 60
    while True:
        try:
            take_lease(user_id("stream-leaver")).release()
            break
        except Exception:
            assert time.monotonic() < deadline, "the generation's slot was never given back"
            time.sleep(0.2)
