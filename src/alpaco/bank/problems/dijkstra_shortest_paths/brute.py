from typing import Any


def solution(data: dict[str, Any]) -> list[int]:
    n = data["n"]
    dist: list[int | None] = [None] * n
    dist[0] = 0
    for _ in range(n - 1):
        for u, v, w in data["edges"]:
            start = dist[u]
            if start is not None and (dist[v] is None or start + w < dist[v]):
                dist[v] = start + w
    return [-1 if d is None else d for d in dist]
