from typing import Any


def solution(data: dict[str, Any]) -> int:
    a: str = data["a"]
    b: str = data["b"]
    previous = list(range(len(b) + 1))
    for i, letter in enumerate(a, start=1):
        current = [i]
        left = i
        for j, other in enumerate(b):
            diagonal = previous[j] + (letter != other)
            up = previous[j + 1] + 1
            left = min(diagonal, up, left + 1)
            current.append(left)
        previous = current
    return previous[-1]
