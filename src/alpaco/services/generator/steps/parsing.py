"""Reading a model's raw answer as JSON, forgiving the ways models break it.

Models wrap JSON in code fences, add prose around it, leave trailing commas, and run out of tokens
halfway through a long array. Each of these is mended here when the intent is unambiguous; a
truncated array keeps only its complete elements, so the step's gate then judges whether what is
left is enough (a test list cut short may still have enough cases; a cut code string never does).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any, Final

_FENCE: Final = re.compile(r"```[A-Za-z0-9_+-]*[ \t]*\n(.*?)(?:\n```|\Z)", re.DOTALL)
_TRAILING_COMMA: Final = re.compile(r",(\s*[\]}])")
_CLOSERS: Final = {"{": "}", "[": "]"}


class MalformedAnswer(ValueError):
    """The answer is not JSON of any mendable kind; the message says what was wrong."""


@dataclass(frozen=True)
class Decoded:
    value: Any
    mended: str | None  # what was mended, for the log and the status message; None if nothing


def decode(text: str) -> Decoded:
    """The JSON value in `text`, mended if it has to be; raises `MalformedAnswer`."""
    body = _unfenced(text).strip()
    start = min((i for i in (body.find("{"), body.find("[")) if i >= 0), default=-1)
    if start < 0:
        raise MalformedAnswer("the answer holds no JSON object or array")
    body = body[start:]
    try:
        value, _ = json.JSONDecoder().raw_decode(body)
        return Decoded(value, None)
    except json.JSONDecodeError as exc:
        first_error = f"invalid JSON ({exc.msg} at character {exc.pos})"
    without_commas = _TRAILING_COMMA.sub(r"\1", body)
    try:
        value, _ = json.JSONDecoder().raw_decode(without_commas)
        return Decoded(value, "trailing commas removed")
    except ValueError:
        pass
    closed = close_truncated(without_commas)
    if closed is not None:
        try:
            return Decoded(
                json.loads(closed), "a truncated answer was closed after its last element"
            )
        except ValueError:
            pass
    raise MalformedAnswer(first_error)


def fenced_code(text: str) -> str | None:
    """The first fenced block's text, for a model that answered a code step with bare code."""
    match = _FENCE.search(text)
    return match.group(1) if match else None


def close_truncated(text: str) -> str | None:
    """`text` cut after the last element completed inside an array, with every still-open bracket
    closed; None if no array element ever completed (nothing worth keeping)."""
    stack: list[str] = []
    in_string = escaped = False
    cut: tuple[int, list[str]] | None = None
    for index, char in enumerate(text):
        if in_string:
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == '"':
                in_string = False
            continue
        if char == '"':
            in_string = True
        elif char in _CLOSERS:
            stack.append(char)
        elif char in "}]":
            if not stack:
                return None
            stack.pop()
            if not stack:
                return None  # complete after all: not a truncation
            if stack[-1] == "[":
                cut = (index + 1, list(stack))
    if cut is None:
        return None
    end, still_open = cut
    return text[:end] + "".join(_CLOSERS[b] for b in reversed(still_open))


def _unfenced(text: str) -> str:
    match = _FENCE.search(text)
    return match.group(1) if match and "{" not in text[: match.start()] else text
