"""Server-sent events on the wire (WHATWG format) and a heartbeat that keeps proxies from closing idle streams."""

from __future__ import annotations

import asyncio
import contextlib
import json
import re
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

HEARTBEAT_SECONDS = 15.0
# A comment line: every SSE parser skips it without dispatching anything, so a client that reads only
# `data:` frames (the original chatbot's) never mistakes it for a message.
KEEP_ALIVE_COMMENT = b": keep-alive\n\n"
# The line ends of the SSE format; any other character (U+2028, a form feed) may stand inside a line.
_LINE_END = re.compile(r"\r\n|\r|\n")


@dataclass(frozen=True)
class Event:
    data: Any
    event: str | None = None
    id: str | None = None
    retry_ms: int | None = None

    def encode(self) -> bytes:
        lines: list[str] = []
        if self.event:
            lines.append(f"event: {_single_line(self.event)}")
        if self.id:
            lines.append(f"id: {_single_line(self.id)}")
        if self.retry_ms is not None:
            lines.append(f"retry: {int(self.retry_ms)}")
        text = (
            self.data if isinstance(self.data, str) else json.dumps(self.data, ensure_ascii=False)
        )
        lines.extend(f"data: {part}" for part in _data_lines(text))
        return ("\n".join(lines) + "\n\n").encode()


def _data_lines(text: str) -> list[str]:
    """`str.splitlines` would also split at U+2028 and form feeds, and a JSON payload holding one
    would reach a client as two `data:` lines joined by a newline it never sent."""
    parts = _LINE_END.split(text)
    return parts[:-1] if len(parts) > 1 and not parts[-1] else parts


def _single_line(value: str) -> str:
    return value.replace("\r", " ").replace("\n", " ")


def heartbeat_event() -> Event:
    now = datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")
    return Event({"timestamp": now}, event="heartbeat")


def heartbeat_frame() -> bytes:
    return heartbeat_event().encode()


def keep_alive_comment() -> bytes:
    return KEEP_ALIVE_COMMENT


async def with_heartbeats(
    events: AsyncIterator[Event],
    interval: float | None = None,
    beat: Callable[[], bytes] = heartbeat_frame,
) -> AsyncIterator[bytes]:
    """Encode `events`, adding `beat()` whenever the source is silent for `interval` seconds
    (`HEARTBEAT_SECONDS`, read at each call, when None)."""
    silence = HEARTBEAT_SECONDS if interval is None else interval
    iterator = events.__aiter__()
    pending: asyncio.Task[Event] | None = None
    try:
        while True:
            if pending is None:
                pending = asyncio.ensure_future(iterator.__anext__())
            done, _ = await asyncio.wait({pending}, timeout=silence)
            if not done:
                yield beat()
                continue
            try:
                event = pending.result()
            except StopAsyncIteration:
                return
            finally:
                pending = None
            yield event.encode()
    finally:
        if pending is not None:
            pending.cancel()
            with contextlib.suppress(BaseException):
                await pending
