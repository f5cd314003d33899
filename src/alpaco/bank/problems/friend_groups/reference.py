from typing import Any


def solution(data: dict[str, Any]) -> list[int]:
    n: int = data["n"]
    parent = list(range(n))
    size = [1] * n

    def find(person: int) -> int:
        while parent[person] != person:
            parent[person] = parent[parent[person]]
            person = parent[person]
        return person

    groups = n
    history = []
    for a, b in data["pairs"]:
        root_a, root_b = find(a), find(b)
        if root_a != root_b:
            if size[root_a] < size[root_b]:
                root_a, root_b = root_b, root_a
            parent[root_b] = root_a
            size[root_a] += size[root_b]
            groups -= 1
        history.append(groups)
    return history
