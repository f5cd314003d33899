from typing import Any


def solution(data: dict[str, Any]) -> float:
    ratings: list[int] = data["ratings"]
    k: int = data["k"]
    averages = []
    for first in range(len(ratings) - k + 1):
        total = 0
        for day in range(first, first + k):
            total += ratings[day]
        averages.append(total / k)
    return max(averages)
