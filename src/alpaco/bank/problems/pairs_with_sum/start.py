from typing import Any


def solution(data: dict[str, Any]) -> list[list[int]]:
    # data["nums"]: the recorded weight of each bag
    # data["k"]: the combined weight the feeder needs
    # return every distinct pair [a, b] with a <= b and a + b == k
    return []
