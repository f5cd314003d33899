"""Friendship logs: random, chains, stars, repeats inside one group, and many people with few links."""

from __future__ import annotations

import random
from typing import Any

MAX_N = 100_000
MAX_PAIRS = 5000

SAMPLES: list[Any] = [
    {"n": 5, "pairs": [[0, 1], [2, 3], [1, 0], [1, 3], [4, 2]]},
    {"n": 4, "pairs": []},
    {"n": 6, "pairs": [[0, 1], [1, 2], [2, 0], [3, 4]]},
]

BRUTE_MAX_SIZE = 150


def generate(rng: random.Random, size: int) -> dict[str, Any]:
    n = max(1, min(size, MAX_N))
    if n == 1:
        return {"n": 1, "pairs": []}
    m = min(MAX_PAIRS, rng.choice([n - 1, n, 2 * n, n // 2 + 1]))
    if size >= 20_000:
        m = MAX_PAIRS
    shape = rng.choice(["random", "chain", "star", "few_people", "merge_halves"])
    people = rng.sample(range(n), min(n, max(2, m + 1)))
    pairs: list[list[int]] = []
    if shape == "chain":
        pairs = [[people[i], people[i + 1]] for i in range(min(m, len(people) - 1))]
    elif shape == "star":
        pairs = [[people[0], people[i]] for i in range(1, min(m + 1, len(people)))]
    elif shape == "few_people":
        crowd = people[: max(2, min(len(people), 2 + m // 10))]
        pairs = [rng.sample(crowd, 2) for _ in range(m)]
    elif shape == "merge_halves":
        left, right = people[::2], people[1::2]
        for half in (left, right):
            pairs += [[half[i], half[i + 1]] for i in range(len(half) - 1)]
        pairs = [*pairs[: max(0, m - 1)], [left[0], right[-1]]]
    while len(pairs) < m:
        pairs.append(rng.sample(people, 2))
    for pair in pairs:
        if rng.random() < 0.5:
            pair.reverse()
    return {"n": n, "pairs": pairs}


def validate(data: Any) -> None:
    if not isinstance(data, dict) or set(data) != {"n", "pairs"}:
        raise ValueError('data must be an object with exactly the keys "n" and "pairs"')
    n, pairs = data["n"], data["pairs"]
    if type(n) is not int or not 1 <= n <= MAX_N:
        raise ValueError(f"n must be an integer in 1..{MAX_N}")
    if not isinstance(pairs, list) or len(pairs) > MAX_PAIRS:
        raise ValueError(f"pairs must be a list of at most {MAX_PAIRS} pairs")
    for index, pair in enumerate(pairs):
        if not isinstance(pair, list) or len(pair) != 2:
            raise ValueError(f"pairs[{index}] must be a list of two people")
        a, b = pair
        if type(a) is not int or type(b) is not int or not (0 <= a < n and 0 <= b < n):
            raise ValueError(f"pairs[{index}] must hold integers in 0..n-1")
        if a == b:
            raise ValueError(f"pairs[{index}] pairs a person with themselves")
