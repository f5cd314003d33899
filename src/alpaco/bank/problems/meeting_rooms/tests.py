"""Shearing stations: one appointment, back-to-back chains (end == next start), identical and nested
appointments, shared start times, and long random days."""

from __future__ import annotations

import random
from typing import Any

MAX_N = 10**4
LIMIT = 10**6

SAMPLES: list[Any] = [
    [[0, 30], [5, 10], [15, 20]],
    [[7, 10], [2, 4]],
    [[1, 5], [5, 10], [10, 15]],
]

BRUTE_MAX_SIZE = 300


def generate(rng: random.Random, size: int) -> list[list[int]]:
    n = max(1, min(size, MAX_N))
    if n >= 1000:
        shape = "random"
    else:
        shape = rng.choice(
            ["random", "random", "random", "chain", "identical", "nested", "same_start"]
        )
    if shape == "chain":
        cuts = sorted(rng.sample(range(LIMIT + 1), n + 1))
        appointments = [[cuts[i], cuts[i + 1]] for i in range(n)]
    elif shape == "identical":
        start = rng.randint(0, LIMIT - 1)
        appointments = [[start, rng.randint(start + 1, LIMIT)]] * n
    elif shape == "nested":
        middle = LIMIT // 2
        appointments = [[middle - i - 1, middle + i + 1] for i in range(n)]
    elif shape == "same_start":
        start = rng.randint(0, LIMIT // 2)
        appointments = [[start, rng.randint(start + 1, LIMIT)] for _ in range(n)]
    else:
        longest = rng.choice([10, 1000, LIMIT // max(1, n) * 20, LIMIT])
        appointments = []
        for _ in range(n):
            start = rng.randint(0, LIMIT - 1)
            appointments.append([start, min(LIMIT, start + rng.randint(1, max(1, longest)))])
    rng.shuffle(appointments)
    return [list(pair) for pair in appointments]


def validate(data: Any) -> None:
    if not isinstance(data, list) or not 1 <= len(data) <= MAX_N:
        raise ValueError(f"data must be a list of 1..{MAX_N} appointments")
    for index, pair in enumerate(data):
        if (
            not isinstance(pair, list)
            or len(pair) != 2
            or any(isinstance(x, bool) or not isinstance(x, int) for x in pair)
        ):
            raise ValueError(f"data[{index}] must be a list of two integers [start, end]")
        start, end = pair
        if not 0 <= start < end <= LIMIT:
            raise ValueError(f"data[{index}] needs 0 ≤ start < end ≤ 10^6")
