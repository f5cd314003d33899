"""The original chatbot's SSE frames (contracts §9.5): `data:` lines only, no `event:` names.

Its client reads `token` and `error` from each frame's JSON and ignores any other frame, so the
tutor's own first frame (`hintLevel`, `language`) is invisible to it and tells a newer client which
rung the answer is on.
"""

from __future__ import annotations

from typing import Final

from alpaco.kernel.sse import Event

DONE: Final = "[DONE]"
LLM_FAILED: Final = "Failed to get response from LLM"


def about(hint_level: int, language: str) -> Event:
    return Event({"hintLevel": hint_level, "language": language})


def token(text: str) -> Event:
    return Event({"token": text})


def done() -> Event:
    return Event(DONE)


def error(message: str, details: str) -> Event:
    return Event({"error": message, "details": details})
