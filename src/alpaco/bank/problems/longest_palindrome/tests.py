"""Strings: random over small and large alphabets, one repeated letter, periodic, planted odd and even palindromes."""

from __future__ import annotations

import random
import string
from typing import Any

MAX_LENGTH = 3000

SAMPLES: list[Any] = ["racecars", "abba", "xyz"]

BRUTE_MAX_SIZE = 300


def generate(rng: random.Random, size: int) -> str:
    n = max(1, min(size, MAX_LENGTH))
    alphabet = rng.choice(["ab", "abc", string.ascii_lowercase])
    kinds = ["random", "random", "planted_odd", "planted_odd", "planted_even", "planted_even"]
    shape = rng.choice([*kinds, "periodic", "same"])
    if size >= 1000:
        shape = rng.choice(["random", "planted_odd", "planted_even", "periodic", "same"])
    if shape == "same":
        return rng.choice(string.ascii_lowercase) * n
    if shape == "periodic":
        period = "".join(rng.choice(alphabet) for _ in range(rng.randint(2, 4)))
        return (period * n)[:n]
    letters = [rng.choice(alphabet) for _ in range(n)]
    if shape.startswith("planted") and n >= 2:
        half_length = rng.randint(1, n // 2)
        half = [rng.choice(alphabet) for _ in range(half_length)]
        middle = [rng.choice(alphabet)] if shape == "planted_odd" else []
        palindrome = half + middle + half[::-1]
        palindrome = palindrome[:n]
        start = rng.randint(0, n - len(palindrome))
        letters[start : start + len(palindrome)] = palindrome
    return "".join(letters)


def validate(data: Any) -> None:
    if not isinstance(data, str) or not 1 <= len(data) <= MAX_LENGTH:
        raise ValueError(f"s must be a string of 1..{MAX_LENGTH} letters")
    if data.strip(string.ascii_lowercase):
        raise ValueError("s may contain only lowercase English letters")
