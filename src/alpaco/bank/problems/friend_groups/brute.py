from typing import Any


def solution(data: dict[str, Any]) -> list[int]:
    label = list(range(data["n"]))
    history = []
    for a, b in data["pairs"]:
        old, new = label[b], label[a]
        label = [new if group == old else group for group in label]
        history.append(len(set(label)))
    return history
