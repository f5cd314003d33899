"""Binary search: targets at the first and last index, in the middle, below, above and between values."""

from __future__ import annotations

import random
from typing import Any

MAX_N = 10**4
LIMIT = 10**9

SAMPLES: list[Any] = [
    {"nums": [-4, 1, 3, 8, 15], "target": 8},
    {"nums": [-4, 1, 3, 8, 15], "target": 5},
    {"nums": [7], "target": 7},
]

BRUTE_MAX_SIZE = MAX_N


def generate(rng: random.Random, size: int) -> dict[str, Any]:
    n = max(1, min(size, MAX_N))
    span = rng.choice([n, 3 * n, LIMIT])
    low = rng.randint(-LIMIT, LIMIT - span)
    nums = sorted(rng.sample(range(low, low + span + 1), n))
    place = rng.choice(["first", "last", "inside", "inside", "inside", "below", "above", "between"])
    if place == "first":
        target = nums[0]
    elif place == "last":
        target = nums[-1]
    elif place == "inside":
        target = rng.choice(nums)
    elif place == "below":
        target = max(-LIMIT, nums[0] - rng.randint(1, 10))
    elif place == "above":
        target = min(LIMIT, nums[-1] + rng.randint(1, 10))
    else:
        gaps = [i for i in range(n - 1) if nums[i + 1] - nums[i] > 1]
        target = nums[rng.choice(gaps)] + 1 if gaps else nums[0]
    return {"nums": nums, "target": target}


def validate(data: Any) -> None:
    if not isinstance(data, dict) or set(data) != {"nums", "target"}:
        raise ValueError("data must be an object with exactly the keys 'nums' and 'target'")
    nums, target = data["nums"], data["target"]
    if not isinstance(nums, list) or not 1 <= len(nums) <= MAX_N:
        raise ValueError(f"nums must be a list of 1..{MAX_N} integers")
    for value in [*nums, target]:
        if isinstance(value, bool) or not isinstance(value, int):
            raise ValueError("nums and target must hold integers")
        if not -LIMIT <= value <= LIMIT:
            raise ValueError("every value must be between -10^9 and 10^9")
    if any(nums[i] >= nums[i + 1] for i in range(len(nums) - 1)):
        raise ValueError("nums must be strictly increasing")
