"""Server-sent events on the wire (WHATWG format) and a heartbeat that keeps proxies from closing idle streams."""

from __future__ import annotations

import asyncio
import contextlib
import json
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

HEARTBEAT_SECONDS = 15.0


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
        lines.extend(f"data: {part}" for part in text.splitlines() or [""])
        return ("\n".join(lines) + "\n\n").encode()


def _single_line(value: str) -> str:
    return value.replace("\r", " ").replace("\n", " ")


def heartbeat_event() -> Event:
    now = datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")
    return Event({"timestamp": now}, event="heartbeat")


async def with_heartbeats(
    events: AsyncIterator[Event], interval: float = HEARTBEAT_SECONDS
) -> AsyncIterator[bytes]:
    """Encode `events`, adding a heartbeat whenever the source is silent for `interval` seconds."""
    iterator = events.__aiter__()
    pending: asyncio.Task[Event] | None = None
    try:
        while True:
            if pending is None:
                pending = asyncio.ensure_future(iterator.__anext__())
            done, _ = await asyncio.wait({pending}, timeout=interval)
            if not done:
                yield heartbeat_event().encode()
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
