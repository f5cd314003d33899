from typing import Any


def solution(data: dict[str, Any]) -> list[list[int]]:
    values: list[int] = sorted(data["nums"])
    target: int = data["target"]
    n = len(values)
    reachable = [0] * (n + 1)
    reachable[n] = 1
    for i in range(n - 1, -1, -1):
        reachable[i] = reachable[i + 1] | (reachable[i + 1] << values[i])
    found: list[list[int]] = []
    chosen: list[int] = []

    def walk(i: int, remaining: int) -> None:
        if remaining == 0:
            found.append(chosen.copy())
            return
        rest = reachable[i + 1]
        value = values[i]
        if value <= remaining and rest >> (remaining - value) & 1:
            chosen.append(value)
            walk(i + 1, remaining - value)
            chosen.pop()
        if rest >> remaining & 1:
            walk(i + 1, remaining)

    if reachable[0] >> target & 1:
        walk(0, target)
    return found
