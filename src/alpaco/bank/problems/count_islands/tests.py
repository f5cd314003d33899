"""Island maps: random coasts, checkerboards (most islands), one snaking island (deepest search), empty seas."""

from __future__ import annotations

import random
from typing import Any

MAX_SIDE = 300

SAMPLES: list[Any] = [
    ["11000", "11000", "00100", "00011"],
    ["111", "010", "111"],
    ["0"],
]

BRUTE_MAX_SIZE = 200


def generate(rng: random.Random, size: int) -> list[str]:
    cells = max(1, min(size, MAX_SIDE * MAX_SIDE))
    if cells >= 5000:
        shape = rng.choice(["random", "checkerboard", "serpentine", "blobs"])
    else:
        kinds = ["random", "random", "checkerboard", "serpentine", "blobs", "all", "line"]
        shape = rng.choice(kinds)
    rows, cols = _dimensions(rng, cells, square=shape == "serpentine")
    if cells <= 2:
        rows, cols = (1, 1) if cells == 1 else rng.choice([(1, 2), (2, 1)])
        shape = "random"
    if shape == "line":
        rows, cols = (1, min(cells, MAX_SIDE)) if rng.random() < 0.5 else (min(cells, MAX_SIDE), 1)
    if shape == "checkerboard":
        offset = rng.randrange(2)
        grid = [[(r + c + offset) % 2 for c in range(cols)] for r in range(rows)]
    elif shape == "serpentine":
        grid = [[1] * cols for _ in range(rows)]
        for r in range(1, rows, 2):
            gap = cols - 1 if (r // 2) % 2 == 0 else 0
            for c in range(cols):
                if c != gap:
                    grid[r][c] = 0
    elif shape == "all":
        fill = rng.randrange(2)
        grid = [[fill] * cols for _ in range(rows)]
    elif shape == "blobs":
        grid = [[0] * cols for _ in range(rows)]
        for _ in range(max(1, cells // 60)):
            r, c = rng.randrange(rows), rng.randrange(cols)
            radius = rng.randint(0, 4)
            for rr in range(max(0, r - radius), min(rows, r + radius + 1)):
                for cc in range(max(0, c - radius), min(cols, c + radius + 1)):
                    grid[rr][cc] = 1
    else:
        density = rng.choice([0.1, 0.3, 0.45, 0.6, 0.8])
        grid = [[int(rng.random() < density) for _ in range(cols)] for _ in range(rows)]
    return ["".join("1" if cell else "0" for cell in row) for row in grid]


def _dimensions(rng: random.Random, cells: int, *, square: bool) -> tuple[int, int]:
    if square or rng.random() < 0.5:
        rows = max(1, min(MAX_SIDE, int(cells**0.5)))
    else:
        rows = rng.randint(max(1, -(-cells // MAX_SIDE)), min(MAX_SIDE, cells))
    return rows, max(1, min(MAX_SIDE, cells // rows))


def validate(data: Any) -> None:
    if not isinstance(data, list) or not 1 <= len(data) <= MAX_SIDE:
        raise ValueError(f"data must be a list of 1..{MAX_SIDE} rows")
    if not all(isinstance(row, str) for row in data):
        raise ValueError("every row must be a string")
    cols = len(data[0])
    if not 1 <= cols <= MAX_SIDE:
        raise ValueError(f"rows must have 1..{MAX_SIDE} characters")
    for index, row in enumerate(data):
        if len(row) != cols:
            raise ValueError(f"row {index} has {len(row)} characters, expected {cols}")
        if row.strip("01"):
            raise ValueError(f"row {index} may hold only '0' and '1'")
