from typing import Any


def solution(data: dict[str, Any]) -> int:
    # data["n"]: the number of shelters, numbered 0 .. n - 1
    # data["edges"]: trails [u, v, w] of length w between shelters u and v
    return 0
