"""Fibonacci: the base cases 0 and 1, values below the modulus, and n up to the maximum."""

from __future__ import annotations

import random
from typing import Any

MAX_N = 10**5

SAMPLES: list[Any] = [10, 50, 0]

BRUTE_MAX_SIZE = 25


def generate(rng: random.Random, size: int) -> int:
    top = max(1, min(size, MAX_N))
    if rng.random() < 0.4:
        return top
    return rng.randint(top // 2, top)


def validate(data: Any) -> None:
    if isinstance(data, bool) or not isinstance(data, int):
        raise ValueError("data must be an integer")
    if not 0 <= data <= MAX_N:
        raise ValueError(f"n must be between 0 and {MAX_N}")
