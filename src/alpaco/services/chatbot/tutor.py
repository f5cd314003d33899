"""One tutor answer as SSE events: the model's stream, through the leak guard, to `[DONE]`.

Each piece the model sends goes to the guard and whatever the guard lets out leaves at once, so
the first words reach the student as soon as the model writes them. A failure after the stream
has begun can only be told inside it: one `error` frame, as the original did. One log line per
answer says how it went (level, time to the first text, what was withheld and why), never what
was said or the code.
"""

from __future__ import annotations

import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from typing import Final

from alpaco.kernel import log
from alpaco.kernel.llm.port import LlmError, LlmProvider, LlmRequest
from alpaco.kernel.sse import Event
from alpaco.services.chatbot import frames, offline
from alpaco.services.chatbot.failure import Failure
from alpaco.services.chatbot.ladder import Rung
from alpaco.services.chatbot.leak_guard import LeakGuard, Release, Withheld
from alpaco.services.chatbot.message import Language
from alpaco.services.chatbot.problem import TutorProblem
from alpaco.services.chatbot.prompt import system_instruction, turn_prompt
from alpaco.services.chatbot.schemas import Turn

MAX_OUTPUT_TOKENS: Final = 2_048
TEMPERATURE: Final = 0.3
UNEXPECTED: Final = "The tutor failed unexpectedly; please try again."

logger = log.get_logger("chatbot")


@dataclass(frozen=True)
class Lesson:
    """Everything one answer needs, settled before the stream starts."""

    user_id: str
    problem: TutorProblem
    rung: Rung
    language: Language
    code: str
    pressure: bool
    request: LlmRequest = field(repr=False)


def plan(
    *,
    user_id: str,
    problem: TutorProblem,
    rung: Rung,
    language: Language,
    message: str,
    code: str,
    history: list[Turn],
    failure: Failure | None,
    pressure: bool,
) -> Lesson:
    request = LlmRequest(
        step=offline.STEP,
        system=system_instruction(problem, rung, language, pressure=pressure),
        prompt=turn_prompt(message, code, history, failure),
        context=offline.context_for(problem, rung, language, failure, pressure=pressure),
        temperature=TEMPERATURE,
        max_output_tokens=MAX_OUTPUT_TOKENS,
    )
    return Lesson(user_id, problem, rung, language, code, pressure, request)


async def answer(lesson: Lesson, provider: LlmProvider) -> AsyncIterator[Event]:
    problem = lesson.problem
    guard = LeakGuard(
        {"solution": problem.solution, "brute force": problem.brute_force},
        given=problem.start_code,
        own=lesson.code,
        replacement=offline.stand_in(problem, lesson.rung.level, lesson.language),
    )
    report = _Report(lesson, provider.name)
    yield frames.about(lesson.rung.level, lesson.language)
    try:
        async with _closing(provider.stream(lesson.request)) as pieces:
            async for piece in pieces:
                if (release := report.count(guard.feed(piece))).text:
                    yield frames.token(release.text)
        if (release := report.count(guard.close())).text:
            yield frames.token(release.text)
        report.outcome = "ok"
        yield frames.done()
    except LlmError as exc:
        report.outcome = "llm_error"
        yield frames.error(frames.LLM_FAILED, str(exc))
    except Exception:
        report.outcome = "internal_error"
        logger.exception("tutor answer failed", extra={"problem_id": problem.problem_id})
        yield frames.error(UNEXPECTED, UNEXPECTED)
    finally:
        report.log()


@asynccontextmanager
async def _closing(pieces: AsyncIterator[str]) -> AsyncIterator[AsyncIterator[str]]:
    """A student who leaves stops the model's stream too, not just ours."""
    try:
        yield pieces
    finally:
        close = getattr(pieces, "aclose", None)
        if close is not None:
            await close()


class _Report:
    def __init__(self, lesson: Lesson, provider: str) -> None:
        self._lesson = lesson
        self._provider = provider
        self._started = time.monotonic()
        self._first_text_ms: int | None = None
        self._chars = 0
        self._withheld: list[Withheld] = []
        self.outcome = "cancelled"

    def count(self, release: Release) -> Release:
        if release.text and self._first_text_ms is None:
            self._first_text_ms = round((time.monotonic() - self._started) * 1000)
        self._chars += len(release.text)
        self._withheld += release.withheld
        return release

    def log(self) -> None:
        lesson = self._lesson
        fields = {
            "user_id": lesson.user_id,
            "problem_id": lesson.problem.problem_id,
            "hint_level": lesson.rung.level,
            "language": lesson.language,
            "pressure": lesson.pressure,
            "provider": self._provider,
            "outcome": self.outcome,
            "first_text_ms": self._first_text_ms,
            "latency_ms": round((time.monotonic() - self._started) * 1000),
            "chars_out": self._chars,
            "withheld": [
                {"place": w.place, "reference": w.reference, "share": round(w.share, 3)}
                for w in self._withheld
            ],
        }
        if self._withheld:
            logger.warning("tutor code withheld", extra=fields)
        else:
            logger.info("tutor answer", extra=fields)
