from fractions import Fraction
from itertools import pairwise
from typing import Any


def solution(data: dict[str, Any]) -> float:
    points = [(Fraction(x), Fraction(y)) for x, y in data["points"]]
    edges = list(zip(points, points[1:] + points[:1], strict=True))
    xs = sorted({x for x, _ in points})
    area = Fraction(0)
    for left, right in pairwise(xs):
        middle = (left + right) / 2
        crossings = sorted(
            y1 + (y2 - y1) * (middle - x1) / (x2 - x1)
            for (x1, y1), (x2, y2) in edges
            if min(x1, x2) < middle < max(x1, x2)
        )
        inside = sum(
            top - bottom for bottom, top in zip(crossings[::2], crossings[1::2], strict=True)
        )
        area += (right - left) * inside
    return float(area)
