import math
from typing import Any


def solution(data: dict[str, Any]) -> float:
    points: list[list[float]] = data["points"]
    twice_area = math.fsum(
        x1 * y2 - x2 * y1
        for (x1, y1), (x2, y2) in zip(points, points[1:] + points[:1], strict=True)
    )
    return abs(twice_area) / 2
