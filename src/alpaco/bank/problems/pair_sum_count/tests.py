"""Calm pen pairs: one alpaca, equal moods, all-negative moods, k below every pair and above every pair."""

from __future__ import annotations

import random
from typing import Any

MAX_N = 10**4
LIMIT = 10**6

SAMPLES: list[Any] = [
    {"nums": [3, -1, 4, 1, 5], "k": 4},
    {"nums": [2, 2, 2], "k": 4},
    {"nums": [7], "k": 100},
]

BRUTE_MAX_SIZE = 200


def generate(rng: random.Random, size: int) -> dict[str, Any]:
    n = max(1, min(size, MAX_N))
    if n >= 1000:
        shape = rng.choice(["random", "duplicates", "negative"])
    else:
        shape = rng.choice(["random", "random", "duplicates", "negative", "none", "all"])
    if shape == "duplicates":
        pool = [rng.randint(-20, 20) for _ in range(rng.randint(1, 4))]
        nums = [rng.choice(pool) for _ in range(n)]
    elif shape == "negative":
        nums = [rng.randint(-LIMIT, -1) for _ in range(n)]
    else:
        nums = [rng.randint(-LIMIT, LIMIT) for _ in range(n)]
    ordered = sorted(nums)
    if shape == "none":
        k = max(-2 * LIMIT, ordered[0] + ordered[1] - 1) if n > 1 else rng.randint(-LIMIT, LIMIT)
    elif shape == "all":
        k = min(2 * LIMIT, ordered[-1] + ordered[-2]) if n > 1 else rng.randint(-LIMIT, LIMIT)
    else:
        k = rng.choice(nums) + rng.choice(nums)
    return {"nums": nums, "k": k}


def validate(data: Any) -> None:
    if not isinstance(data, dict) or set(data) != {"nums", "k"}:
        raise ValueError("data must be an object with exactly the keys 'nums' and 'k'")
    nums, k = data["nums"], data["k"]
    if not isinstance(nums, list) or not 1 <= len(nums) <= MAX_N:
        raise ValueError(f"nums must be a list of 1..{MAX_N} integers")
    for index, value in enumerate(nums):
        if isinstance(value, bool) or not isinstance(value, int):
            raise ValueError(f"nums[{index}] must be an integer")
        if not -LIMIT <= value <= LIMIT:
            raise ValueError(f"nums[{index}] must be between -10^6 and 10^6")
    if isinstance(k, bool) or not isinstance(k, int) or not -2 * LIMIT <= k <= 2 * LIMIT:
        raise ValueError("k must be an integer between -2·10^6 and 2·10^6")
