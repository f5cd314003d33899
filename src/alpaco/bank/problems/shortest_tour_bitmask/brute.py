from itertools import pairwise, permutations
from typing import Any


def solution(data: dict[str, Any]) -> int:
    dist: list[list[int]] = data["dist"]
    n = len(dist)
    if n == 1:
        return 0
    best = -1
    for order in permutations(range(1, n)):
        route = [0, *order, 0]
        legs = [dist[a][b] for a, b in pairwise(route)]
        if all(leg > 0 for leg in legs) and (best < 0 or sum(legs) < best):
            best = sum(legs)
    return best
