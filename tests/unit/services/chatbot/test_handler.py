"""`stream(body, claims)`: everything refusable is refused before the stream (400, 401, 404, 429),
then the original client's body gets a tutored answer. Problems and submissions live in DynamoDB
Local."""

from __future__ import annotations

import asyncio
import json
import uuid
from collections.abc import Callable
from typing import Any

import pytest

from alpaco.kernel import dynamo
from alpaco.kernel.auth import Claims
from alpaco.kernel.config import reset_settings
from alpaco.kernel.http import ApiError
from alpaco.kernel.llm.port import LlmError
from alpaco.kernel.tables import SUBMISSIONS
from alpaco.services.chatbot import handler
from alpaco.services.chatbot.handler import stream
from alpaco.services.chatbot.schemas import MAX_CODE_CHARS, MAX_HISTORY_TURNS, MAX_MESSAGE_CHARS

CASES = [
    {"input": {"nums": [1, 2]}, "expected_output": 3, "isSample": True},
    {"input": {"nums": [9]}, "expected_output": 9, "isSample": False},
]


def claims(name: str | None = None) -> Claims:
    user = name or f"u-{uuid.uuid4().hex[:8]}"
    return Claims(user, user, None, ())


def body(problem_id: str = "p", **fields: Any) -> bytes:
    return json.dumps(
        {"newMessage": "hint?", "problemDetails": {"id": problem_id}, **fields}
    ).encode()


def refusal(raw: bytes, who: Claims | None = None) -> ApiError:
    with pytest.raises(ApiError) as refused:
        stream(raw, who or claims())
    return refused.value


def frames(raw: bytes, who: Claims) -> list[Any]:
    async def run() -> list[Any]:
        return [event.data async for event in stream(raw, who)]

    return asyncio.run(run())


def text_of(sent: list[Any]) -> str:
    return "".join(f["token"] for f in sent if isinstance(f, dict) and "token" in f)


@pytest.fixture
def problem(put_problem: Callable[..., str]) -> str:
    return put_problem(
        CASES,
        tags=["math"],
        hints=["Add the numbers.", "Use sum().", "Empty lists sum to 0."],
        solutionCode="def solution(data):\n    return sum(data['nums'])\n",
        description="Sum the list.",
        description_translated="리스트를 더하세요.",
    )


def test_no_claims_is_401() -> None:
    with pytest.raises(ApiError) as refused:
        stream(body(), None)
    assert refused.value.status == 401


@pytest.mark.parametrize("raw", [b"", b"{not json", b"null", b'{"problemDetails": {"id": "p"}}'])
def test_a_body_without_a_message_is_the_originals_400(raw: bytes) -> None:
    error = refusal(raw)
    assert error.status == 400
    assert error.message == "Request body is missing, invalid, or missing 'newMessage' field."


@pytest.mark.parametrize(
    ("fields", "where"),
    [
        ({"newMessage": "x" * (MAX_MESSAGE_CHARS + 1)}, "newMessage"),
        ({"newMessage": "   "}, "newMessage"),
        ({"userCode": "x" * (MAX_CODE_CHARS + 1)}, "userCode"),
        ({"history": [{"role": "user", "content": "hi"}] * (MAX_HISTORY_TURNS + 1)}, "history"),
        ({"history": [{"role": "user", "content": "x" * 12_001}]}, "history.0.content"),
        ({"hintLevel": 5}, "hintLevel"),
        ({"locale": "fr"}, "locale"),
        ({"problemDetails": {"id": "x" * 129}}, "problemDetails.id"),
        ({"problemDetails": None}, "problemDetails"),
        ({"lastResult": {"results": [{"caseNumber": 0, "status": "WA"}]}}, "lastResult"),
    ],
)
def test_each_bound_is_a_400_that_names_its_field(fields: dict[str, Any], where: str) -> None:
    raw = json.dumps({"newMessage": "hint?", "problemDetails": {"id": "p"}, **fields}).encode()
    error = refusal(raw)
    assert error.status == 400
    assert any(".".join(map(str, d["loc"])).startswith(f"body.{where}") for d in error.details)


def test_an_unknown_or_unfinished_problem_is_404(put_problem: Callable[..., str]) -> None:
    assert refusal(body(f"missing-{uuid.uuid4()}")).status == 404
    draft = put_problem(CASES, generationStatus="generating", creatorId="someone-else")
    assert refusal(body(draft)).status == 404


def test_the_original_clients_body_gets_a_tutored_answer(problem: str) -> None:
    original = {
        "newMessage": "어떻게 시작하죠?",
        "problemDetails": {"id": problem, "title": "Client's title", "description": "ignored"},
        "userCode": None,
        "history": [{"role": "user", "content": "hi"}, {"role": "model", "content": "Hello!"}],
    }
    sent = frames(json.dumps(original).encode(), claims())
    assert sent[0] == {"hintLevel": 1, "language": "ko"}
    assert text_of(sent).startswith("**힌트 1/4 · 개념**")
    assert sent[-1] == "[DONE]"


def test_a_grading_response_points_at_the_failing_sample(problem: str) -> None:
    grading = {
        "status": "WRONG_ANSWER",
        "results": [{"caseNumber": 1, "status": "WRONG_ANSWER", "actualOutput": 4}],
    }
    sent = frames(body(problem, lastResult=grading, hintLevel=3), claims())
    assert 'Sample 1 fails: input {"nums": [1, 2]}, expected 3, your code gave 4.' in text_of(sent)


def put_submission(owner: Claims, problem_id: str) -> str:
    submission_id = str(uuid.uuid4())
    item = {
        "submissionId": submission_id,
        "problemId": problem_id,
        "userId": owner.user_id,
        "is_submission": "Y",
        "submissionTime": 1,
        "status": "WRONG_ANSWER",
        "results": [
            {"caseNumber": 1, "status": "ACCEPTED", "isSample": True},
            {"caseNumber": 2, "status": "WRONG_ANSWER", "isSample": False},
        ],
    }
    dynamo.client().put_item(TableName=SUBMISSIONS.name, Item=dynamo.to_item(item))
    return submission_id


def test_a_submission_id_names_one_of_the_callers_own_submissions(problem: str) -> None:
    owner = claims()
    submission = put_submission(owner, problem)
    sent = frames(body(problem, lastResult=submission, hintLevel=3), owner)
    assert "hidden case 2 ends in WRONG_ANSWER" in text_of(sent)
    assert refusal(body(problem, lastResult=submission), claims()).status == 404
    assert refusal(body(problem, lastResult=str(uuid.uuid4())), owner).status == 404


def test_past_the_daily_quota_is_429_and_refusals_before_it_spend_nothing(
    problem: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ALPACO_CHAT_MESSAGES_PER_DAY", "2")
    reset_settings()
    student = claims()
    try:
        assert refusal(body(f"missing-{uuid.uuid4()}"), student).status == 404
        for _ in range(2):
            frames(body(problem), student)
        error = refusal(body(problem), student)
        assert (error.status, error.headers().keys()) == (429, {"Retry-After"})
    finally:
        monkeypatch.undo()
        reset_settings()


def test_a_model_that_cannot_be_set_up_is_503_and_spends_nothing(
    problem: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_key() -> None:
        raise LlmError("no API key for the model: set GEMINI_API_KEY or GOOGLE_API_KEY")

    monkeypatch.setattr(handler, "get_provider", no_key)
    student = claims()
    error = refusal(body(problem), student)
    assert (error.status, error.code) == (503, "unavailable")
    assert "GEMINI_API_KEY" in error.message
    monkeypatch.undo()
    monkeypatch.setenv("ALPACO_CHAT_MESSAGES_PER_DAY", "1")
    reset_settings()
    try:
        assert frames(body(problem), student)[-1] == "[DONE]"
    finally:
        monkeypatch.undo()
        reset_settings()
