from typing import Any


def solution(data: dict[str, Any]) -> int:
    n: int = data["n"]
    neighbours: list[list[tuple[int, int]]] = [[] for _ in range(n)]
    for u, v, w in data["edges"]:
        neighbours[u].append((v, w))
        neighbours[v].append((u, w))

    def farthest(source: int) -> tuple[int, int]:
        distance = [-1] * n
        distance[source] = 0
        stack = [source]
        while stack:
            node = stack.pop()
            for nxt, length in neighbours[node]:
                if distance[nxt] < 0:
                    distance[nxt] = distance[node] + length
                    stack.append(nxt)
        best = max(range(n), key=distance.__getitem__)
        return best, distance[best]

    end, _ = farthest(0)
    _, diameter = farthest(end)
    return diameter
