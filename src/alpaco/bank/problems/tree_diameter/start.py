from typing import Any


def solution(data: dict[str, Any]) -> int:
    n: int = data["n"]
    edges: list[list[int]] = data["edges"]  # [u, v, w]
    answer = 0
    return answer
