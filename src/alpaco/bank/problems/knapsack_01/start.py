from typing import Any


def solution(data: dict[str, Any]) -> int:
    capacity: int = data["capacity"]
    items: list[list[int]] = data["items"]  # [weight, value]
    answer = 0
    return answer
