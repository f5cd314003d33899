from typing import Any


def solution(data: dict[str, Any]) -> list[list[int]]:
    nums: list[int] = data["nums"]
    target: int = data["target"]
    answer: list[list[int]] = []
    return answer
