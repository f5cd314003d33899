"""What every provider behind an SDK shares: retries, the log line, errors safe to show.

A provider says how to make one attempt (`_ask`, or `_pieces` for a stream) and how to read its
SDK's exceptions (`_classify`: a `Failure`, or `None` for an exception that is a bug here and
must surface as it is). Whatever the SDK put in its exception, the key is cut out before the
reason reaches an `LlmError` or a log line, and the SDK's exception is not chained to the
`LlmError`: a traceback printed later would otherwise show it, key and all.
"""

from __future__ import annotations

import asyncio
import time
from abc import ABC, abstractmethod
from collections.abc import AsyncGenerator, AsyncIterator
from contextlib import aclosing
from dataclasses import dataclass

from alpaco.kernel.llm._retry import RetryPolicy
from alpaco.kernel.llm._telemetry import log_call
from alpaco.kernel.llm.port import LlmAnswer, LlmError, LlmRequest, Usage

REDACTED = "[redacted]"


@dataclass(frozen=True)
class Failure:
    """Why an attempt failed, and whether trying again may help."""

    reason: str
    transient: bool


@dataclass(frozen=True)
class Piece:
    """Text from the model; the usage is known only on the last piece of a stream."""

    text: str
    usage: Usage | None = None


class SdkProvider(ABC):
    name: str

    def __init__(
        self, *, model: str, timeout_seconds: float, retry: RetryPolicy | None, secret: str
    ) -> None:
        self.model = model
        self._timeout_seconds = timeout_seconds
        self._retry = retry or RetryPolicy()
        self._secret = secret

    @abstractmethod
    def _ask(self, request: LlmRequest) -> Piece: ...

    @abstractmethod
    def _pieces(self, request: LlmRequest) -> AsyncGenerator[Piece, None]: ...

    @abstractmethod
    def _classify(self, exc: Exception) -> Failure | None: ...

    def complete(self, request: LlmRequest) -> LlmAnswer:
        started = time.monotonic()
        attempt = 0
        while True:
            attempt += 1
            try:
                piece = self._ask(request)
            except Exception as exc:
                failure = self._failure(exc)
                if failure is None:
                    raise
                if not self._worth_retrying(failure, attempt):
                    raise self._give_up(request, started, attempt, failure) from None
                time.sleep(self._retry.delay(attempt))
                continue
            self._log(request, started, attempt, usage=piece.usage)
            return LlmAnswer(piece.text, self.name, self.model, piece.usage or Usage())

    async def stream(self, request: LlmRequest) -> AsyncIterator[str]:
        """Retries only until the first text is out: after that the reader has part of an
        answer, and a second answer appended to it would read as one garbled answer."""
        started = time.monotonic()
        attempt = 0
        while True:
            attempt += 1
            usage: Usage | None = None
            begun = False
            try:
                async with aclosing(self._pieces(request)) as pieces:
                    async for piece in pieces:
                        usage = piece.usage or usage
                        if piece.text:
                            begun = True
                            yield piece.text
            except Exception as exc:
                failure = self._failure(exc)
                if failure is None:
                    raise
                if begun or not self._worth_retrying(failure, attempt):
                    raise self._give_up(request, started, attempt, failure) from None
                await asyncio.sleep(self._retry.delay(attempt))
                continue
            self._log(request, started, attempt, usage=usage)
            return

    def _failure(self, exc: Exception) -> Failure | None:
        if isinstance(exc, LlmError):  # the provider's own verdict on an answer (e.g. blocked)
            return Failure(self._scrub(str(exc)), transient=False)
        failure = self._classify(exc)
        if failure is None:
            return None
        return Failure(self._scrub(failure.reason), failure.transient)

    def _timed_out(self) -> Failure:
        return Failure(f"no answer within {self._timeout_seconds:g} s", transient=True)

    def _worth_retrying(self, failure: Failure, attempt: int) -> bool:
        return failure.transient and attempt < self._retry.attempts

    def _give_up(
        self, request: LlmRequest, started: float, attempt: int, failure: Failure
    ) -> LlmError:
        self._log(request, started, attempt, error=failure.reason)
        tries = f" after {attempt} attempts" if attempt > 1 else ""
        return LlmError(
            f"{self.name} could not answer step {request.step!r}{tries}: {failure.reason}"
        )

    def _log(
        self,
        request: LlmRequest,
        started: float,
        attempt: int,
        *,
        usage: Usage | None = None,
        error: str | None = None,
    ) -> None:
        log_call(
            request,
            provider=self.name,
            model=self.model,
            started=started,
            attempt=attempt,
            usage=usage,
            error=error,
        )

    def _scrub(self, text: str) -> str:
        return text.replace(self._secret, REDACTED) if self._secret else text
