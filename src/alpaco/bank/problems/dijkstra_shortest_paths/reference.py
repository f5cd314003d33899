import heapq
from typing import Any


def solution(data: dict[str, Any]) -> list[int]:
    n = data["n"]
    graph: list[list[tuple[int, int]]] = [[] for _ in range(n)]
    for u, v, w in data["edges"]:
        graph[u].append((v, w))
    unreached = float("inf")
    best = [unreached] * n
    best[0] = 0
    heap = [(0, 0)]
    while heap:
        distance, node = heapq.heappop(heap)
        if distance > best[node]:
            continue
        for neighbour, length in graph[node]:
            candidate = distance + length
            if candidate < best[neighbour]:
                best[neighbour] = candidate
                heapq.heappush(heap, (candidate, neighbour))
    return [-1 if d == unreached else int(d) for d in best]
