from typing import Any


def solution(data: dict[str, Any]) -> int:
    a: str = data["a"]
    b: str = data["b"]
    answer = 0
    return answer
