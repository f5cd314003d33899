"""How much of a reference solution one answer has shown so far, and whether more would be too much.

A reference is measured in shingles (runs of `GRAM` normalised tokens). The start code is public,
so its shingles are not the reference's. The student's own code is theirs: showing it back reveals
nothing, so its shingles never count as shown, yet the bar stays a share of the whole reference, so
a tutor may still point at the one line a nearly finished solution gets wrong.

The count runs over the whole answer: three blocks each showing a fifth of the solution are as
much a leak as one block showing three fifths.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Final, NamedTuple

from alpaco.services.chatbot._tokens import Gram, code_shingles

# Above this share of a reference, an answer hands over the solution rather than a hint. The
# honest hints of the test set show at most 0.29 (two key lines of a twelve-line solution), most
# of them nothing; its scripted leaks show 0.6 to 1 of a reference, and one cut in three blocks
# crosses the bar with its second block.
THRESHOLD: Final = 0.3
# Prose alone may show less: code typed into a sentence is no hint, and honest prose shows almost
# none (a few shingles where it names an expression).
PROSE_BAR: Final = 0.15
# A reference of a few shingles (a one-line solution) is leaked by fewer than this many anyway.
MIN_SHINGLES: Final = 2


class Share(NamedTuple):
    """The reference an answer would come closest to leaking, and how close."""

    reference: str
    share: float
    leaks: bool


@dataclass(frozen=True)
class Reference:
    """A reference measured once per answer: `size` shingles beyond the start code, of which
    `countable` are not the student's own."""

    name: str
    size: int
    countable: frozenset[Gram]


def measure(references: Mapping[str, str], *, given: str, own: str) -> tuple[Reference, ...]:
    """`references` by name (solution, brute force); `given` is the start code everyone sees,
    `own` the student's code. A reference with nothing beyond the start code is left out."""
    public = code_shingles(given)
    known = public | code_shingles(own)
    return tuple(
        Reference(name, len(shingles), frozenset(shingles - known))
        for name, code in references.items()
        if (shingles := code_shingles(code) - public)
    )


class Exposure:
    """The count over one answer, against a `bar`: the share of a reference that is a leak."""

    def __init__(self, references: Sequence[Reference], bar: float = THRESHOLD) -> None:
        self._references = references
        self._need = [max(min(MIN_SHINGLES, r.size), math.ceil(bar * r.size)) for r in references]
        self._shown: list[set[Gram]] = [set() for _ in references]

    def judge(self, shingles: set[Gram]) -> Share | None:
        """What showing `shingles` would bring the closest reference to; None without one."""
        worst: Share | None = None
        for ref, need, shown in zip(self._references, self._need, self._shown, strict=True):
            count = len(shown) + len((shingles & ref.countable) - shown)
            share = Share(ref.name, count / ref.size, count >= need)
            if worst is None or share.share > worst.share:
                worst = share
        return worst

    def show(self, shingles: set[Gram]) -> None:
        for ref, shown in zip(self._references, self._shown, strict=True):
            shown.update(shingles & ref.countable)
