"""One answer as events: the level frame, tokens through the guard, `[DONE]`, failures as one
`error` frame, a student who leaves, and the log line, which never holds the code."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator, Sequence
from types import SimpleNamespace
from typing import Any

import pytest

from alpaco.kernel.llm.port import LlmAnswer, LlmError, LlmRequest
from alpaco.services.chatbot.ladder import rung
from alpaco.services.chatbot.problem import TutorProblem
from alpaco.services.chatbot.tutor import Lesson, answer, plan

LOGGER = "alpaco-chatbot"


class Scripted:
    """A model that says `pieces`, then fails with `error` if one is given."""

    name = "scripted"

    def __init__(self, pieces: Sequence[str], error: Exception | None = None) -> None:
        self.pieces = pieces
        self.error = error
        self.closed = False
        self.requests: list[LlmRequest] = []

    def complete(self, request: LlmRequest) -> LlmAnswer:
        raise NotImplementedError

    async def stream(self, request: LlmRequest) -> AsyncIterator[str]:
        self.requests.append(request)
        try:
            for piece in self.pieces:
                await asyncio.sleep(0)
                yield piece
            if self.error is not None:
                raise self.error
        finally:
            self.closed = True


@pytest.fixture
def lesson(redteam: SimpleNamespace) -> Lesson:
    problem: TutorProblem = redteam.tutor_problem("pair_sum_count")
    return plan(
        user_id="u1",
        problem=problem,
        rung=rung(2),
        language="en",
        message="hint please",
        code=problem.start_code,
        history=[],
        failure=None,
        pressure=False,
    )


def frames(lesson: Lesson, provider: Scripted) -> list[Any]:
    async def run() -> list[Any]:
        return [event.data async for event in answer(lesson, provider)]

    return asyncio.run(run())


def test_the_answer_streams_as_the_originals_frames(lesson: Lesson) -> None:
    provider = Scripted(["Sort the ", "moods first. ", "Then?\n"])
    assert frames(lesson, provider) == [
        {"hintLevel": 2, "language": "en"},
        {"token": "Sort the "},
        {"token": "moods first. "},
        {"token": "Then?\n"},
        "[DONE]",
    ]
    (request,) = provider.requests
    assert request.step == "tutor"
    assert request.context["level"] == 2


def test_leaked_code_becomes_the_stand_in(lesson: Lesson) -> None:
    leak = f"Here:\n```python\n{lesson.problem.solution}```\n"
    sent = frames(lesson, Scripted([leak[i : i + 9] for i in range(0, len(leak), 9)]))
    text = "".join(f["token"] for f in sent if isinstance(f, dict) and "token" in f)
    assert "pairs += hi - lo" not in text
    assert "too close to the solution" in text
    assert sent[-1] == "[DONE]"


def test_a_model_failure_after_the_first_words_is_one_error_frame(lesson: Lesson) -> None:
    sent = frames(lesson, Scripted(["Sort first. "], LlmError("gemini could not answer: HTTP 503")))
    assert sent[-2:] == [
        {"token": "Sort first. "},
        {
            "error": "Failed to get response from LLM",
            "details": "gemini could not answer: HTTP 503",
        },
    ]


def test_a_bug_is_an_error_frame_without_its_trace(lesson: Lesson) -> None:
    sent = frames(lesson, Scripted([], RuntimeError("secret internals")))
    assert sent[-1] == {
        "error": "The tutor failed unexpectedly; please try again.",
        "details": "The tutor failed unexpectedly; please try again.",
    }


def test_a_student_who_leaves_stops_the_model_too(lesson: Lesson) -> None:
    provider = Scripted(["one. ", "two. ", "three. "] * 10)

    async def leave_early() -> None:
        events = answer(lesson, provider)
        await anext(events)
        await anext(events)
        await events.aclose()  # type: ignore[attr-defined]

    asyncio.run(leave_early())
    assert provider.closed


def test_the_log_line_says_what_was_withheld_but_not_the_code(
    lesson: Lesson, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger=LOGGER)
    frames(lesson, Scripted([f"```\n{lesson.problem.solution}```\n"]))
    (record,) = [r for r in caplog.records if r.name == LOGGER]
    fields = record.__dict__
    assert record.getMessage() == "tutor code withheld"
    assert fields["withheld"] == [{"place": "fenced", "reference": "solution", "share": 1.0}]
    assert (fields["hint_level"], fields["outcome"], fields["user_id"]) == (2, "ok", "u1")
    assert fields["first_text_ms"] is not None
    assert "hi - lo" not in repr(fields)
