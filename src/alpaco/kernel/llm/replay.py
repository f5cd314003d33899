"""Answers written down in advance, for tests, demos and benchmarks.

`ALPACO_LLM_REPLAY` names a JSON object mapping a step name to a list of raw answers. Each call
of a step takes that step's next answer and the last one repeats, so a file can script a
malformed answer followed by a good one. A step the file does not name is answered by the
fallback (the offline provider). Steps run in parallel threads, so taking an answer is locked.

A fixed delay per call, fallback calls included, stands in for a model's latency: a benchmark
then measures what the pipeline's parallelism saves without calling a model.
"""

from __future__ import annotations

import asyncio
import json
import threading
import time
from collections.abc import AsyncIterator, Mapping, Sequence
from pathlib import Path

from alpaco.kernel.config import ConfigurationError
from alpaco.kernel.llm._chunks import stream_text
from alpaco.kernel.llm._telemetry import log_call
from alpaco.kernel.llm.port import LlmAnswer, LlmProvider, LlmRequest

MODEL = "replay"


class ReplayProvider:
    name = "replay"

    def __init__(
        self,
        answers: Mapping[str, Sequence[str]],
        *,
        fallback: LlmProvider,
        delay_seconds: float = 0.0,
    ) -> None:
        self._answers = {step: tuple(texts) for step, texts in answers.items()}
        self._fallback = fallback
        self._delay_seconds = delay_seconds
        self._taken: dict[str, int] = {}
        self._lock = threading.Lock()

    @classmethod
    def from_file(
        cls, path: str, *, fallback: LlmProvider, delay_seconds: float = 0.0
    ) -> ReplayProvider:
        return cls(_read(path), fallback=fallback, delay_seconds=delay_seconds)

    def complete(self, request: LlmRequest) -> LlmAnswer:
        started = time.monotonic()
        time.sleep(self._delay_seconds)
        text = self._next(request.step)
        if text is None:
            return self._fallback.complete(request)
        log_call(request, provider=self.name, model=MODEL, started=started)
        return LlmAnswer(text, self.name, MODEL)

    async def stream(self, request: LlmRequest) -> AsyncIterator[str]:
        started = time.monotonic()
        await asyncio.sleep(self._delay_seconds)
        text = self._next(request.step)
        pieces = self._fallback.stream(request) if text is None else stream_text(text)
        async for piece in pieces:
            yield piece
        if text is not None:
            log_call(request, provider=self.name, model=MODEL, started=started)

    def _next(self, step: str) -> str | None:
        answers = self._answers.get(step)
        if answers is None:
            return None
        with self._lock:
            taken = self._taken.get(step, 0)
            self._taken[step] = taken + 1
        return answers[min(taken, len(answers) - 1)]


def _read(path: str) -> dict[str, list[str]]:
    """A file that is not what it should be stops start-up, naming the file and the problem."""
    where = f"ALPACO_LLM_REPLAY file {path}"
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except OSError as exc:
        raise ConfigurationError(f"{where} cannot be read: {exc.strerror}") from None
    except ValueError as exc:
        raise ConfigurationError(f"{where} is not JSON: {exc}") from None
    if not isinstance(data, dict):
        raise ConfigurationError(f"{where} must hold an object mapping step names to answers")
    for step, answers in data.items():
        if not (
            isinstance(answers, list)
            and answers
            and all(isinstance(answer, str) for answer in answers)
        ):
            raise ConfigurationError(
                f"{where}: step {step!r} must map to a non-empty list of strings (raw answers)"
            )
    return data
