"""Retries, timeouts and safe errors (`_sdk`), through both real SDKs against recorded responses."""

from __future__ import annotations

import asyncio
import socket
import traceback
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass
from typing import Any

import pytest

from alpaco.kernel.llm._retry import RetryPolicy
from alpaco.kernel.llm.gemini import GeminiProvider
from alpaco.kernel.llm.openai_compat import OpenAiCompatProvider
from alpaco.kernel.llm.port import LlmError, LlmProvider, LlmRequest

FAST = RetryPolicy(attempts=3, base_seconds=0.001, cap_seconds=0.01)
REQUEST = LlmRequest(step="solution", system="SYSTEM-WORDS", prompt="PROMPT-WORDS")


@dataclass(frozen=True)
class Dialect:
    """One API's recorded replies, and how its provider is built against a given server."""

    name: str
    key: str
    answer: str
    stream: str
    build: Callable[[str, str, float, RetryPolicy], LlmProvider]
    error_with_message: Callable[[int, str], dict[str, Any]]

    def provider(self, url: str, timeout: float = 5, retry: RetryPolicy = FAST) -> LlmProvider:
        return self.build(url, self.key, timeout, retry)


GEMINI = Dialect(
    name="gemini",
    key="AIzaSyFAKE-gemini-key-for-tests-0000000",
    answer="gemini/generate_content.json",
    stream="gemini/stream_generate_content.sse",
    build=lambda url, key, timeout, retry: GeminiProvider(
        api_key=key, base_url=url, timeout_seconds=timeout, retry=retry
    ),
    error_with_message=lambda status, message: {
        "error": {"code": status, "message": message, "status": "UNAUTHENTICATED"}
    },
)
OPENAI = Dialect(
    name="openai",
    key="sk-proj-FAKE-openai-key-for-tests-0000",
    answer="openai/chat_completion.json",
    stream="openai/chat_completion_stream.sse",
    build=lambda url, key, timeout, retry: OpenAiCompatProvider(
        api_key=key, base_url=f"{url}/v1", timeout_seconds=timeout, retry=retry
    ),
    error_with_message=lambda status, message: {
        "error": {"message": message, "type": "invalid_request_error", "code": "invalid_api_key"}
    },
)


@pytest.fixture(params=[GEMINI, OPENAI], ids=lambda dialect: dialect.name)
def api(request: pytest.FixtureRequest) -> Dialect:
    return request.param


def error(api: Dialect, status: int) -> str:
    return f"{api.name}/error_{status}.json"


async def collect(pieces: AsyncIterator[str]) -> str:
    return "".join([piece async for piece in pieces])


def ask(provider: LlmProvider, streaming: bool) -> str:
    if streaming:
        return asyncio.run(collect(provider.stream(REQUEST)))
    return provider.complete(REQUEST).text


@pytest.mark.parametrize("status", [429, 503])
def test_a_transient_error_is_retried_and_the_answer_still_comes(api, fake_api, llm_calls, status):
    fake_api.recorded(error(api, status), status=status)
    fake_api.recorded(api.answer)

    answer = api.provider(fake_api.url).complete(REQUEST)

    assert "Strawberry Farm" in answer.text
    assert len(fake_api.seen) == 2
    [line] = llm_calls()
    assert (line["attempt"], line["outcome"]) == (2, "ok")


def test_a_permanent_error_is_not_retried(api, fake_api, llm_calls):
    fake_api.recorded(error(api, 400), status=400)

    with pytest.raises(LlmError, match=f"^{api.name} could not answer step 'solution': HTTP 400"):
        api.provider(fake_api.url).complete(REQUEST)

    assert len(fake_api.seen) == 1
    [line] = llm_calls()
    assert (line["attempt"], line["outcome"]) == (1, "error")
    assert "HTTP 400" in line["error"]


def test_retries_stop_after_the_last_attempt(api, fake_api):
    for _ in range(FAST.attempts):
        fake_api.recorded(error(api, 503), status=503)

    with pytest.raises(LlmError, match=f"after {FAST.attempts} attempts: HTTP 503"):
        api.provider(fake_api.url).complete(REQUEST)

    assert len(fake_api.seen) == FAST.attempts


def test_a_call_that_outlives_its_timeout_is_an_llm_error(api, fake_api):
    retry = RetryPolicy(attempts=2, base_seconds=0.001)
    for _ in range(retry.attempts):
        fake_api.recorded(api.answer, delay_seconds=1.5)

    with pytest.raises(LlmError, match=r"after 2 attempts: no answer within 0\.3 s"):
        api.provider(fake_api.url, timeout=0.3, retry=retry).complete(REQUEST)

    assert len(fake_api.seen) == 2


def test_a_server_that_cannot_be_reached_is_an_llm_error(api):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        url = f"http://127.0.0.1:{probe.getsockname()[1]}"  # closed again before the call

    with pytest.raises(LlmError, match=r"after 3 attempts: connection failed"):
        api.provider(url).complete(REQUEST)


def test_a_stream_that_fails_before_its_first_text_is_retried(api, fake_api, llm_calls):
    fake_api.recorded(error(api, 503), status=503)
    fake_api.recorded(api.stream)

    text = ask(api.provider(fake_api.url), streaming=True)

    assert text == "Think about which cells are reached first."
    assert len(fake_api.seen) == 2
    [line] = llm_calls()
    assert (line["attempt"], line["outcome"]) == (2, "ok")


def test_a_stream_with_a_permanent_error_is_an_llm_error(api, fake_api):
    fake_api.recorded(error(api, 400), status=400)

    with pytest.raises(LlmError, match="HTTP 400"):
        ask(api.provider(fake_api.url), streaming=True)
    assert len(fake_api.seen) == 1


@pytest.mark.parametrize("streaming", [False, True], ids=["complete", "stream"])
def test_a_key_the_sdk_puts_in_its_exception_reaches_neither_the_error_nor_the_log(
    api, fake_api, caplog, llm_calls, streaming
):
    """A proxy in front of the API that quotes the key back must not make us leak it."""
    fake_api.json(401, api.error_with_message(401, f"API key {api.key} is not valid."))

    with pytest.raises(LlmError) as raised:
        ask(api.provider(fake_api.url), streaming)

    shown = "".join(traceback.format_exception(raised.value))
    assert "HTTP 401" in shown
    assert "[redacted] is not valid" in str(raised.value)
    assert api.key not in shown
    [line] = llm_calls()
    assert api.key not in str(line)
    assert api.key not in caplog.text
    assert all(api.key not in str(vars(record)) for record in caplog.records)


def test_the_prompt_and_the_answer_never_reach_the_log(api, fake_api, caplog, llm_calls):
    fake_api.recorded(api.answer)
    fake_api.recorded(api.stream)
    provider = api.provider(fake_api.url)

    ask(provider, streaming=False)
    ask(provider, streaming=True)

    assert len(llm_calls()) == 2
    logged = caplog.text + "".join(str(vars(record)) for record in caplog.records)
    for words in ("SYSTEM-WORDS", "PROMPT-WORDS", "Strawberry", "cells are"):
        assert words not in logged
