from typing import Any


def solution(data: dict[str, Any]) -> float:
    # data["ratings"]: the rating of each day
    # data["k"]: the length of the run in days
    return 0.0
