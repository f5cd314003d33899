"""Word pairs: random, near-copies with a few typos, empty words, identical words, disjoint alphabets."""

from __future__ import annotations

import random
import string
from typing import Any

MAX_LENGTH = 500

SAMPLES: list[Any] = [
    {"a": "kitten", "b": "sitting"},
    {"a": "", "b": "abc"},
    {"a": "banana", "b": "ananas"},
]

BRUTE_MAX_SIZE = 6


def generate(rng: random.Random, size: int) -> dict[str, str]:
    limit = max(0, min(size, MAX_LENGTH))
    alphabet = rng.choice(["ab", "acgt", string.ascii_lowercase])
    shape = rng.choice(["random", "typos", "typos", "empty", "same", "disjoint"])
    if size >= 100:
        shape = rng.choice(["random", "typos", "disjoint"])
    length = limit if size >= 100 else rng.randint(0, limit)
    a = _word(rng, alphabet, length)
    if shape == "random":
        b = _word(rng, alphabet, limit if size >= 100 else rng.randint(0, limit))
    elif shape == "typos":
        b = _typos(rng, a, alphabet, rng.randint(1, max(1, length // 5)), limit)
    elif shape == "empty":
        a, b = "", _word(rng, alphabet, rng.randint(0, limit))
    elif shape == "same":
        b = a
    else:
        a = _word(rng, "abcdefghijklm", length)
        b = _word(rng, "nopqrstuvwxyz", limit if size >= 100 else rng.randint(0, limit))
    if rng.random() < 0.5:
        a, b = b, a
    return {"a": a, "b": b}


def _word(rng: random.Random, alphabet: str, length: int) -> str:
    return "".join(rng.choice(alphabet) for _ in range(length))


def _typos(rng: random.Random, word: str, alphabet: str, count: int, limit: int) -> str:
    letters = list(word)
    for _ in range(count):
        action = rng.choice(["insert", "delete", "replace"])
        if action == "insert" and len(letters) < limit:
            letters.insert(rng.randint(0, len(letters)), rng.choice(alphabet))
        elif action == "delete" and letters:
            del letters[rng.randrange(len(letters))]
        elif letters:
            letters[rng.randrange(len(letters))] = rng.choice(alphabet)
    return "".join(letters)


def validate(data: Any) -> None:
    if not isinstance(data, dict) or set(data) != {"a", "b"}:
        raise ValueError('data must be an object with exactly the keys "a" and "b"')
    for key in ("a", "b"):
        word = data[key]
        if not isinstance(word, str) or len(word) > MAX_LENGTH:
            raise ValueError(f"{key} must be a string of at most {MAX_LENGTH} letters")
        if word.strip(string.ascii_lowercase):
            raise ValueError(f"{key} may contain only lowercase English letters")
