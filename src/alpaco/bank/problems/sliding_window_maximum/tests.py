"""Readings as stdin text: random, rising, falling, flat (ties), zigzag; k from 1 to n, large k for big n."""

from __future__ import annotations

import random
import re

MAX_N = 20_000
MAX_READING = 10_000

SAMPLES: list[str] = [
    "8 3\n2 5 -1 -4 6 1 1 8\n",
    "5 1\n4 -2 4 0 -2\n",
    "4 4\n-5 -1 -7 -3\n",
]

BRUTE_MAX_SIZE = 3000

_INTEGER = re.compile(r"-?(0|[1-9][0-9]*)")


def generate(rng: random.Random, size: int) -> str:
    n = max(1, min(size, MAX_N))
    if size >= 10_000:
        k = max(1, n // 2 + rng.randint(-n // 10, n // 10))
    else:
        k = rng.choice([1, n, rng.randint(1, n), rng.randint(1, max(1, n // 3)), rng.randint(1, n)])
    shape = rng.choice(["random", "rising", "falling", "flat", "zigzag", "few_values"])
    if size >= 10_000:
        shape = rng.choice(["random", "falling", "zigzag"])
    if shape == "rising":
        readings = sorted(rng.randint(-MAX_READING, MAX_READING) for _ in range(n))
    elif shape == "falling":
        readings = sorted((rng.randint(-MAX_READING, MAX_READING) for _ in range(n)), reverse=True)
    elif shape == "flat":
        readings = [rng.randint(-MAX_READING, MAX_READING)] * n
    elif shape == "zigzag":
        readings = [MAX_READING - i if i % 2 == 0 else i - MAX_READING for i in range(n)]
    elif shape == "few_values":
        readings = [rng.randint(-2, 2) for _ in range(n)]
    else:
        readings = [rng.randint(-MAX_READING, MAX_READING) for _ in range(n)]
    return f"{n} {k}\n" + " ".join(map(str, readings)) + "\n"


def validate(data: str) -> None:
    if not isinstance(data, str):
        raise ValueError("input must be text")
    lines = data.split("\n")
    if len(lines) != 3 or lines[2] != "":
        raise ValueError("input must be exactly two lines, each ending with a newline")
    header, body = lines[0].split(" "), lines[1].split(" ")
    if len(header) != 2 or not all(_INTEGER.fullmatch(part) for part in header):
        raise ValueError("the first line must be two integers n k")
    n, k = int(header[0]), int(header[1])
    if not 1 <= k <= n <= MAX_N:
        raise ValueError(f"need 1 ≤ k ≤ n ≤ {MAX_N}, got n={n}, k={k}")
    if len(body) != n or not all(_INTEGER.fullmatch(part) for part in body):
        raise ValueError(
            f"the second line must hold exactly n={n} integers separated by single spaces"
        )
    if any(abs(int(part)) > MAX_READING for part in body):
        raise ValueError(f"every reading must be in -{MAX_READING}..{MAX_READING}")
