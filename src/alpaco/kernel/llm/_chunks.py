"""Stream a ready answer the way a model would: a few pieces, yielding to the loop between them."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

PIECES = 4


def split(text: str, pieces: int = PIECES) -> list[str]:
    size = max(1, -(-len(text) // pieces))
    return [text[start : start + size] for start in range(0, len(text), size)]


async def stream_text(text: str) -> AsyncIterator[str]:
    """Each piece is a separate step of the event loop, so an SSE writer sends it as its own
    frame, and the tutor's streaming is exercised offline as it is against a real model."""
    for piece in split(text):
        await asyncio.sleep(0)
        yield piece
