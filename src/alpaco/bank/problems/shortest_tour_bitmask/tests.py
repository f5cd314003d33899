"""Road maps of up to 12 towns: symmetric, one-way costs, missing roads, no possible round, greedy traps."""

from __future__ import annotations

import math
import random
from typing import Any

MAX_TOWNS = 12
MAX_LENGTH = 1000

SAMPLES: list[Any] = [
    {"dist": [[0, 3, 8, 6], [3, 0, 4, 7], [8, 4, 0, 2], [6, 7, 2, 0]]},
    {"dist": [[0, 1, -1], [-1, 0, 1], [1, -1, 0]]},
    {"dist": [[0, 5, -1], [5, 0, 7], [-1, 7, 0]]},
]

BRUTE_MAX_SIZE = 8


def generate(rng: random.Random, size: int) -> dict[str, Any]:
    n = max(1, min(size, MAX_TOWNS))
    shape = rng.choice(["symmetric", "one_way", "sparse", "plane", "no_round", "greedy_trap"])
    dist = [[0] * n for _ in range(n)]
    if shape == "plane":
        points = [(rng.randint(0, 700), rng.randint(0, 700)) for _ in range(n)]
        for i in range(n):
            for j in range(n):
                if i != j:
                    gap = math.dist(points[i], points[j])
                    dist[i][j] = max(1, min(MAX_LENGTH, round(gap)))
    else:
        for i in range(n):
            for j in range(n):
                if i != j:
                    dist[i][j] = rng.randint(1, MAX_LENGTH)
        if shape in ("symmetric", "greedy_trap"):
            for i in range(n):
                for j in range(i):
                    dist[i][j] = dist[j][i]
        if shape == "sparse":
            density = rng.choice([0.3, 0.5, 0.7])
            for i in range(n):
                for j in range(n):
                    if i != j and rng.random() > density:
                        dist[i][j] = -1
        if shape == "no_round" and n > 1:
            town = rng.randrange(n)
            for i in range(n):
                if i != town:
                    dist[i][town] = -1
        if shape == "greedy_trap" and n > 3:
            for j in range(1, n):
                dist[0][j] = dist[j][0] = MAX_LENGTH
            dist[0][1] = dist[1][0] = 1
    return {"dist": dist}


def validate(data: Any) -> None:
    if not isinstance(data, dict) or set(data) != {"dist"}:
        raise ValueError('data must be an object with exactly the key "dist"')
    dist = data["dist"]
    if not isinstance(dist, list) or not 1 <= len(dist) <= MAX_TOWNS:
        raise ValueError(f"dist must be a list of 1..{MAX_TOWNS} rows")
    n = len(dist)
    for i, row in enumerate(dist):
        if not isinstance(row, list) or len(row) != n or any(type(x) is not int for x in row):
            raise ValueError(f"dist[{i}] must be a list of {n} integers")
        for j, length in enumerate(row):
            if i == j and length != 0:
                raise ValueError(f"dist[{i}][{i}] must be 0")
            if i != j and length != -1 and not 1 <= length <= MAX_LENGTH:
                raise ValueError(f"dist[{i}][{j}] must be -1 or in 1..{MAX_LENGTH}")
