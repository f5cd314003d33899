from typing import Any


def solution(data: dict[str, Any]) -> float:
    # data["n"]: the finish square; data["faces"]: the numbers on the die, 0 = blank
    return 0.0
