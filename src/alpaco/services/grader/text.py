"""Text DynamoDB can store: JSON allows lone surrogates, UTF-8 (and so DynamoDB) does not."""

from __future__ import annotations


def is_unicode(text: str) -> bool:
    """False for a string holding a lone surrogate."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True
