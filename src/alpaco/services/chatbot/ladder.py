"""The four-level hint ladder: concept, strategy, locate the bug, pseudocode.

Each rung says, to the model, how far a hint may go; a hint never goes past its rung, and the
student climbs one rung by asking for the next hint (`message.hint_level`). The ladder follows the
LLM Hint Factory's levels (product anchors §3a), with "locate the bug" grounded in a failing sample
case rather than a code example, which the leak guard would withhold anyway.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

from alpaco.services.chatbot.message import Language


@dataclass(frozen=True)
class Rung:
    level: int
    names: dict[Language, str]
    instruction: str

    def name(self, language: Language) -> str:
        return self.names[language]


LADDER: Final = (
    Rung(
        1,
        {"en": "concept", "ko": "개념"},
        "Name the concept or technique the problem exercises and explain it in general terms, "
        "with a tiny example that is not this problem. Say nothing yet about how to apply it here.",
    ),
    Rung(
        2,
        {"en": "strategy", "ko": "전략"},
        "Describe in words an approach for this problem: what to keep track of, in what order, "
        "and the time complexity the constraints call for. No code.",
    ),
    Rung(
        3,
        {"en": "locate the bug", "ko": "버그 찾기"},
        "Use the student's code and the failing sample case below: point to the line or the idea "
        "that goes wrong, and ask a question that leads them to see why, for instance by tracing "
        "the sample by hand. Do not write the corrected code. Without a failing case, ask them to "
        "run the samples and tell you which one fails.",
    ),
    Rung(
        4,
        {"en": "pseudocode", "ko": "의사코드"},
        "Give a short outline of the algorithm as numbered steps in plain words, with no syntax "
        "of any programming language, leaving the details for the student to write.",
    ),
)
TOP: Final = len(LADDER)


def rung(level: int) -> Rung:
    return LADDER[min(max(level, 1), TOP) - 1]
