from collections import Counter
from typing import Any


def solution(data: dict[str, Any]) -> list[list[int]]:
    counts = Counter(data["nums"])
    k = data["k"]
    pairs = []
    for a in counts:
        b = k - a
        if (a < b and b in counts) or (a == b and counts[a] >= 2):
            pairs.append([a, b])
    pairs.sort()
    return pairs
