from typing import Any


def solution(data: dict[str, Any]) -> float:
    ratings: list[int] = data["ratings"]
    k: int = data["k"]
    window = sum(ratings[:k])
    best = window
    for day in range(k, len(ratings)):
        window += ratings[day] - ratings[day - k]
        best = max(best, window)
    return best / k
