from collections import Counter
from typing import Any


def solution(data: dict[str, Any]) -> float:
    n: int = data["n"]
    faces: list[int] = data["faces"]
    sides = len(faces)
    moving = sides - faces.count(0)
    steps = sorted(Counter(face for face in faces if face > 0).items())
    expected = [0.0] * (n + max(faces) + 1)
    for square in range(n - 1, -1, -1):
        total = float(sides)
        for step, count in steps:
            total += count * expected[square + step]
        expected[square] = total / moving
    return expected[0]
