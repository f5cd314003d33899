"""Coupon sets: many answers, exactly one (target = total), none (too large, or odd target with even values)."""

from __future__ import annotations

import random
from typing import Any

MAX_COUNT = 24
MAX_VALUE = 1000
MAX_TARGET = 24_000
MAX_ANSWERS = 200

SAMPLES: list[Any] = [
    {"nums": [3, 1, 4, 2, 5], "target": 6},
    {"nums": [2, 4, 6], "target": 5},
    {"nums": [7], "target": 7},
]

BRUTE_MAX_SIZE = 18


def generate(rng: random.Random, size: int) -> dict[str, Any]:
    n = max(1, min(size, MAX_COUNT))
    shape = rng.choice(["some", "some", "none_parity", "none_large", "everything", "dense"])
    ceiling = MAX_VALUE
    while True:
        if shape == "dense":
            ceiling = max(n, min(ceiling, 3 * n))
        nums = rng.sample(range(1, ceiling + 1), n)
        if shape == "none_parity":
            nums = [2 * ((value + 1) // 2) for value in nums]
            nums = sorted(set(nums))
            target = 2 * rng.randint(1, max(1, sum(nums) // 8)) + 1
        elif shape == "none_large":
            target = min(MAX_TARGET, sum(nums) + rng.randint(1, 100))
        elif shape == "everything":
            target = sum(nums)
        else:
            picked = [value for value in nums if rng.random() < 0.5] or [nums[0]]
            target = sum(picked)
        rng.shuffle(nums)
        target = min(target, MAX_TARGET)
        if _answers(nums, target) <= MAX_ANSWERS:
            return {"nums": nums, "target": target}
        ceiling = min(MAX_VALUE, ceiling * 2)
        if shape == "dense":
            shape = "some"


def _answers(nums: list[int], target: int) -> int:
    ways = [1] + [0] * target
    for value in nums:
        for total in range(target, value - 1, -1):
            ways[total] += ways[total - value]
    return ways[target]


def validate(data: Any) -> None:
    if not isinstance(data, dict) or set(data) != {"nums", "target"}:
        raise ValueError('data must be an object with exactly the keys "nums" and "target"')
    nums, target = data["nums"], data["target"]
    if not isinstance(nums, list) or not 1 <= len(nums) <= MAX_COUNT:
        raise ValueError(f"nums must be a list of 1..{MAX_COUNT} integers")
    if any(type(value) is not int or not 1 <= value <= MAX_VALUE for value in nums):
        raise ValueError(f"every value must be an integer in 1..{MAX_VALUE}")
    if len(set(nums)) != len(nums):
        raise ValueError("the values must be distinct")
    if type(target) is not int or not 1 <= target <= MAX_TARGET:
        raise ValueError(f"target must be an integer in 1..{MAX_TARGET}")
    if _answers(nums, target) > MAX_ANSWERS:
        raise ValueError(f"more than {MAX_ANSWERS} subsets reach the target")
