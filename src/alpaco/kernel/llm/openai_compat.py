"""Any OpenAI-compatible chat-completions endpoint: OpenAI itself, Ollama, vLLM.

Only the widely shared surface is used (system and user messages, `temperature`, `max_tokens`,
`response_format` with a JSON schema, streamed usage), so a local server answers the same
requests as OpenAI does. The SDK's own retries are off: `SdkProvider` retries for every provider.
"""

from __future__ import annotations

import re
from collections.abc import AsyncGenerator

import openai
from openai import Omit
from openai.types.chat import ChatCompletionMessageParam
from openai.types.chat.completion_create_params import ResponseFormat
from openai.types.completion_usage import CompletionUsage
from pydantic import BaseModel

from alpaco.kernel.llm._retry import RetryPolicy, is_transient_status
from alpaco.kernel.llm._sdk import Failure, Piece, SdkProvider
from alpaco.kernel.llm.port import LlmError, LlmRequest, Usage

DEFAULT_BASE_URL = "https://api.openai.com/v1"
# Not a reasoning model: those refuse a `temperature` other than 1 and `max_tokens`, which every
# OpenAI-compatible server accepts.
DEFAULT_MODEL = "gpt-4.1-mini"


class OpenAiCompatProvider(SdkProvider):
    name = "openai"

    def __init__(
        self,
        *,
        api_key: str,
        model: str = DEFAULT_MODEL,
        base_url: str = DEFAULT_BASE_URL,
        timeout_seconds: float = 120,
        retry: RetryPolicy | None = None,
    ) -> None:
        super().__init__(model=model, timeout_seconds=timeout_seconds, retry=retry, secret=api_key)
        self._api_key = api_key
        self._base_url = base_url
        self._client = openai.OpenAI(
            api_key=api_key, base_url=base_url, timeout=timeout_seconds, max_retries=0
        )

    def _ask(self, request: LlmRequest) -> Piece:
        completion = self._client.chat.completions.create(
            model=self.model,
            messages=_messages(request),
            temperature=request.temperature,
            max_tokens=request.max_output_tokens,
            response_format=_response_format(request.schema),
        )
        message = completion.choices[0].message if completion.choices else None
        if message is None or message.content is None:
            refused = message is not None and message.refusal is not None
            raise LlmError("the model refused to answer" if refused else "the answer has no text")
        return Piece(message.content, _usage(completion.usage))

    async def _pieces(self, request: LlmRequest) -> AsyncGenerator[Piece, None]:
        # An async client per stream: its connections belong to the event loop that opened
        # them, and a cached one breaks when a later stream runs on another loop.
        async with openai.AsyncOpenAI(
            api_key=self._api_key,
            base_url=self._base_url,
            timeout=self._timeout_seconds,
            max_retries=0,
        ) as client:
            chunks = await client.chat.completions.create(
                model=self.model,
                messages=_messages(request),
                temperature=request.temperature,
                max_tokens=request.max_output_tokens,
                response_format=_response_format(request.schema),
                stream=True,
                stream_options={"include_usage": True},
            )
            async with chunks:
                async for chunk in chunks:
                    text = chunk.choices[0].delta.content if chunk.choices else None
                    yield Piece(text or "", _usage(chunk.usage))

    def _classify(self, exc: Exception) -> Failure | None:
        if isinstance(exc, openai.APITimeoutError):
            return self._timed_out()
        if isinstance(exc, openai.APIConnectionError):
            cause = type(exc.__cause__ or exc).__name__
            return Failure(f"connection failed ({cause})", transient=True)
        if isinstance(exc, openai.APIStatusError):
            status = exc.status_code
            message = exc.message.removeprefix(f"Error code: {status} - ")
            return Failure(f"HTTP {status}: {message}", transient=is_transient_status(status))
        if isinstance(exc, openai.OpenAIError):
            return Failure(f"{type(exc).__name__}: {exc}", transient=False)
        return None


def _messages(request: LlmRequest) -> list[ChatCompletionMessageParam]:
    messages: list[ChatCompletionMessageParam] = []
    if request.system:
        messages.append({"role": "system", "content": request.system})
    messages.append({"role": "user", "content": request.prompt})
    return messages


def _response_format(schema: type[BaseModel] | None) -> ResponseFormat | Omit:
    """Not `strict`: OpenAI's strict mode wants every field required and no extra properties,
    which a pydantic schema with defaults is not; the step validates the answer anyway."""
    if schema is None:
        return openai.omit
    name = re.sub(r"[^A-Za-z0-9_-]", "_", schema.__name__)[:64]
    return {
        "type": "json_schema",
        "json_schema": {"name": name, "schema": schema.model_json_schema()},
    }


def _usage(usage: CompletionUsage | None) -> Usage | None:
    if usage is None:
        return None
    return Usage(input_tokens=usage.prompt_tokens or 0, output_tokens=usage.completion_tokens or 0)
