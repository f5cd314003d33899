"""A + B: tiny, mid and full-range values, with extremes, zeros and sums that cancel out."""

from __future__ import annotations

import random
from typing import Any

LIMIT = 10**9

SAMPLES: list[Any] = [
    {"a": 1, "b": 2},
    {"a": -7, "b": 3},
]

BRUTE_MAX_SIZE = 1000


def generate(rng: random.Random, size: int) -> dict[str, int]:
    bound = max(1, min(size, LIMIT))
    shape = rng.choice(["random", "random", "extreme", "cancel", "zero"])
    if shape == "extreme":
        a, b = rng.choice([-bound, bound]), rng.choice([-bound, bound])
    elif shape == "cancel":
        a = rng.randint(-bound, bound)
        b = -a
    elif shape == "zero":
        a, b = 0, rng.randint(-bound, bound)
        if rng.random() < 0.5:
            a, b = b, a
    else:
        a, b = rng.randint(-bound, bound), rng.randint(-bound, bound)
    return {"a": a, "b": b}


def validate(data: Any) -> None:
    if not isinstance(data, dict) or set(data) != {"a", "b"}:
        raise ValueError("data must be an object with exactly the keys 'a' and 'b'")
    for key in ("a", "b"):
        value = data[key]
        if isinstance(value, bool) or not isinstance(value, int):
            raise ValueError(f"{key} must be an integer")
        if not -LIMIT <= value <= LIMIT:
            raise ValueError(f"{key} must be between -10^9 and 10^9")
