from typing import Any


def solution(data: dict[str, Any]) -> int:
    # data["nums"]: the tag numbers in strictly increasing order
    # data["target"]: the tag to look for; return its index, or -1
    return -1
