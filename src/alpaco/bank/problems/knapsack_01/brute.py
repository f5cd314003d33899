from itertools import combinations
from typing import Any


def solution(data: dict[str, Any]) -> int:
    capacity: int = data["capacity"]
    items = data["items"]
    best = 0
    for count in range(len(items) + 1):
        for chosen in combinations(items, count):
            if sum(weight for weight, _ in chosen) <= capacity:
                best = max(best, sum(value for _, value in chosen))
    return best
