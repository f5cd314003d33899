from fractions import Fraction
from typing import Any


def solution(data: dict[str, Any]) -> float:
    n: int = data["n"]
    faces: list[int] = data["faces"]
    moving = [face for face in faces if face > 0]
    # Only moving rolls change the position; each one takes len(faces) / len(moving) rolls on average.
    below = {0: Fraction(1)}
    moving_rolls = Fraction(0)
    while below:
        moving_rolls += sum(below.values())
        after: dict[int, Fraction] = {}
        for position, chance in below.items():
            for face in moving:
                if position + face < n:
                    after[position + face] = after.get(position + face, 0) + chance / len(moving)
        below = after
    return float(moving_rolls * Fraction(len(faces), len(moving)))
