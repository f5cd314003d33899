from typing import Any


def solution(data: dict[str, Any]) -> int:
    capacity: int = data["capacity"]
    best = [0] * (capacity + 1)
    for weight, value in data["items"]:
        if weight > capacity:
            continue
        best = best[:weight] + [
            max(skip, take + value) for skip, take in zip(best[weight:], best, strict=False)
        ]
    return best[capacity]
