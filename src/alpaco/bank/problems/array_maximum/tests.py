"""Array maximum: single elements, all-negative lists, duplicates of the maximum, extremes, sorted runs."""

from __future__ import annotations

import random
from typing import Any

MAX_N = 10**4
LIMIT = 10**9

SAMPLES: list[Any] = [
    [3, 9, -2, 9, 4],
    [-5, -12, -3],
]

BRUTE_MAX_SIZE = 200


def generate(rng: random.Random, size: int) -> list[int]:
    n = max(1, min(size, MAX_N))
    shape = rng.choice(["random", "negative", "duplicates", "extremes", "ascending", "descending"])
    if shape == "negative":
        values = [rng.randint(-LIMIT, -1) for _ in range(n)]
    elif shape == "duplicates":
        pool = [rng.randint(-50, 50) for _ in range(rng.randint(1, 3))]
        values = [rng.choice(pool) for _ in range(n)]
    elif shape == "extremes":
        values = [rng.choice([-LIMIT, LIMIT, rng.randint(-LIMIT, LIMIT)]) for _ in range(n)]
    else:
        values = [rng.randint(-LIMIT, LIMIT) for _ in range(n)]
        if shape != "random":
            values.sort(reverse=shape == "descending")
    return values


def validate(data: Any) -> None:
    if not isinstance(data, list) or not 1 <= len(data) <= MAX_N:
        raise ValueError(f"data must be a list of 1..{MAX_N} integers")
    for index, value in enumerate(data):
        if isinstance(value, bool) or not isinstance(value, int):
            raise ValueError(f"data[{index}] must be an integer")
        if not -LIMIT <= value <= LIMIT:
            raise ValueError(f"data[{index}] must be between -10^9 and 10^9")
