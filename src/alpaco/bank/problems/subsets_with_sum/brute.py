from itertools import combinations
from typing import Any


def solution(data: dict[str, Any]) -> list[list[int]]:
    values = sorted(data["nums"])
    return [
        list(subset)
        for size in range(1, len(values) + 1)
        for subset in combinations(values, size)
        if sum(subset) == data["target"]
    ]
