"""Pairs with a sum: no pairs at all, a half-k weight that appears once or twice, many repeated weights,
dense ranges where thousands of pairs exist, and negative weights."""

from __future__ import annotations

import random
from typing import Any

MAX_N = 10**4
LIMIT = 10**6

SAMPLES: list[Any] = [
    {"nums": [1, 5, 3, 3, 7, -1, 5], "k": 6},
    {"nums": [3, 4], "k": 6},
    {"nums": [0, 0, 0], "k": 0},
]

BRUTE_MAX_SIZE = 200


def generate(rng: random.Random, size: int) -> dict[str, Any]:
    n = max(1, min(size, MAX_N))
    shape = rng.choice(["dense", "dense", "wide", "duplicates", "none", "half"])
    if shape == "wide":
        nums = [rng.randint(-LIMIT, LIMIT) for _ in range(n)]
        k = rng.choice(nums) + rng.choice(nums)
    elif shape == "duplicates":
        pool = [rng.randint(-10, 10) for _ in range(rng.randint(1, 5))]
        nums = [rng.choice(pool) for _ in range(n)]
        k = rng.choice(pool) + rng.choice(pool)
    elif shape == "none":
        nums = [2 * rng.randint(-LIMIT // 2, LIMIT // 2) for _ in range(n)]
        k = 2 * rng.randint(-LIMIT, LIMIT - 1) + 1
    else:
        spread = max(2, n)
        centre = rng.randint(-LIMIT + spread, LIMIT - spread)
        nums = [centre + rng.randint(-spread, spread) for _ in range(n)]
        k = 2 * centre + rng.randint(-2, 2)
        if shape == "half":
            k = 2 * centre
            copies = rng.randint(1, min(2, n))
            nums = [x for x in nums if x != centre][: n - copies] + [centre] * copies
            rng.shuffle(nums)
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
