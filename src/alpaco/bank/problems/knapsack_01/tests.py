"""Knapsacks: random, greedy-by-ratio traps, nothing fits, everything fits, duplicates, maximum capacity."""

from __future__ import annotations

import random
from typing import Any

MAX_ITEMS = 100
MAX_CAPACITY = 10_000
MAX_WEIGHT = 10_000
MAX_VALUE = 1_000_000

SAMPLES: list[Any] = [
    {"capacity": 10, "items": [[5, 10], [4, 40], [6, 30], [3, 50]]},
    {"capacity": 7, "items": [[6, 13], [4, 8], [3, 6], [5, 12]]},
    {"capacity": 3, "items": [[4, 100]]},
]

BRUTE_MAX_SIZE = 15


def generate(rng: random.Random, size: int) -> dict[str, Any]:
    n = max(1, min(size, MAX_ITEMS))
    capacity = MAX_CAPACITY if size >= 50 else rng.randint(1, min(MAX_CAPACITY, 60 * n + 10))
    shape = rng.choice(["random", "greedy_trap", "too_heavy", "all_fit", "duplicates", "similar"])
    items: list[list[int]] = []
    if shape == "greedy_trap":
        while len(items) + 3 <= n:
            half = max(1, capacity // 2)
            items += [
                [half + 1, 2 * half + 4],
                [half, 2 * half],
                [max(1, capacity - half), 2 * half],
            ]
    elif shape == "too_heavy" and capacity < MAX_WEIGHT:
        items = [
            [rng.randint(capacity + 1, MAX_WEIGHT), rng.randint(1, MAX_VALUE)] for _ in range(n)
        ]
    elif shape == "all_fit":
        share = max(1, capacity // n)
        items = [[rng.randint(1, share), rng.randint(1, MAX_VALUE)] for _ in range(n)]
    elif shape == "duplicates":
        kinds = [[rng.randint(1, capacity), rng.randint(1, MAX_VALUE)] for _ in range(3)]
        items = [list(rng.choice(kinds)) for _ in range(n)]
    elif shape == "similar":
        base = max(1, capacity // rng.randint(2, 8))
        for _ in range(n):
            weight = max(1, base + rng.randint(-3, 3))
            items.append([weight, weight * 100 + rng.randint(-50, 50)])
    while len(items) < n:
        weight = rng.randint(1, min(MAX_WEIGHT, max(1, capacity * rng.choice([1, 1, 2]) // 2)))
        items.append([weight, rng.randint(1, MAX_VALUE)])
    items = [[min(w, MAX_WEIGHT), min(max(v, 1), MAX_VALUE)] for w, v in items[:n]]
    rng.shuffle(items)
    return {"capacity": min(capacity, MAX_CAPACITY), "items": items}


def validate(data: Any) -> None:
    if not isinstance(data, dict) or set(data) != {"capacity", "items"}:
        raise ValueError('data must be an object with exactly the keys "capacity" and "items"')
    capacity, items = data["capacity"], data["items"]
    if type(capacity) is not int or not 1 <= capacity <= MAX_CAPACITY:
        raise ValueError(f"capacity must be an integer in 1..{MAX_CAPACITY}")
    if not isinstance(items, list) or not 1 <= len(items) <= MAX_ITEMS:
        raise ValueError(f"items must be a list of 1..{MAX_ITEMS} items")
    for index, item in enumerate(items):
        if not isinstance(item, list) or len(item) != 2 or any(type(x) is not int for x in item):
            raise ValueError(f"items[{index}] must be two integers [weight, value]")
        weight, value = item
        if not 1 <= weight <= MAX_WEIGHT or not 1 <= value <= MAX_VALUE:
            raise ValueError(f"items[{index}] is outside 1 ≤ weight ≤ 10^4, 1 ≤ value ≤ 10^6")
