"""The Gemini provider through the real google-genai client, against recorded responses."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

import pytest
from pydantic import BaseModel

from alpaco.kernel.llm.gemini import DEFAULT_MODEL, GeminiProvider
from alpaco.kernel.llm.port import LlmError, LlmRequest, Usage

KEY = "AIzaSyFAKE-gemini-key-for-tests-0000000"


class Intent(BaseModel):
    title: str
    difficulty: str
    tags: list[str]


def provider(url: str) -> GeminiProvider:
    return GeminiProvider(api_key=KEY, base_url=url)


async def collect(pieces: AsyncIterator[str]) -> list[str]:
    return [piece async for piece in pieces]


def test_a_schema_asks_for_json_of_that_shape_and_the_answer_parses_into_it(fake_api, llm_calls):
    fake_api.recorded("gemini/generate_content.json")
    request = LlmRequest(step="intent", system="You design problems.", prompt="BFS", schema=Intent)

    answer = provider(fake_api.url).complete(request)

    assert Intent.model_validate_json(answer.text) == Intent(
        title="Strawberry Farm", difficulty="medium", tags=["bfs", "grid"]
    )
    sent = fake_api.seen[0]
    assert sent.path.endswith(f"/models/{DEFAULT_MODEL}:generateContent")
    assert sent.headers["x-goog-api-key"] == KEY
    config = sent.body["generationConfig"]
    assert config["responseMimeType"] == "application/json"
    assert set(config["responseSchema"]["properties"]) == {"title", "difficulty", "tags"}
    assert sent.body["systemInstruction"]["parts"] == [{"text": "You design problems."}]
    assert (answer.provider, answer.model) == ("gemini", DEFAULT_MODEL)


def test_usage_counts_thinking_as_output_and_is_logged_without_the_words(fake_api, llm_calls):
    fake_api.recorded("gemini/generate_content.json")

    answer = provider(fake_api.url).complete(LlmRequest(step="title", system="", prompt="BFS"))

    assert answer.usage == Usage(input_tokens=42, output_tokens=17 + 120)
    [line] = llm_calls()
    assert line["usage"] == {"input": 42, "output": 137}
    assert line["step"] == "title"
    assert line["provider"] == "gemini"
    assert line["attempt"] == 1
    assert line["outcome"] == "ok"
    assert "Strawberry" not in str(line)
    assert "systemInstruction" not in fake_api.seen[0].body


def test_without_a_schema_no_json_is_asked_for(fake_api):
    fake_api.recorded("gemini/generate_content.json")

    provider(fake_api.url).complete(LlmRequest(step="tutor", system="", prompt="hint?"))

    assert "responseMimeType" not in fake_api.seen[0].body.get("generationConfig", {})


def test_a_stream_yields_the_text_as_it_arrives_and_records_usage(fake_api, llm_calls):
    fake_api.recorded("gemini/stream_generate_content.sse")
    request = LlmRequest(step="tutor", system="You are a tutor.", prompt="hint?")

    pieces = asyncio.run(collect(provider(fake_api.url).stream(request)))

    assert pieces == ["Think about ", "which cells are ", "reached first."]
    assert fake_api.seen[0].path.endswith(f"/models/{DEFAULT_MODEL}:streamGenerateContent?alt=sse")
    [line] = llm_calls()
    assert line["usage"] == {"input": 30, "output": 9}
    assert line["outcome"] == "ok"


def test_a_blocked_prompt_is_an_error_that_says_why_and_is_not_retried(fake_api):
    fake_api.json(200, {"promptFeedback": {"blockReason": "SAFETY"}, "modelVersion": DEFAULT_MODEL})

    with pytest.raises(LlmError, match="no text \\(prompt blocked: SAFETY\\)"):
        provider(fake_api.url).complete(LlmRequest(step="intent", system="", prompt="BFS"))
    assert len(fake_api.seen) == 1
