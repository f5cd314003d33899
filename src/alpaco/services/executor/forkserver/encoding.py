"""JSON for a return value, with the original executor's conversions (stdlib only).

Written by hand over `_json`'s C string quoting because importing `json` (and with it `re`)
would cost the fork server several milliseconds at start-up.
"""

from __future__ import annotations

import _json
import math

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable
    from typing import Any

MAX_DEPTH = 200  # the harness decodes frames within its own recursion limit
FAST_CHUNK = 4096

_quote = _json.encode_basestring_ascii


class SerializationError(Exception):
    """The return value cannot be represented in JSON."""


class TooLarge(Exception):
    """The encoded value would be larger than the result cap."""


def encode(value: object, limit: int | None = None) -> str:
    """JSON for a return value, with the original executor's conversions.

    ±Infinity and NaN become strings, tuples lists, sets sorted lists where their items are
    comparable, dict keys `str(key)`; anything else raises SerializationError. Past `limit`
    characters it stops with TooLarge, before a huge value can exhaust the case's memory.
    """
    out = _Writer(limit)
    try:
        out.emit(value, 0)
    except RecursionError:
        raise SerializationError(f"the value is nested more than {MAX_DEPTH} levels deep") from None
    return "".join(out.parts)


class _Writer:
    def __init__(self, limit: int | None) -> None:
        self.parts: list[str] = []
        self.size = 0
        self.limit = limit

    def add(self, text: str) -> None:
        self.parts.append(text)
        self.size += len(text)
        if self.limit is not None and self.size > self.limit:
            raise TooLarge(self.size)

    def emit(self, value: object, depth: int) -> None:
        if depth > MAX_DEPTH:
            raise SerializationError(f"the value is nested more than {MAX_DEPTH} levels deep")
        if value is None:
            self.add("null")
        elif value is True or value is False:
            self.add("true" if value else "false")
        elif isinstance(value, int):
            self.add(_int(value))
        elif isinstance(value, float):
            self.add(_float(value))
        elif isinstance(value, str):
            self.add(_quote(value))
        elif isinstance(value, (list, tuple)):
            self.items(value, depth)
        elif isinstance(value, (set, frozenset)):
            self.items(_ordered(value), depth)
        elif isinstance(value, dict):
            self.mapping(value, depth)
        else:
            raise SerializationError(
                f"an object of type {type(value).__name__!r} is not JSON-serialisable"
            )

    def items(self, items: list[object] | tuple[object, ...], depth: int) -> None:
        self.add("[")
        kinds = set(map(type, items))
        scalar: Callable[[Any], str] | None = (
            _int if kinds <= {int} else _quote if kinds <= {str} else None
        )
        if scalar is not None:  # the common flat lists, a chunk at a time
            for start in range(0, len(items), FAST_CHUNK):
                chunk = ",".join(map(scalar, items[start : start + FAST_CHUNK]))
                self.add("," + chunk if start else chunk)
        else:
            for index, item in enumerate(items):
                if index:
                    self.add(",")
                self.emit(item, depth + 1)
        self.add("]")

    def mapping(self, value: dict[object, object], depth: int) -> None:
        self.add("{")
        for index, (key, item) in enumerate(value.items()):
            self.add(("," if index else "") + _quote(str(key)) + ":")
            self.emit(item, depth + 1)
        self.add("}")


def _ordered(items: set[object] | frozenset[object]) -> list[object]:
    try:
        return sorted(items)  # type: ignore[type-var]
    except TypeError:
        return list(items)


def _int(value: int) -> str:
    try:
        return int.__repr__(value)
    except ValueError as exc:
        raise SerializationError(str(exc)) from None


def _float(value: float) -> str:
    if math.isnan(value):
        return '"NaN"'
    if math.isinf(value):
        return '"Infinity"' if value > 0 else '"-Infinity"'
    return float.__repr__(value)
