"""POST /chatbot: a tutor that hints, streamed as the original chatbot's SSE frames.

`stream` runs in the gateway's thread pool and refuses before the first byte, as JSON: a
malformed or oversized body is a 400, a missing token a 401 (the gateway checks it, from
`Authorization` or `X-Custom-Auth-Token`), an unknown problem or submission a 404, a model that
cannot be set up a 503, a spent daily quota a 429. Only then does it return the stream, which
reads nothing more from the database. Importing this module registers the offline tutor with the
offline provider.
"""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from typing import Final

from pydantic import ValidationError

from alpaco.kernel.auth import Claims
from alpaco.kernel.config import get_settings
from alpaco.kernel.http import (
    BadRequest,
    NotFound,
    ServiceUnavailable,
    Unauthorized,
    invalid_request,
)
from alpaco.kernel.llm.offline import registry
from alpaco.kernel.llm.port import LlmError, LlmProvider
from alpaco.kernel.llm.provider import get_provider
from alpaco.kernel.sse import Event
from alpaco.services.chatbot import offline, tutor
from alpaco.services.chatbot.failure import Failure, grading_of, read_failure
from alpaco.services.chatbot.ladder import TOP, rung
from alpaco.services.chatbot.message import hint_level, language_of, pushes_for_answer
from alpaco.services.chatbot.problem import TutorProblem, is_visible, read_problem
from alpaco.services.chatbot.quota import spend_message
from alpaco.services.chatbot.schemas import MISSING_MESSAGE, ChatBody, GradingResult
from alpaco.services.problems.repository import get_problem
from alpaco.services.submissions.repository import get_submission

registry().register(offline.STEP, offline.answer)

# For the API document (gateway/openapi.py): what the body is, and what the stream carries.
REQUEST_BODY: Final = ChatBody
STREAM_FRAMES: Final = (
    'The original\'s frames: first `data: {"hintLevel": n, "language": "ko|en"}`, then `data: '
    '{"token": "..."}` as the tutor writes, then `data: [DONE]`; a failure is one `data: {"error": '
    '..., "details": ...}`; `: keep-alive` comments fill long silences.'
)


def stream(body: bytes, claims: Claims | None) -> AsyncIterator[Event]:
    if claims is None:
        raise Unauthorized("Authentication required.")
    chat = _parse(body)
    language = language_of(chat.newMessage, chat.locale)
    problem = _problem(chat.problemDetails.problem_id, claims, language)
    failure = _failure(chat.lastResult, problem, claims)
    provider = _provider()
    spend_message(claims.user_id, get_settings().chat_messages_per_day)
    earlier = [turn.content for turn in chat.history if turn.role == "user"]
    lesson = tutor.plan(
        user_id=claims.user_id,
        problem=problem,
        rung=rung(hint_level(chat.hintLevel, chat.newMessage, earlier, TOP)),
        language=language,
        message=chat.newMessage,
        code=chat.userCode,
        history=chat.history,
        failure=failure,
        pressure=pushes_for_answer(chat.newMessage),
    )
    return tutor.answer(lesson, provider)


def _parse(body: bytes) -> ChatBody:
    try:
        data = json.loads(body or b"null")
    except ValueError:
        raise BadRequest(MISSING_MESSAGE) from None
    if not isinstance(data, dict):
        raise BadRequest(MISSING_MESSAGE)
    try:
        return ChatBody.model_validate(data)
    except ValidationError as exc:
        errors = [{**e, "loc": ("body", *e["loc"])} for e in exc.errors()]
        raise invalid_request(errors, missing=MISSING_MESSAGE) from None


def _provider() -> LlmProvider:
    """A model that cannot even be set up (no key) is the service's fault, and no message is
    spent on it; the reason names the setting, never a key."""
    try:
        return get_provider()
    except LlmError as exc:
        raise ServiceUnavailable(f"The tutor is unavailable: {exc}") from None


def _problem(problem_id: str, claims: Claims, language: str) -> TutorProblem:
    item = get_problem(problem_id)
    if item is None or not is_visible(item, claims):
        raise NotFound("Problem not found.")
    return read_problem(item, language)


def _failure(
    last: GradingResult | str | None, problem: TutorProblem, claims: Claims
) -> Failure | None:
    """A submission id names one of the caller's own submissions of this problem."""
    if isinstance(last, str):
        submission = get_submission(last) if last.strip() else None
        if (
            submission is None
            or submission.get("userId") != claims.user_id
            or submission.get("problemId") != problem.problem_id
        ):
            raise NotFound("Submission not found.")
        last = grading_of(submission)
    return read_failure(last, problem) if last is not None else None
