"""Difficulty labels: stored in English, accepted in either language.

The original's UI sent the Korean labels and stored whatever it was sent, so both are read, and
everything we write is `Easy`, `Medium` or `Hard`.
"""

from __future__ import annotations

from typing import Final

KOREAN_DIFFICULTY: Final = {"Easy": "쉬움", "Medium": "보통", "Hard": "어려움"}
_BY_LABEL: Final = {
    **{english.lower(): english for english in KOREAN_DIFFICULTY},
    **{korean: english for english, korean in KOREAN_DIFFICULTY.items()},
}


def canonical_difficulty(label: str) -> str | None:
    """`Easy|Medium|Hard` for any accepted label (either language, any case), else None."""
    return _BY_LABEL.get(label.strip().lower())
