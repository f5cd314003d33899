from typing import Any


def solution(data: dict[str, Any]) -> int:
    n: int = data["n"]
    edges = data["edges"]
    best = 0
    for source in range(n):
        distance = {source: 0}
        changed = True
        while changed:
            changed = False
            for u, v, w in edges:
                for here, there in ((u, v), (v, u)):
                    if here in distance and there not in distance:
                        distance[there] = distance[here] + w
                        changed = True
        assert len(distance) == n
        best = max(best, *distance.values())
    return best
