"""Best average streak: k = 1, k = n, windows of a third (repeating decimals), flat days, a late spike,
steadily rising and falling ratings."""

from __future__ import annotations

import random
from typing import Any

MAX_N = 2 * 10**4
TOP = 100

SAMPLES: list[Any] = [
    {"ratings": [70, 85, 90, 60, 95], "k": 2},
    {"ratings": [10, 20, 40], "k": 3},
    {"ratings": [100], "k": 1},
]

BRUTE_MAX_SIZE = 300


def generate(rng: random.Random, size: int) -> dict[str, Any]:
    n = max(1, min(size, MAX_N))
    if n >= 1000:
        shape = rng.choice(["random", "spike", "rising"])
    else:
        shape = rng.choice(["random", "random", "flat", "spike", "rising", "falling"])
    if shape == "flat":
        ratings = [rng.randint(0, TOP)] * n
    elif shape == "spike":
        ratings = [rng.randint(0, 40) for _ in range(n)]
        ratings[rng.randrange(n)] = TOP
    elif shape in ("rising", "falling"):
        ratings = sorted(rng.randint(0, TOP) for _ in range(n))
        if shape == "falling":
            ratings.reverse()
    else:
        ratings = [rng.randint(0, TOP) for _ in range(n)]
    if n >= 1000:
        k = rng.choice([n // 2, n // 3, rng.randint(n // 4, n)])
    else:
        k = rng.choice([1, n, max(1, n // 2), max(1, n // 3), rng.randint(1, n)])
    return {"ratings": ratings, "k": k}


def validate(data: Any) -> None:
    if not isinstance(data, dict) or set(data) != {"ratings", "k"}:
        raise ValueError("data must be an object with exactly the keys 'ratings' and 'k'")
    ratings, k = data["ratings"], data["k"]
    if not isinstance(ratings, list) or not 1 <= len(ratings) <= MAX_N:
        raise ValueError(f"ratings must be a list of 1..{MAX_N} integers")
    for index, value in enumerate(ratings):
        if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= TOP:
            raise ValueError(f"ratings[{index}] must be an integer between 0 and {TOP}")
    if isinstance(k, bool) or not isinstance(k, int) or not 1 <= k <= len(ratings):
        raise ValueError("k must be an integer between 1 and len(ratings)")
