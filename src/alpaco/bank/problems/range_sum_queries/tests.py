"""Range sums (stdin text): one-day ledgers, whole-ledger and single-day queries, negative and zero entries."""

from __future__ import annotations

import random
from typing import Any

MAX_N = 5000
MAX_Q = 5000
LIMIT = 10**4

SAMPLES: list[Any] = [
    "5 3\n1 2 3 4 5\n1 3\n2 5\n4 4\n",
    "1 1\n-7\n1 1\n",
]

BRUTE_MAX_SIZE = 300


def generate(rng: random.Random, size: int) -> str:
    n = max(1, min(size, MAX_N))
    most = max(1, min(size, MAX_Q))
    q = most if rng.random() < 0.5 else rng.randint(1, most)
    shape = rng.choice(["random", "random", "negative", "sparse"])
    if shape == "negative":
        values = [rng.randint(-LIMIT, 0) for _ in range(n)]
    elif shape == "sparse":
        values = [rng.choice([0, 0, 0, LIMIT, -LIMIT]) for _ in range(n)]
    else:
        values = [rng.randint(-LIMIT, LIMIT) for _ in range(n)]
    queries = [_query(rng, n) for _ in range(q)]
    lines = [f"{n} {q}", " ".join(map(str, values))]
    lines += [f"{left} {right}" for left, right in queries]
    return "\n".join(lines) + "\n"


def _query(rng: random.Random, n: int) -> tuple[int, int]:
    kind = rng.random()
    if kind < 0.1:
        return 1, n
    if kind < 0.2:
        day = rng.randint(1, n)
        return day, day
    left, right = rng.randint(1, n), rng.randint(1, n)
    return min(left, right), max(left, right)


def _ints(line: str, count: int, where: str) -> list[int]:
    tokens = line.split(" ")
    if len(tokens) != count:
        raise ValueError(f"{where} must hold exactly {count} integers separated by single spaces")
    try:
        values = [int(token) for token in tokens]
    except ValueError:
        raise ValueError(f"{where} must hold only integers") from None
    if [str(value) for value in values] != tokens:
        raise ValueError(f"{where} must write integers plainly (no '+', no leading zeros)")
    return values


def validate(data: Any) -> None:
    if not isinstance(data, str) or not data.endswith("\n"):
        raise ValueError("the input must be text ending with a newline")
    lines = data[:-1].split("\n")
    n, q = _ints(lines[0], 2, "line 1")
    if not 1 <= n <= MAX_N or not 1 <= q <= MAX_Q:
        raise ValueError(f"n must be in 1..{MAX_N} and q in 1..{MAX_Q}")
    if len(lines) != 2 + q:
        raise ValueError(f"expected {2 + q} lines, got {len(lines)}")
    for value in _ints(lines[1], n, "line 2"):
        if not -LIMIT <= value <= LIMIT:
            raise ValueError("every a_i must be between -10^4 and 10^4")
    for number, line in enumerate(lines[2:], start=3):
        left, right = _ints(line, 2, f"line {number}")
        if not 1 <= left <= right <= n:
            raise ValueError(f"line {number} needs 1 ≤ l ≤ r ≤ n")
