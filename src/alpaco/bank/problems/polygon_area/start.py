from typing import Any


def solution(data: dict[str, Any]) -> float:
    points: list[list[float]] = data["points"]  # [x, y] in order around the plot
    answer = 0.0
    return answer
