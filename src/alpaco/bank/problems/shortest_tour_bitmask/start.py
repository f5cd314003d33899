from typing import Any


def solution(data: dict[str, Any]) -> int:
    dist: list[list[int]] = data["dist"]  # dist[i][j] == -1: no road from i to j
    answer = -1
    return answer
