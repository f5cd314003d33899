"""The provider with no model: each step's answer comes from the answerer its service registered.

The generator registers answerers that draw from the curated bank and the tutor one that works
from the problem and the last verdict, so `make run` works with no key and no network, and the
answers still go through every gate a model's answer does. The kernel knows no service, hence a
registry the services fill rather than answerers imported from here.
"""

from __future__ import annotations

import time
from collections.abc import AsyncIterator

from alpaco.kernel.llm._chunks import stream_text
from alpaco.kernel.llm._telemetry import log_call
from alpaco.kernel.llm.port import LlmAnswer, LlmError, LlmRequest, OfflineAnswerer

MODEL = "offline"


class OfflineProvider:
    name = "offline"

    def __init__(self) -> None:
        self._answerers: dict[str, OfflineAnswerer] = {}

    def register(self, step: str, answerer: OfflineAnswerer) -> None:
        """The last registration for a step wins, so a test can put its own answerer in place."""
        self._answerers[step] = answerer

    def complete(self, request: LlmRequest) -> LlmAnswer:
        started = time.monotonic()
        answerer = self._answerers.get(request.step)
        if answerer is None:
            known = ", ".join(sorted(self._answerers)) or "none"
            raise LlmError(
                f"the offline provider has no answerer for step {request.step!r} (registered: "
                f"{known}); register one with alpaco.kernel.llm.offline.registry(), or set "
                "ALPACO_LLM_PROVIDER to a model"
            )
        text = answerer(request)
        log_call(request, provider=self.name, model=MODEL, started=started)
        return LlmAnswer(text, self.name, MODEL)

    async def stream(self, request: LlmRequest) -> AsyncIterator[str]:
        async for piece in stream_text(self.complete(request).text):
            yield piece


_PROCESS = OfflineProvider()


def registry() -> OfflineProvider:
    """The process's one registry, which services fill when they are imported: the offline
    provider itself, and the replay provider's fallback."""
    return _PROCESS
