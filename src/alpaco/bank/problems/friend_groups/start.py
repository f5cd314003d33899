from typing import Any


def solution(data: dict[str, Any]) -> list[int]:
    n: int = data["n"]
    pairs: list[list[int]] = data["pairs"]
    answer: list[int] = []
    return answer
