from typing import Any


def solution(data: dict[str, Any]) -> list[int]:
    # data["n"]: the number of fields; the barn is field 0
    # data["edges"]: roads [u, v, w], one-way from u to v with length w
    # return the distance to every field, -1 where it cannot be reached
    return [-1] * data["n"]
