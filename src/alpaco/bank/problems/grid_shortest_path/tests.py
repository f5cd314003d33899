"""Grid mazes as stdin text: open fields, random walls, serpentine corridors and walled-off exits."""

from __future__ import annotations

import random
import re

MAX_SIDE = 300

SAMPLES: list[str] = [
    "3 4\nS..#\n.#..\n...E\n",
    "2 3\nS#E\n.#.\n",
    "5 6\nS.#...\n#.#.#.\n..#.#.\n.##.#.\n....#E\n",
]

BRUTE_MAX_SIZE = 400

_ROW = re.compile(r"[.#SE]+")
_SIDE = re.compile(r"[1-9][0-9]*")


def generate(rng: random.Random, size: int) -> str:
    cells = max(2, min(size, MAX_SIDE * MAX_SIDE))
    if cells >= 5000:
        shape = rng.choice(["far", "serpentine", "walled_exit", "split"])
    else:
        kinds = [
            "random",
            "random",
            "far",
            "far",
            "serpentine",
            "open",
            "walled_exit",
            "split",
            "line",
        ]
        shape = rng.choice(kinds)
    rows, cols = _dimensions(rng, cells, square=shape in ("serpentine", "split"))
    if cells <= 4:
        rows, cols = rng.choice([(1, 2), (2, 1), (2, 2)])
    if shape == "line":
        rows, cols = (1, cells) if rng.random() < 0.5 else (cells, 1)
        rows, cols = min(rows, MAX_SIDE), min(cols, MAX_SIDE)
        rows, cols = max(rows, 1), max(cols, 1)
        if rows * cols < 2:
            rows, cols = 1, 2
    grid = [["."] * cols for _ in range(rows)]
    if shape in ("random", "far", "walled_exit", "split", "line"):
        density = rng.choice(
            {"far": [0.2, 0.3], "line": [0.0, 0.02]}.get(shape, [0.0, 0.1, 0.2, 0.3])
        )
        for r in range(rows):
            for c in range(cols):
                if rng.random() < density:
                    grid[r][c] = "#"
    if shape == "serpentine":
        return _serpentine(rng, rows, cols)
    start, end = rng.sample(range(rows * cols), 2)
    if shape == "far":
        start, end = 0, rows * cols - 1
    if shape == "split" and cols >= 3:
        wall = rng.randrange(1, cols - 1)
        for r in range(rows):
            grid[r][wall] = "#"
        start = rng.randrange(rows) * cols + rng.randrange(wall)
        end = rng.randrange(rows) * cols + rng.randrange(wall + 1, cols)
        if rng.random() < 0.5:
            start, end = end, start
    grid[start // cols][start % cols] = "S"
    grid[end // cols][end % cols] = "E"
    if shape == "walled_exit":
        er, ec = divmod(end, cols)
        for nr, nc in ((er - 1, ec), (er + 1, ec), (er, ec - 1), (er, ec + 1)):
            if 0 <= nr < rows and 0 <= nc < cols and grid[nr][nc] == ".":
                grid[nr][nc] = "#"
    return _render(grid)


def _dimensions(rng: random.Random, cells: int, *, square: bool) -> tuple[int, int]:
    side = int(cells**0.5)
    if square or rng.random() < 0.5:
        rows = max(1, min(MAX_SIDE, side))
    else:
        rows = rng.randint(max(1, -(-cells // MAX_SIDE)), min(MAX_SIDE, cells))
    cols = max(1, min(MAX_SIDE, cells // rows))
    if rows * cols < 2:
        rows, cols = 1, 2
    return rows, cols


def _serpentine(rng: random.Random, rows: int, cols: int) -> str:
    """A corridor snaking through every other row: the shortest path visits about half the grid."""
    grid = [["."] * cols for _ in range(rows)]
    for r in range(1, rows, 2):
        gap = cols - 1 if (r // 2) % 2 == 0 else 0
        for c in range(cols):
            if c != gap:
                grid[r][c] = "#"
    last = rows - 1 if rows % 2 == 1 else rows - 2
    end_col = cols - 1 if (last // 2) % 2 == 0 else 0
    cells = [(0, 0), (last, end_col)]
    if rows * cols == 2 or cells[0] == cells[1]:
        cells = [(0, 0), (rows - 1, cols - 1)]
    if rng.random() < 0.5:
        cells.reverse()
    grid[cells[0][0]][cells[0][1]] = "S"
    grid[cells[1][0]][cells[1][1]] = "E"
    return _render(grid)


def _render(grid: list[list[str]]) -> str:
    return f"{len(grid)} {len(grid[0])}\n" + "".join("".join(row) + "\n" for row in grid)


def validate(data: str) -> None:
    if not isinstance(data, str):
        raise ValueError("input must be text")
    if not data.endswith("\n"):
        raise ValueError("the input must end with a newline")
    lines = data[:-1].split("\n")
    header = lines[0].split(" ")
    if len(header) != 2 or not all(_SIDE.fullmatch(part) for part in header):
        raise ValueError("the first line must be two integers R C")
    rows, cols = int(header[0]), int(header[1])
    if not (1 <= rows <= MAX_SIDE and 1 <= cols <= MAX_SIDE) or rows * cols < 2:
        raise ValueError(f"R={rows}, C={cols} outside 1..{MAX_SIDE} or R·C < 2")
    if len(lines) != rows + 1:
        raise ValueError(f"expected {rows} grid rows, got {len(lines) - 1}")
    for index, row in enumerate(lines[1:], start=1):
        if len(row) != cols or not _ROW.fullmatch(row):
            raise ValueError(f"row {index} must be {cols} characters from '.#SE'")
    body = "".join(lines[1:])
    if body.count("S") != 1 or body.count("E") != 1:
        raise ValueError("the grid needs exactly one 'S' and one 'E'")
