from typing import Any


def solution(data: dict[str, Any]) -> int:
    # data["nums"]: the mood of each alpaca
    # data["k"]: the largest combined mood a pen tolerates
    return 0
