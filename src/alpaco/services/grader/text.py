"""Text DynamoDB can store: JSON allows lone surrogates, UTF-8 (and so DynamoDB) does not; and
text clipped to a bound a reader can see was reached."""

from __future__ import annotations


def is_unicode(text: str) -> bool:
    """False for a string holding a lone surrogate."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def clip(text: str, chars: int) -> str | None:
    """None for no text; past `chars` characters, the start and "..." in `chars` characters."""
    if not text:
        return None
    return text if len(text) <= chars else text[: chars - 3] + "..."
