from typing import Any


def solution(data: dict[str, Any]) -> int:
    # data["capacity"]: the most weight the bag can hold
    # data["items"]: pieces of gear [weight, value], each taken at most once
    return 0
