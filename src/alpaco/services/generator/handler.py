"""POST /generate: everything that can be refused is refused before the stream starts (400, 401,
429 as JSON); then the pipeline runs in a worker thread and its progress streams as SSE.

A client that goes away cancels the pipeline: the stream's end sets the flag the pipeline checks
between steps. The user's generation lease is given back when the pipeline stops, however it stops.
"""

from __future__ import annotations

import asyncio
import json
import threading
from collections.abc import AsyncIterator, Callable
from contextlib import suppress
from typing import Final

from pydantic import ValidationError

from alpaco.kernel import log
from alpaco.kernel.auth import Claims
from alpaco.kernel.config import get_settings
from alpaco.kernel.http import BadRequest, Unauthorized, invalid_request
from alpaco.kernel.invoke import get_invoker
from alpaco.kernel.llm.offline import registry
from alpaco.kernel.llm.provider import get_provider
from alpaco.kernel.rate_limit import RateLimiter
from alpaco.kernel.sse import Event
from alpaco.services.generator import frames
from alpaco.services.generator.offline import register_offline_answerers
from alpaco.services.generator.pipeline import (
    Cancelled,
    GenerationFailed,
    GenerationRequest,
    Progress,
    generate,
)
from alpaco.services.generator.quota import Lease, take_lease
from alpaco.services.generator.schemas import GenerateBody

logger = log.get_logger("generator")
rates = RateLimiter()
register_offline_answerers(registry())

# For the API document (gateway/openapi.py): what the body is, and what the stream carries.
REQUEST_BODY: Final = GenerateBody
STREAM_FRAMES: Final = (
    "The original's SSE frames: `event: status` with `{step, name, message, progress}` as the "
    "pipeline moves, one `event: result` with `{payload: <the problem>}`, at most one `event: "
    "error` with `{payload: <message>}`, and `event: heartbeat` every 15 s of silence."
)


def stream(body: bytes, claims: Claims | None) -> AsyncIterator[Event]:
    if claims is None:
        raise Unauthorized("Authentication required.")
    parsed = _parse(body)
    lease = take_lease(claims.user_id)
    try:
        rates.spend(get_settings().rate_limits.generations, claims.user_id)
    except BaseException:
        lease.release()
        raise
    request = GenerationRequest(
        prompt=parsed.prompt,
        difficulty=parsed.difficulty,
        mode=parsed.mode,
        creator_id=claims.user_id,
        author=claims.display_name,
    )
    return _events(request, lease)


def _parse(body: bytes) -> GenerateBody:
    try:
        data = json.loads(body or b"null")
    except ValueError:
        raise BadRequest("Malformed JSON body.") from None
    try:
        return GenerateBody.model_validate(data)
    except ValidationError as exc:
        raise invalid_request([{**e, "loc": ("body", *e["loc"])} for e in exc.errors()]) from None


async def _events(request: GenerationRequest, lease: Lease) -> AsyncIterator[Event]:
    loop = asyncio.get_running_loop()
    queue: asyncio.Queue[Event | None] = asyncio.Queue()
    stop = threading.Event()

    def emit(event: Event | None) -> None:
        with suppress(RuntimeError):  # the loop is closed: the server is going, nobody listens
            loop.call_soon_threadsafe(queue.put_nowait, event)

    threading.Thread(
        target=_work, args=(request, lease, emit, stop.is_set), name="generation", daemon=True
    ).start()
    try:
        while (event := await queue.get()) is not None:
            yield event
    finally:
        stop.set()


def _work(
    request: GenerationRequest,
    lease: Lease,
    emit: Callable[[Event | None], None],
    cancelled: Callable[[], bool],
) -> None:
    def progress(update: Progress) -> None:
        emit(frames.status(update.step, update.message, update.progress))

    try:
        payload = generate(
            request,
            llm=get_provider(),
            invoker=get_invoker(),
            on_progress=progress,
            cancelled=cancelled,
        )
        emit(frames.result(payload))
        emit(frames.status("done", "✅ Generation complete!", 100))
    except Cancelled:
        logger.info("generation cancelled", extra={"user_id": request.creator_id})
    except GenerationFailed as exc:
        emit(frames.error(str(exc)))
    except Exception:
        logger.exception("generation failed unexpectedly", extra={"user_id": request.creator_id})
        emit(frames.error("The generation failed unexpectedly; please try again."))
    finally:
        lease.release()
        emit(None)
