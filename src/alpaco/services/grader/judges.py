"""Judges: does a submission's output match the expected output?

Values are JSON values (a function's decoded return value, or stdout text in `stdio` mode). The
executor emits the non-finite floats as the strings "Infinity", "-Infinity" and "NaN", so every
judge treats those strings and the float values as one and the same answer.

Number rules shared by every judge:
- a bool is never a number: True does not match 1, False does not match 0 or 0.0;
- an int matches a float only when the float is integral and exactly equal: 1 matches 1.0,
  1 never matches 1.5, 2**53 + 1 never matches 2.0**53 (ints are never rounded through a float);
- NaN matches NaN: a judge compares answers, not IEEE values, so an expected NaN can be produced.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Hashable, Mapping, Sequence
from fractions import Fraction
from typing import Any, Final

DEFAULT_EPSILON: Final = 1e-6
JUDGE_TYPES: Final = ("equal", "unordered_equal", "float_eps", "tokens", "lines")

# Element types on which Python's == already follows this module's rules (no bool: True == 1).
_PLAIN: Final = frozenset({int, str, type(None)})
_PLAIN_OR_FLOAT: Final = _PLAIN | {float}
_NON_FINITE: Final[Mapping[str, float]] = {
    "Infinity": math.inf,
    "-Infinity": -math.inf,
    "NaN": math.nan,
}


class UnknownJudgeType(ValueError):
    """A problem names a judge we lack; grading it with another judge would be a silent lie."""

    def __init__(self, judge_type: object) -> None:
        super().__init__(f"unknown judge type {judge_type!r}; known: {', '.join(JUDGE_TYPES)}")
        self.judge_type = judge_type


def judge(judge_type: str, actual: Any, expected: Any, *, epsilon: float | None = None) -> bool:
    """Compare `actual` with `expected` under `judge_type`; `epsilon` only matters for `float_eps`.

    Raises `UnknownJudgeType` for a type outside `JUDGE_TYPES` and `ValueError` for an unusable
    `float_eps` epsilon. Values nested too deeply to walk are a mismatch, not a crash.
    """
    if not isinstance(judge_type, str) or judge_type not in JUDGE_TYPES:
        raise UnknownJudgeType(judge_type)
    try:
        if judge_type == "float_eps":
            return float_eps(actual, expected, resolve_epsilon(epsilon))
        return _BY_TYPE[judge_type](actual, expected)
    except RecursionError:
        return False


def resolve_epsilon(epsilon: float | None) -> float:
    """The tolerance: the default when absent, else a finite number >= 0 (never a bool)."""
    if epsilon is None:
        return DEFAULT_EPSILON
    if isinstance(epsilon, bool) or not isinstance(epsilon, int | float):
        raise ValueError(f"epsilon must be a number, got {type(epsilon).__name__}")
    if not math.isfinite(epsilon) or epsilon < 0:
        raise ValueError(f"epsilon must be finite and >= 0, got {epsilon!r}")
    return float(epsilon)


def equal(actual: Any, expected: Any) -> bool:
    """Deep equality: lists in order, objects by keys and values, numbers by the module's rules."""
    if isinstance(actual, list | tuple) and isinstance(expected, list | tuple):
        if len(actual) != len(expected):
            return False
        kinds = _kinds(actual, expected)
        # Python's own == agrees with these rules on lists without bools, so let C do the work.
        if kinds <= _PLAIN:
            return list(actual) == list(expected)
        if kinds <= _PLAIN_OR_FLOAT and list(actual) == list(expected):
            return True
        return all(map(equal, actual, expected))
    if isinstance(actual, Mapping) and isinstance(expected, Mapping):
        return actual.keys() == expected.keys() and all(
            equal(actual[k], expected[k]) for k in expected
        )
    return _key(actual) == _key(expected)


def unordered_equal(actual: Any, expected: Any) -> bool:
    """Both lists holding the same multiset of elements; only the top level is unordered."""
    if not isinstance(actual, list | tuple) or not isinstance(expected, list | tuple):
        return False
    if len(actual) != len(expected):
        return False
    kinds = _kinds(actual, expected)
    if kinds <= _PLAIN:
        return Counter(actual) == Counter(expected)
    if kinds == {list} and all(_kinds(item) <= _PLAIN for item in (*actual, *expected)):
        return Counter(map(tuple, actual)) == Counter(map(tuple, expected))
    return Counter(map(_key, actual)) == Counter(map(_key, expected))


def float_eps(actual: Any, expected: Any, epsilon: float = DEFAULT_EPSILON) -> bool:
    """Numbers within absolute OR relative (to the expected value) error `epsilon`, element-wise.

    Lists must have equal lengths and objects equal key sets; non-numbers inside them are compared
    by `equal`. Infinities match only the same infinity, NaN only NaN.
    """
    actual_number, expected_number = _as_number(actual), _as_number(expected)
    if actual_number is not None or expected_number is not None:
        if actual_number is None or expected_number is None:
            return False
        return _numbers_close(actual_number, expected_number, epsilon)
    if isinstance(actual, list | tuple) and isinstance(expected, list | tuple):
        if len(actual) != len(expected):
            return False
        if _kinds(actual, expected) <= _PLAIN_OR_FLOAT and list(actual) == list(expected):
            return True
        return all(float_eps(a, e, epsilon) for a, e in zip(actual, expected, strict=True))
    if isinstance(actual, Mapping) and isinstance(expected, Mapping):
        return actual.keys() == expected.keys() and all(
            float_eps(actual[k], expected[k], epsilon) for k in expected
        )
    return equal(actual, expected)


def tokens(actual: Any, expected: Any) -> bool:
    """Two texts with the same whitespace-separated tokens; anything but text is a mismatch."""
    if not isinstance(actual, str) or not isinstance(expected, str):
        return False
    return actual.split() == expected.split()


def lines(actual: Any, expected: Any) -> bool:
    """Two texts with the same lines, ignoring trailing whitespace and trailing blank lines.

    Leading whitespace and blank lines before or between lines count. `\\r\\n` endings match `\\n`.
    """
    if not isinstance(actual, str) or not isinstance(expected, str):
        return False
    return _significant_lines(actual) == _significant_lines(expected)


def _significant_lines(text: str) -> list[str]:
    # rstrip also removes the "\r" of a "\r\n" ending.
    kept = [line.rstrip() for line in text.split("\n")]
    while kept and not kept[-1]:
        kept.pop()
    return kept


def _kinds(*sequences: Sequence[Any]) -> set[type]:
    kinds: set[type] = set()
    for sequence in sequences:
        kinds.update(map(type, sequence))
    return kinds


def _key(value: Any) -> Hashable:
    """A canonical hashable form: two values are `equal` exactly when their keys are equal."""
    if value is None or isinstance(value, bool | str):
        return (type(value).__name__, value)
    if isinstance(value, int):
        return ("number", value)
    if isinstance(value, float):
        if math.isnan(value):
            return ("str", "NaN")
        if math.isinf(value):
            return ("str", "Infinity" if value > 0 else "-Infinity")
        return ("number", int(value) if value.is_integer() else value)
    if isinstance(value, list | tuple):
        return ("list", tuple(_key(item) for item in value))
    if isinstance(value, Mapping):
        return ("object", frozenset((_key(k), _key(v)) for k, v in value.items()))
    raise TypeError(f"not a JSON value: {type(value).__name__}")


def _as_number(value: Any) -> int | float | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return value
    if isinstance(value, str):
        return _NON_FINITE.get(value)
    return None


def _numbers_close(actual: int | float, expected: int | float, epsilon: float) -> bool:
    if not _is_finite(actual) or not _is_finite(expected):
        return _key(actual) == _key(expected)
    if isinstance(actual, float) and isinstance(expected, float):
        difference = abs(actual - expected)
        return difference <= epsilon or difference <= epsilon * abs(expected)
    # An int is involved: exact rational arithmetic, so huge ints neither overflow nor lose digits.
    exact_difference = abs(Fraction(actual) - Fraction(expected))
    tolerance = Fraction(epsilon)
    return exact_difference <= tolerance or exact_difference <= tolerance * abs(Fraction(expected))


def _is_finite(number: int | float) -> bool:
    return isinstance(number, int) or math.isfinite(number)


_BY_TYPE: Final[Mapping[str, Callable[[Any, Any], bool]]] = {
    "equal": equal,
    "unordered_equal": unordered_equal,
    "tokens": tokens,
    "lines": lines,
}
