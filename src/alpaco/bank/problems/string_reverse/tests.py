"""String reverse: the empty string, one character, palindromes, spaces at the edges, quotes, backslashes."""

from __future__ import annotations

import random
import string
from typing import Any

MAX_LENGTH = 2 * 10**4
PRINTABLE = "".join(chr(code) for code in range(32, 127))

SAMPLES: list[Any] = [
    "hello",
    "Paco eats hay!",
    "a",
]

BRUTE_MAX_SIZE = 1000


def generate(rng: random.Random, size: int) -> str:
    n = max(0, min(size, MAX_LENGTH))
    if n == 0:
        return ""
    shape = rng.choice(["random", "words", "palindrome", "repeated", "padded"])
    if shape == "words":
        words: list[str] = []
        while sum(len(word) + 1 for word in words) < n:
            words.append("".join(rng.choices(string.ascii_letters, k=rng.randint(1, 8))))
        return " ".join(words)[:n]
    if shape == "palindrome":
        half = "".join(rng.choices(PRINTABLE, k=n // 2))
        middle = rng.choice(PRINTABLE) if n % 2 else ""
        return half + middle + half[::-1]
    if shape == "repeated":
        return rng.choice(PRINTABLE) * n
    text = "".join(rng.choices(PRINTABLE, k=n))
    if shape == "padded" and n >= 3:
        text = " " + text[1:-1] + " "
    return text


def validate(data: Any) -> None:
    if not isinstance(data, str):
        raise ValueError("data must be a string")
    if len(data) > MAX_LENGTH:
        raise ValueError(f"data may hold at most {MAX_LENGTH} characters")
    for index, character in enumerate(data):
        if not 32 <= ord(character) <= 126:
            raise ValueError(f"character {index} is not printable ASCII")
