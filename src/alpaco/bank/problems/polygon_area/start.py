from typing import Any


def solution(data: dict[str, Any]) -> float:
    # data["points"]: the corners [x, y] in order along the border (either direction)
    return 0.0
