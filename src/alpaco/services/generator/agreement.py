"""Do two programs' outputs agree, under the problem's judge type?

The cross-check needs a comparison, not a verdict, and services share only repositories, so this
is the generator's own: values are put in a canonical form and compared, with the judge type's
freedoms (order for `unordered_equal`, tolerance for `float_eps`, whitespace for `tokens` and
`lines`). When in doubt it says "disagree": a false alarm costs a third opinion, a false "agree"
would let a wrong reference through.
"""

from __future__ import annotations

import json
import math
from typing import Any, Final

_NON_FINITE: Final = {"Infinity": math.inf, "-Infinity": -math.inf}


def agree(judge_type: str, first: Any, second: Any, epsilon: float | None = None) -> bool:
    if judge_type == "tokens":
        return _texts(first, second) and first.split() == second.split()
    if judge_type == "lines":
        return _texts(first, second) and _lines(first) == _lines(second)
    if judge_type == "unordered_equal":
        if not isinstance(first, list) or not isinstance(second, list):
            return False
        return sorted(map(_canonical, first)) == sorted(map(_canonical, second))
    if judge_type == "float_eps":
        return _close(first, second, epsilon if epsilon is not None else 1e-6)
    return _canonical(first) == _canonical(second)


def _texts(*values: Any) -> bool:
    return all(isinstance(value, str) for value in values)


def _lines(text: str) -> list[str]:
    kept = [line.rstrip() for line in text.split("\n")]
    while kept and not kept[-1]:
        kept.pop()
    return kept


def _canonical(value: Any) -> str:
    return json.dumps(_plain(value), sort_keys=True, separators=(",", ":"))


def _plain(value: Any) -> Any:
    """Integral floats as ints (1.0 is 1, as every judge reads them); bools stay bools."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, list):
        return [_plain(item) for item in value]
    if isinstance(value, dict):
        return {str(key): _plain(item) for key, item in value.items()}
    return value


def _close(first: Any, second: Any, epsilon: float) -> bool:
    a, b = _number(first), _number(second)
    if a is not None and b is not None:
        if math.isinf(a) or math.isinf(b):
            return a == b
        return abs(a - b) <= epsilon * max(1.0, abs(b))
    if isinstance(first, list) and isinstance(second, list):
        return len(first) == len(second) and all(
            _close(x, y, epsilon) for x, y in zip(first, second, strict=True)
        )
    if isinstance(first, dict) and isinstance(second, dict):
        return first.keys() == second.keys() and all(
            _close(first[k], second[k], epsilon) for k in first
        )
    return _canonical(first) == _canonical(second)


def _number(value: Any) -> float | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return float(value)
    return _NON_FINITE.get(value) if isinstance(value, str) else None
