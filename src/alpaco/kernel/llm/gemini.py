"""Gemini through google-genai: structured output from the step's pydantic schema, streaming.

The SDK's own retries are left off (no `retry_options`): `SdkProvider` retries, logs and words
errors the same way for every provider.
"""

from __future__ import annotations

from collections.abc import AsyncGenerator

import httpx2
from google import genai
from google.genai import errors, types

from alpaco.kernel.llm._retry import RetryPolicy, is_transient_status
from alpaco.kernel.llm._sdk import Failure, Piece, SdkProvider
from alpaco.kernel.llm.port import LlmError, LlmRequest, Usage

DEFAULT_MODEL = "gemini-3.8-flash"


class GeminiProvider(SdkProvider):
    name = "gemini"

    def __init__(
        self,
        *,
        api_key: str,
        model: str = DEFAULT_MODEL,
        base_url: str | None = None,
        timeout_seconds: float = 120,
        retry: RetryPolicy | None = None,
    ) -> None:
        super().__init__(model=model, timeout_seconds=timeout_seconds, retry=retry, secret=api_key)
        options = types.HttpOptions(base_url=base_url, timeout=round(timeout_seconds * 1000))
        self._client = genai.Client(api_key=api_key, vertexai=False, http_options=options)

    def _ask(self, request: LlmRequest) -> Piece:
        response = self._client.models.generate_content(
            model=self.model, contents=request.prompt, config=_config(request)
        )
        if response.text is None:
            raise LlmError(f"the answer has no text ({_why_empty(response)})")
        return Piece(response.text, _usage(response))

    async def _pieces(self, request: LlmRequest) -> AsyncGenerator[Piece, None]:
        chunks = await self._client.aio.models.generate_content_stream(
            model=self.model, contents=request.prompt, config=_config(request)
        )
        async for chunk in chunks:
            yield Piece(chunk.text or "", _usage(chunk))

    def _classify(self, exc: Exception) -> Failure | None:
        if isinstance(exc, errors.APIError):
            reason = f"HTTP {exc.code} {exc.status or ''}: {exc.message or ''}".strip(" :")
            return Failure(reason, transient=is_transient_status(exc.code))
        if isinstance(exc, httpx2.TimeoutException):
            return self._timed_out()
        if isinstance(exc, httpx2.TransportError):
            return Failure(f"connection failed ({type(exc).__name__})", transient=True)
        if isinstance(exc, errors.UnknownApiResponseError):
            # Its message quotes the whole body, which may hold the answer: name it, never quote.
            return Failure("the service's response was not readable", transient=True)
        return None


def _config(request: LlmRequest) -> types.GenerateContentConfig:
    return types.GenerateContentConfig(
        system_instruction=request.system or None,
        temperature=request.temperature,
        max_output_tokens=request.max_output_tokens,
        response_mime_type="application/json" if request.schema else None,
        response_schema=request.schema,
    )


def _usage(response: types.GenerateContentResponse) -> Usage | None:
    """Thinking tokens are billed as output, so they count as output here."""
    meta = response.usage_metadata
    if meta is None:
        return None
    output = (meta.candidates_token_count or 0) + (meta.thoughts_token_count or 0)
    return Usage(input_tokens=meta.prompt_token_count or 0, output_tokens=output)


def _why_empty(response: types.GenerateContentResponse) -> str:
    feedback = response.prompt_feedback
    if feedback and feedback.block_reason:
        return f"prompt blocked: {feedback.block_reason.value}"
    if response.candidates and response.candidates[0].finish_reason:
        return f"finish reason {response.candidates[0].finish_reason.value}"
    return "no candidates"
