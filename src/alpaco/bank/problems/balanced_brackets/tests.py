"""Balanced brackets (stdin text): single pieces, odd lengths, crossed pairs, closers first, near-misses
produced by one swap, deletion or replacement, and one plan nested half the input deep."""

from __future__ import annotations

import random
from typing import Any

MAX_Q = 10**4
MAX_TOTAL = 5 * 10**4
OPEN = "([{"
CLOSE = {"(": ")", "[": "]", "{": "}"}
PIECES = frozenset("()[]{}")

SAMPLES: list[Any] = [
    "5\n([]{})\n([)]\n((\n}{\n{[()()]}\n",
    "1\n()\n",
]

BRUTE_MAX_SIZE = 300


def generate(rng: random.Random, size: int) -> str:
    budget = max(1, min(size, MAX_TOTAL))
    plans = []
    if budget >= 1000:
        depth = budget // 4
        plans.append("".join(rng.choice(OPEN) for _ in range(depth)))
        plans[-1] += "".join(CLOSE[piece] for piece in reversed(plans[-1]))
        budget -= len(plans[-1])
    longest = max(1, min(budget, 60 if size >= 1000 else size))
    while budget > 0 and len(plans) < MAX_Q:
        length = rng.randint(1, min(budget, longest))
        plans.append(_plan(rng, length))
        budget -= length
    rng.shuffle(plans)
    return f"{len(plans)}\n" + "".join(plan + "\n" for plan in plans)


def _plan(rng: random.Random, length: int) -> str:
    if length >= 2 and rng.random() < 0.5:
        return _balanced(rng, length - length % 2)
    text = list(_balanced(rng, length - length % 2))
    mistake = "insert" if length % 2 else rng.choice(["swap", "retype", "reverse", "drop"])
    if mistake == "insert":
        text.insert(rng.randint(0, len(text)), rng.choice("()[]{}"))
    elif mistake == "swap":
        i, j = rng.sample(range(length), 2)
        text[i], text[j] = text[j], text[i]
    elif mistake == "retype":
        i = rng.randrange(length)
        text[i] = rng.choice([p for p in "()[]{}" if p != text[i]])
    elif mistake == "reverse":
        text.reverse()
    else:
        del text[rng.randrange(length)]
        text.insert(rng.randint(0, len(text)), rng.choice("()[]{}"))
    return "".join(text)


def _balanced(rng: random.Random, length: int) -> str:
    out: list[str] = []
    stack: list[str] = []
    opens_left = length // 2
    while opens_left or stack:
        if opens_left and (not stack or rng.random() < 0.5):
            piece = rng.choice(OPEN)
            out.append(piece)
            stack.append(piece)
            opens_left -= 1
        else:
            out.append(CLOSE[stack.pop()])
    return "".join(out)


def validate(data: Any) -> None:
    if not isinstance(data, str) or not data.endswith("\n"):
        raise ValueError("the input must be text ending with a newline")
    lines = data[:-1].split("\n")
    if not lines[0].isdecimal() or str(int(lines[0])) != lines[0]:
        raise ValueError("line 1 must be the integer q")
    q = int(lines[0])
    if not 1 <= q <= MAX_Q:
        raise ValueError(f"q must be between 1 and {MAX_Q}")
    if len(lines) != 1 + q:
        raise ValueError(f"expected {1 + q} lines, got {len(lines)}")
    plans = lines[1:]
    for number, plan in enumerate(plans, start=2):
        if not plan or not set(plan) <= PIECES:
            raise ValueError(f"line {number} must be a non-empty string of ()[]{{}}")
    if sum(len(plan) for plan in plans) > MAX_TOTAL:
        raise ValueError(f"the plans may hold at most {MAX_TOTAL} characters in total")
