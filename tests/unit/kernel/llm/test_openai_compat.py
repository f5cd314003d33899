"""The OpenAI-compatible provider through the real openai client, against recorded responses."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

import pytest
from pydantic import BaseModel

from alpaco.kernel.llm.openai_compat import DEFAULT_MODEL, OpenAiCompatProvider
from alpaco.kernel.llm.port import LlmError, LlmRequest, Usage

KEY = "sk-proj-FAKE-openai-key-for-tests-0000"


class Intent(BaseModel):
    title: str
    difficulty: str
    tags: list[str]


def provider(url: str, model: str = DEFAULT_MODEL) -> OpenAiCompatProvider:
    return OpenAiCompatProvider(api_key=KEY, base_url=f"{url}/v1", model=model)


async def collect(pieces: AsyncIterator[str]) -> list[str]:
    return [piece async for piece in pieces]


def test_a_schema_asks_for_a_json_schema_answer_that_parses_into_it(fake_api):
    fake_api.recorded("openai/chat_completion.json")
    request = LlmRequest(step="intent", system="You design problems.", prompt="BFS", schema=Intent)

    answer = provider(fake_api.url).complete(request)

    assert Intent.model_validate_json(answer.text).tags == ["bfs", "grid"]
    sent = fake_api.seen[0]
    assert sent.path == "/v1/chat/completions"
    assert sent.headers["authorization"] == f"Bearer {KEY}"
    assert sent.body["messages"] == [
        {"role": "system", "content": "You design problems."},
        {"role": "user", "content": "BFS"},
    ]
    response_format = sent.body["response_format"]
    assert response_format["type"] == "json_schema"
    assert response_format["json_schema"]["name"] == "Intent"
    assert response_format["json_schema"]["schema"] == Intent.model_json_schema()
    assert (sent.body["model"], sent.body["max_tokens"]) == (DEFAULT_MODEL, 8192)


def test_any_compatible_server_and_model_can_be_named(fake_api):
    """An Ollama or vLLM server is only another base URL, model name and (dummy) key."""
    fake_api.recorded("openai/chat_completion.json")

    provider(fake_api.url, model="qwen3:8b").complete(LlmRequest("tutor", "", "hint?"))

    assert fake_api.seen[0].body["model"] == "qwen3:8b"
    assert "response_format" not in fake_api.seen[0].body
    assert [m["role"] for m in fake_api.seen[0].body["messages"]] == ["user"]


def test_usage_is_recorded_and_logged(fake_api, llm_calls):
    fake_api.recorded("openai/chat_completion.json")

    answer = provider(fake_api.url).complete(LlmRequest("title", "", "BFS"))

    assert answer.usage == Usage(input_tokens=42, output_tokens=17)
    [line] = llm_calls()
    assert line["usage"] == {"input": 42, "output": 17}
    assert (line["provider"], line["model"], line["outcome"]) == ("openai", DEFAULT_MODEL, "ok")


def test_a_stream_yields_the_text_as_it_arrives_and_asks_for_usage(fake_api, llm_calls):
    fake_api.recorded("openai/chat_completion_stream.sse")

    pieces = asyncio.run(collect(provider(fake_api.url).stream(LlmRequest("tutor", "", "hint?"))))

    assert pieces == ["Think about ", "which cells are ", "reached first."]
    sent = fake_api.seen[0].body
    assert sent["stream"] is True
    assert sent["stream_options"] == {"include_usage": True}
    [line] = llm_calls()
    assert line["usage"] == {"input": 30, "output": 9}


def test_a_refusal_is_an_error_not_an_empty_answer(fake_api):
    fake_api.json(
        200,
        {
            "id": "chatcmpl-1",
            "object": "chat.completion",
            "created": 1,
            "model": DEFAULT_MODEL,
            "choices": [
                {
                    "index": 0,
                    "message": {"role": "assistant", "content": None, "refusal": "I can't."},
                    "finish_reason": "stop",
                }
            ],
        },
    )

    with pytest.raises(LlmError, match="refused"):
        provider(fake_api.url).complete(LlmRequest("intent", "", "BFS"))
    assert len(fake_api.seen) == 1
