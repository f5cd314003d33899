from typing import Any


def solution(data: dict[str, Any]) -> int:
    dist: list[list[int]] = data["dist"]
    n = len(dist)
    if n == 1:
        return 0
    towns = n - 1
    unreachable = 10**9
    roads = [
        [(1 << k, k, dist[j + 1][k + 1]) for k in range(towns) if k != j and dist[j + 1][k + 1] > 0]
        for j in range(towns)
    ]
    best = [[unreachable] * towns for _ in range(1 << towns)]
    for k in range(towns):
        if dist[0][k + 1] > 0:
            best[1 << k][k] = dist[0][k + 1]
    for mask in range(1, 1 << towns):
        row = best[mask]
        for j in range(towns):
            cost = row[j]
            if cost == unreachable:
                continue
            for bit, k, length in roads[j]:
                if not mask & bit:
                    target = best[mask | bit]
                    target[k] = min(target[k], cost + length)
    last = best[(1 << towns) - 1]
    tours = [
        last[j] + dist[j + 1][0]
        for j in range(towns)
        if last[j] < unreachable and dist[j + 1][0] > 0
    ]
    return min(tours, default=-1)
