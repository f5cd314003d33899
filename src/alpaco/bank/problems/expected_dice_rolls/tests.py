"""Tracks and dice: standard dice, blank faces, repeated faces, faces larger than the track, one-face dice."""

from __future__ import annotations

import random
from typing import Any

MAX_N = 20_000
MAX_FACES = 20
MAX_FACE = 100

SAMPLES: list[Any] = [
    {"n": 3, "faces": [1, 2]},
    {"n": 4, "faces": [0, 0, 2]},
    {"n": 10, "faces": [1, 2, 3, 4, 5, 6]},
]

BRUTE_MAX_SIZE = 60


def generate(rng: random.Random, size: int) -> dict[str, Any]:
    n = max(1, min(size, MAX_N))
    shape = rng.choice(["standard", "random", "blanks", "repeated", "single", "ones", "long_jumps"])
    if shape == "standard":
        faces = list(range(1, 7))
    elif shape == "blanks":
        moving = [rng.randint(1, 10) for _ in range(rng.randint(1, 4))]
        faces = moving + [0] * rng.randint(1, MAX_FACES - len(moving))
    elif shape == "repeated":
        faces = [rng.choice([1, 2, 3])] * rng.randint(2, 10) + [rng.randint(1, 20)]
    elif shape == "single":
        faces = [rng.randint(1, MAX_FACE)]
    elif shape == "ones":
        faces = [1] * rng.randint(1, MAX_FACES - 1) + [0]
    elif shape == "long_jumps":
        faces = [rng.randint(50, MAX_FACE) for _ in range(rng.randint(1, MAX_FACES))]
    else:
        faces = [rng.randint(0, MAX_FACE) for _ in range(rng.randint(1, MAX_FACES))]
        if not any(faces):
            faces[0] = rng.randint(1, MAX_FACE)
    rng.shuffle(faces)
    return {"n": n, "faces": faces}


def validate(data: Any) -> None:
    if not isinstance(data, dict) or set(data) != {"n", "faces"}:
        raise ValueError('data must be an object with exactly the keys "n" and "faces"')
    n, faces = data["n"], data["faces"]
    if type(n) is not int or not 1 <= n <= MAX_N:
        raise ValueError(f"n must be an integer in 1..{MAX_N}")
    if not isinstance(faces, list) or not 1 <= len(faces) <= MAX_FACES:
        raise ValueError(f"faces must be a list of 1..{MAX_FACES} integers")
    if any(type(face) is not int or not 0 <= face <= MAX_FACE for face in faces):
        raise ValueError(f"every face must be an integer in 0..{MAX_FACE}")
    if not any(faces):
        raise ValueError("at least one face must be positive, or the token never moves")
