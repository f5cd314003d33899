"""Simple polygons: convex, star-shaped, orthogonal combs (deeply non-convex), collinear vertices, tiny and
huge areas, both orientations. The validator checks simplicity exactly on coordinates scaled to integers."""

from __future__ import annotations

import math
import random
from typing import Any

MAX_VERTICES = 1000
MAX_COORDINATE = 10_000
SCALE = 100

SAMPLES: list[Any] = [
    {"points": [[0, 0], [4, 0], [4, 3], [0, 3]]},
    {"points": [[0, 0], [3, 1], [6, 0], [6, 4], [0, 4]]},
    {"points": [[-1.5, 1], [1.75, 2.5], [0.5, 0.25]]},
]

BRUTE_MAX_SIZE = 50

Point = tuple[int, int]


def generate(rng: random.Random, size: int) -> dict[str, Any]:
    n = max(3, min(size, MAX_VERTICES))
    while True:
        shapes = ["convex", "star", "star", "tiny"] + (["comb", "rectangle"] if n >= 4 else [])
        shape = rng.choice(shapes)
        whole = rng.random() < 0.3
        points = _shape(rng, n, shape, whole=whole)
        if rng.random() < 0.5:
            points.reverse()
        turn = rng.randrange(len(points))
        points = points[turn:] + points[:turn]
        data = {"points": [[_number(x, whole), _number(y, whole)] for x, y in points]}
        try:
            validate(data)
        except ValueError:
            continue
        return data


def _number(hundredths: int, whole: bool) -> int | float:
    return hundredths // SCALE if whole else hundredths / SCALE


def _shape(rng: random.Random, n: int, shape: str, *, whole: bool) -> list[Point]:
    unit = SCALE if whole else 1
    limit = MAX_COORDINATE * SCALE
    radius = rng.randint(max(n, 100), limit // 2) // unit * unit
    if shape == "tiny":
        radius = rng.randint(3, 30) * unit
    cx = rng.randint(-(limit - radius), limit - radius) // unit * unit
    cy = rng.randint(-(limit - radius), limit - radius) // unit * unit
    if shape == "comb":
        return [(cx + x, cy + y) for x, y in _comb(rng, n, radius, unit)]
    if shape == "rectangle":
        return [(cx + x, cy + y) for x, y in _rectangle(rng, n, radius, unit)]
    slots = max(4 * n, 3600)
    angles = sorted(rng.sample(range(slots), n))
    points = []
    for slot in angles:
        angle = 2 * math.pi * slot / slots
        reach = radius if shape in ("convex", "tiny") else rng.randint(radius // 5, radius)
        x = round(reach * math.cos(angle) / unit) * unit
        y = round(reach * math.sin(angle) / unit) * unit
        points.append((cx + x, cy + y))
    return points


def _comb(rng: random.Random, n: int, radius: int, unit: int) -> list[Point]:
    """Teeth pointing up from a flat base; extra vertices sit on the base, collinear with its ends."""
    teeth = max(1, n // 4)
    step = max(2 * unit, (2 * radius // (2 * teeth)) // unit * unit)
    width = step * (2 * teeth - 1)
    top, valley = 2 * radius // unit * unit, rng.randint(1, 2 * radius // unit - 1) * unit
    outline: list[Point] = [(width, top)]
    for tooth in range(teeth - 1, -1, -1):
        left = 2 * tooth * step
        outline.append((left, top))
        if tooth:
            outline += [(left, valley), (left - step, valley), (left - step, top)]
    base = sorted(
        rng.sample(range(unit, width, unit), min(n - len(outline) - 2, width // unit - 1))
    )
    return [(0, 0), *((x, 0) for x in base), (width, 0), *outline[:-1], (0, top)]


def _rectangle(rng: random.Random, n: int, radius: int, unit: int) -> list[Point]:
    width = rng.randint(1, 2 * radius // unit) * unit
    height = rng.randint(1, 2 * radius // unit) * unit
    extra = n - 4
    bottom = sorted(rng.sample(range(unit, width, unit), min(extra, width // unit - 1)))
    return [(0, 0), *((x, 0) for x in bottom), (width, 0), (width, height), (0, height)]


def validate(data: Any) -> None:
    if not isinstance(data, dict) or set(data) != {"points"}:
        raise ValueError('data must be an object with exactly the key "points"')
    raw = data["points"]
    if not isinstance(raw, list) or not 3 <= len(raw) <= MAX_VERTICES:
        raise ValueError(f"points must be a list of 3..{MAX_VERTICES} vertices")
    points: list[Point] = []
    for index, point in enumerate(raw):
        if not isinstance(point, list) or len(point) != 2:
            raise ValueError(f"points[{index}] must be [x, y]")
        points.append((_scaled(point[0], index), _scaled(point[1], index)))
    if len(set(points)) != len(points):
        raise ValueError("a vertex appears twice")
    if _twice_area(points) == 0:
        raise ValueError("the polygon has zero area")
    _check_simple(points)


def _scaled(value: Any, index: int) -> int:
    if type(value) not in (int, float) or not math.isfinite(value):
        raise ValueError(f"points[{index}] must hold finite numbers")
    if abs(value) > MAX_COORDINATE:
        raise ValueError(f"points[{index}] is outside |x|, |y| ≤ {MAX_COORDINATE}")
    scaled: int = round(value * SCALE)
    if abs(value * SCALE - scaled) > 1e-6:
        raise ValueError(f"points[{index}] has more than 2 digits after the decimal point")
    return scaled


def _twice_area(points: list[Point]) -> int:
    return sum(
        x1 * y2 - x2 * y1
        for (x1, y1), (x2, y2) in zip(points, points[1:] + points[:1], strict=True)
    )


def _cross(o: Point, a: Point, b: Point) -> int:
    return (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0])


def _within(a: Point, b: Point, p: Point) -> bool:
    return min(a[0], b[0]) <= p[0] <= max(a[0], b[0]) and min(a[1], b[1]) <= p[1] <= max(a[1], b[1])


def _touch(a: Point, b: Point, c: Point, d: Point) -> bool:
    d1, d2, d3, d4 = _cross(c, d, a), _cross(c, d, b), _cross(a, b, c), _cross(a, b, d)
    if ((d1 > 0 > d2) or (d1 < 0 < d2)) and ((d3 > 0 > d4) or (d3 < 0 < d4)):
        return True
    return (
        (d1 == 0 and _within(c, d, a))
        or (d2 == 0 and _within(c, d, b))
        or (d3 == 0 and _within(a, b, c))
        or (d4 == 0 and _within(a, b, d))
    )


def _check_simple(points: list[Point]) -> None:
    """Sides may meet only where neighbours share a vertex; a sweep over x keeps this near-linear."""
    n = len(points)
    for i in range(n):
        before, here, after = points[i - 1], points[i], points[(i + 1) % n]
        folds_back = (before[0] - here[0]) * (after[0] - here[0]) + (before[1] - here[1]) * (
            after[1] - here[1]
        ) > 0
        if _cross(here, before, after) == 0 and folds_back:
            raise ValueError(f"the sides at vertex {i} fold back over each other")
    sides = sorted(range(n), key=lambda i: min(points[i][0], points[(i + 1) % n][0]))
    for rank, i in enumerate(sides):
        a, b = points[i], points[(i + 1) % n]
        right = max(a[0], b[0])
        for j in sides[rank + 1 :]:
            c, d = points[j], points[(j + 1) % n]
            if min(c[0], d[0]) > right:
                break
            if (j - i) % n in (1, n - 1):
                continue
            if _touch(a, b, c, d):
                raise ValueError(f"sides {min(i, j)} and {max(i, j)} cross or touch")
