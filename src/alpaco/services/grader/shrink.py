"""Smaller neighbours of an input: fewer elements, smaller numbers, shorter strings.

Pure and lazy: `candidates` yields the most ambitious cuts first (half of a list before one of its
elements, zero before a number's half), and the caller keeps the first one that is still valid
and still fails. Nothing here knows a problem's rules; the problem's validator refuses whatever a
cut breaks. Every candidate has fewer elements or characters, or one number nearer to zero, so
shrinking always ends.

A stdio input is text with structure the JSON shape does not show: lines of tokens whose first
line often counts the rest (`n q`). A line or token is cut alone and also with each count of the
first line lowered to match, so "5 3 / ... / 4 4" can lose a question and say "5 2".
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator
from typing import Any, Final

_INTEGER: Final = re.compile(r"-?\d+")
_MAX_BITS: Final = 64  # scales tried for one input at most


def candidates(value: Any, *, stdio: bool) -> Iterator[Any]:
    """Every number divided by the same power of two comes first (by the largest first): it keeps
    equal numbers equal and order mostly in place, so a bug that needs two values to tie still
    shows on the smaller input, which it reaches in one step instead of one halving per step.
    In stdio text the first line, which usually counts the rest, keeps its numbers. Then each
    repeated integer shrinks everywhere at once, then each cut and each single number."""
    text = stdio and isinstance(value, str)
    largest = max(_magnitudes(value, text=text), default=0)
    shown = {repr(value)}
    for power in range(min(largest.bit_length(), _MAX_BITS), 0, -1):
        scaled = _scaled_text(value, 2**power) if text else _scaled(value, 2**power)
        if repr(scaled) not in shown:
            shown.add(repr(scaled))
            yield scaled
    if text:
        yield from _text(value)
        return
    for number in _repeated_integers(value):
        for smaller in _integer(number):
            yield _replaced(value, number, smaller)
    yield from _value(value)


def _repeated_integers(value: Any) -> list[int]:
    """Integers that occur more than once: changed everywhere at once, a tie (an end that is
    also a start, an index that is also a value) survives the cut."""
    seen: dict[int, int] = {}
    pending = [value]
    while pending:
        item = pending.pop()
        if isinstance(item, int) and not isinstance(item, bool):
            seen[item] = seen.get(item, 0) + 1
        elif isinstance(item, list | dict):
            pending += item.values() if isinstance(item, dict) else item
    return [number for number, count in seen.items() if count > 1 and number != 0]


def _replaced(value: Any, old: int, new: int) -> Any:
    if isinstance(value, int) and not isinstance(value, bool):
        return new if value == old else value
    if isinstance(value, list):
        return [_replaced(item, old, new) for item in value]
    if isinstance(value, dict):
        return {key: _replaced(item, old, new) for key, item in value.items()}
    return value


def _magnitudes(value: Any, *, text: bool) -> Iterator[int]:
    if text:
        yield from (abs(int(token)) for token in _INTEGER.findall(_body(value)))
    elif isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value):
        yield math.ceil(abs(value))
    elif isinstance(value, list | dict):
        for item in value.values() if isinstance(value, dict) else value:
            yield from _magnitudes(item, text=False)


def _scaled(value: Any, divisor: int) -> Any:
    if isinstance(value, bool) or value is None or isinstance(value, str):
        return value
    if isinstance(value, int):
        return _toward_zero(value, divisor)
    if isinstance(value, float):
        return round(value / divisor, 2) if math.isfinite(value) else value
    if isinstance(value, list):
        return [_scaled(item, divisor) for item in value]
    if isinstance(value, dict):
        return {key: _scaled(item, divisor) for key, item in value.items()}
    return value


def _scaled_text(text: str, divisor: int) -> str:
    """The numbers after the first line: that line usually counts the rest."""
    head = text[: len(text) - len(_body(text))]
    scale = lambda match: str(_toward_zero(int(match.group()), divisor))  # noqa: E731
    return head + _INTEGER.sub(scale, _body(text))


def _body(text: str) -> str:
    return text.partition("\n")[2]


def _toward_zero(number: int, divisor: int) -> int:
    return number // divisor if number >= 0 else -(-number // divisor)


def _value(value: Any) -> Iterator[Any]:
    if isinstance(value, bool) or value is None:
        return
    if isinstance(value, int):
        yield from _integer(value)
    elif isinstance(value, float):
        yield from _real(value)
    elif isinstance(value, str):
        for start, stop in _spans(len(value)):
            yield value[:start] + value[stop:]
    elif isinstance(value, list):
        for start, stop in _spans(len(value)):
            yield value[:start] + value[stop:]
        for index, item in enumerate(value):
            for smaller in _value(item):
                yield [*value[:index], smaller, *value[index + 1 :]]
    elif isinstance(value, dict):
        for key, item in value.items():
            for smaller in _value(item):
                yield {**value, key: smaller}


def _spans(length: int) -> Iterator[tuple[int, int]]:
    """Slices to delete: everything, then halves, quarters ... single elements, from the end."""
    width = length
    while width >= 1:
        for stop in range(length, 0, -width):
            yield max(0, stop - width), stop
        width //= 2


def _integer(number: int) -> Iterator[int]:
    """0 first, then ever nearer the number (half its size, three quarters ... one short): the
    first that still fails is about the smallest that does, as in a binary search."""
    step = number
    while step:
        yield number - step
        step = _toward_zero(step, 2)


def _real(number: float) -> Iterator[float]:
    if number == 0 or not math.isfinite(number):
        return
    options = [0.0, float(math.trunc(number)), round(number / 2, 2)]
    if abs(number) >= 1:
        options.append(number - math.copysign(1, number))
    yield from (x for x in dict.fromkeys(options) if abs(x) < abs(number))


def _text(text: str) -> Iterator[str]:
    ending = "\n" if text.endswith("\n") else ""
    lines = text[: len(text) - len(ending)].split("\n")

    def joined(rows: list[str]) -> str:
        return "\n".join(rows) + ending

    body = len(lines) - 1
    for start, stop in _spans(body):
        kept = lines[: 1 + start] + lines[1 + stop :]
        for head in _counted(lines[0], stop - start):
            yield joined([head, *kept[1:]])
    for row, line in enumerate(lines):
        tokens = line.split()
        for start, stop in _spans(len(tokens)) if row and len(tokens) > 1 else ():
            cut = " ".join(tokens[:start] + tokens[stop:])
            for head in _counted(lines[0], stop - start):
                yield joined([head, *lines[1:row], cut, *lines[row + 1 :]])
        for index, token in enumerate(tokens):
            for smaller in _token(token):
                changed = " ".join([*tokens[:index], smaller, *tokens[index + 1 :]])
                yield joined([*lines[:row], changed, *lines[row + 1 :]])


def _counted(head: str, removed: int) -> Iterator[str]:
    """The first line as it was, then with each of its counts lowered by `removed`."""
    yield head
    tokens = head.split()
    for index, token in enumerate(tokens):
        if _INTEGER.fullmatch(token) and int(token) >= removed:
            yield " ".join([*tokens[:index], str(int(token) - removed), *tokens[index + 1 :]])


def _token(token: str) -> Iterator[str]:
    if _INTEGER.fullmatch(token):
        yield from (str(n) for n in _integer(int(token)))
    else:
        for start, stop in _spans(len(token)):
            if stop - start < len(token):
                yield token[:start] + token[stop:]
