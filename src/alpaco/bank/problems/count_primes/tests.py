"""Limits: 0, 1, 2, primes and their neighbours, perfect squares, and the maximum 2·10^6."""

from __future__ import annotations

import random
from typing import Any

MAX_N = 2_000_000

SAMPLES: list[Any] = [10, 1, 100]

BRUTE_MAX_SIZE = 20_000


def generate(rng: random.Random, size: int) -> int:
    limit = max(0, min(size, MAX_N))
    if limit <= 3:
        return limit
    if size >= 1_000_000:
        return limit - rng.choice([0, 0, rng.randint(1, 1000)])
    shape = rng.choice(["random", "prime", "after_prime", "square", "top"])
    n = rng.randint(2, limit)
    if shape == "prime":
        while not _is_prime(n):
            n -= 1
    elif shape == "after_prime":
        while not _is_prime(n - 1) and n > 3:
            n -= 1
    elif shape == "square":
        n = int(n**0.5) ** 2
    elif shape == "top":
        n = limit
    return n


def _is_prime(k: int) -> bool:
    return k >= 2 and all(k % d for d in range(2, int(k**0.5) + 1))


def validate(data: Any) -> None:
    if type(data) is not int or not 0 <= data <= MAX_N:
        raise ValueError(f"n must be an integer in 0..{MAX_N}")
