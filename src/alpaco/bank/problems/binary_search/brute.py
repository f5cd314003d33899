from typing import Any


def solution(data: dict[str, Any]) -> int:
    for index, value in enumerate(data["nums"]):
        if value == data["target"]:
            return index
    return -1
