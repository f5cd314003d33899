"""Typical bugs seeded into bank problems: the table find-my-bug is held to.

Each is a plausible student solution with one classic mistake (off by one, wrong on empty or
negative input, overflow-style wrapping, wrong tie break). `test_find_my_bug_bank.py` asserts that
every one is found; `bench/find_my_bug.py` measures the time to the first failing input and the
size of the shrunk one. Plain data, so both read it.
"""

from __future__ import annotations

from dataclasses import dataclass

from alpaco.bank.catalog import PROBLEMS_DIR


@dataclass(frozen=True)
class SeededBug:
    name: str
    bank_id: str
    kind: str
    code: str


def reference_with(bank_id: str, correct: str, wrong: str) -> str:
    """The bank's reference with one mistake made in it."""
    reference = (PROBLEMS_DIR / bank_id / "reference.py").read_text(encoding="utf-8")
    assert reference.count(correct) == 1, f"{bank_id}: {correct!r} is not in its reference once"
    return reference.replace(correct, wrong)


BUGS = (
    SeededBug(
        "binary search stops one step early",
        "binary_search",
        "off by one",
        reference_with("binary_search", "while lo <= hi", "while lo < hi"),
    ),
    SeededBug(
        "primes below n instead of up to n",
        "count_primes",
        "off by one",
        """def solution(n):
    count = 0
    for k in range(2, n):
        if all(k % d for d in range(2, int(k ** 0.5) + 1)):
            count += 1
    return count
""",
    ),
    SeededBug(
        "range sums skip the left end",
        "range_sum_queries",
        "off by one",
        """import sys

tokens = sys.stdin.read().split()
n, q = int(tokens[0]), int(tokens[1])
prefix = [0]
for value in tokens[2 : 2 + n]:
    prefix.append(prefix[-1] + int(value))
rest = tokens[2 + n :]
for i in range(q):
    left, right = int(rest[2 * i]), int(rest[2 * i + 1])
    print(prefix[right] - prefix[left])
""",
    ),
    SeededBug(
        "reversal starts from the last character",
        "string_reverse",
        "empty input",
        """def solution(data):
    out = data[-1]
    for ch in reversed(data[:-1]):
        out += ch
    return out
""",
    ),
    SeededBug(
        "maximum starts at zero",
        "array_maximum",
        "negative input",
        """def solution(data):
    best = 0
    for value in data:
        if value > best:
            best = value
    return best
""",
    ),
    SeededBug(
        "window maximum starts at zero",
        "sliding_window_maximum",
        "negative input",
        """import sys

tokens = sys.stdin.read().split()
n, k = int(tokens[0]), int(tokens[1])
readings = [int(t) for t in tokens[2 : 2 + n]]
maxima = []
for start in range(n - k + 1):
    best = 0
    for value in readings[start : start + k]:
        best = max(best, value)
    maxima.append(best)
print(" ".join(map(str, maxima)))
""",
    ),
    SeededBug(
        "shoelace sum in a 32-bit integer",
        "polygon_area",
        "overflow",
        """def wrap32(x):
    return (x + 2**31) % 2**32 - 2**31


def solution(data):
    points = [(round(x * 100), round(y * 100)) for x, y in data["points"]]
    twice = 0
    for (x1, y1), (x2, y2) in zip(points, points[1:] + points[:1]):
        twice = wrap32(twice + wrap32(x1 * y2) - wrap32(x2 * y1))
    return abs(twice) / 2 / 10000
""",
    ),
    SeededBug(
        "a station freed at t is not reused at t",
        "meeting_rooms",
        "tie break",
        """def solution(data):
    events = sorted([(s, 1) for s, _ in data] + [(e, -1) for _, e in data], key=lambda ev: (ev[0], -ev[1]))
    busy = best = 0
    for _, change in events:
        busy += change
        best = max(best, busy)
    return best
""",
    ),
)
