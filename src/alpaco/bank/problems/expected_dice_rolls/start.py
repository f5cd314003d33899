from typing import Any


def solution(data: dict[str, Any]) -> float:
    n: int = data["n"]
    faces: list[int] = data["faces"]
    answer = 0.0
    return answer
