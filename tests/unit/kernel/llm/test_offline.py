"""The offline provider: each step answered by the answerer its service registered."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

import pytest

from alpaco.kernel.llm.offline import OfflineProvider, registry
from alpaco.kernel.llm.port import LlmError, LlmRequest, Usage


async def collect(pieces: AsyncIterator[str]) -> list[str]:
    return [piece async for piece in pieces]


def test_a_step_is_answered_by_its_answerer_from_the_requests_context(llm_calls):
    offline = OfflineProvider()
    offline.register("title", lambda request: f"Title about {request.context['topic']}")
    offline.register("intent", lambda request: "{}")

    answer = offline.complete(LlmRequest("title", "", "", context={"topic": "strawberries"}))

    assert answer.text == "Title about strawberries"
    assert (answer.provider, answer.usage) == ("offline", Usage())
    [line] = llm_calls()
    assert (line["step"], line["provider"], line["outcome"]) == ("title", "offline", "ok")


def test_the_last_registration_for_a_step_wins():
    offline = OfflineProvider()
    offline.register("title", lambda request: "first")
    offline.register("title", lambda request: "second")

    assert offline.complete(LlmRequest("title", "", "")).text == "second"


def test_a_step_with_no_answerer_is_an_error_that_says_what_to_do():
    offline = OfflineProvider()
    offline.register("title", lambda request: "t")
    offline.register("intent", lambda request: "i")

    with pytest.raises(LlmError) as raised:
        offline.complete(LlmRequest("tutor", "", ""))

    message = str(raised.value)
    assert "no answerer for step 'tutor'" in message
    assert "registered: intent, title" in message
    assert "ALPACO_LLM_PROVIDER" in message


def test_a_stream_gives_the_answer_in_a_few_pieces():
    offline = OfflineProvider()
    offline.register("tutor", lambda request: "Try a queue: visit each cell once, level by level.")

    pieces = asyncio.run(collect(offline.stream(LlmRequest("tutor", "", ""))))

    assert 1 < len(pieces) <= 4
    assert "".join(pieces) == "Try a queue: visit each cell once, level by level."


def test_the_process_has_one_registry():
    assert registry() is registry()
    assert isinstance(registry(), OfflineProvider)
