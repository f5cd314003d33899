from typing import Any


def solution(data: dict[str, Any]) -> list[int]:
    # data["n"]: the number of members, numbered 0 .. n - 1
    # data["pairs"]: the log of friendships [a, b], in order
    # return the number of friend groups after each entry
    return [data["n"] for _ in data["pairs"]]
