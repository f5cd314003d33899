"""What the student's message is, besides its words: its language, whether it asks for the next
hint, and whether it pushes for the answer or against the tutor's rules.

The last is a signal, not a wall: the prompt tells the model to decline such a request, the
offline tutor declines it itself, and the log counts it. What stops a leak that gets past the
model anyway is the leak guard.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Final, Literal

Language = Literal["ko", "en"]

_HANGUL: Final = re.compile(r"[\uac00-\ud7a3\u1100-\u11ff\u3130-\u318f]")
_NEXT_HINT: Final = re.compile(
    r"\b(next|another|more|bigger|further|stronger)\s+hints?\b|\bstill\s+stuck\b|\bmore\s+help\b"
    r"|다음\s*힌트|힌트\s*(더|하나\s*더|좀\s*더)|추가\s*힌트|다른\s*힌트|더\s*(큰|자세한)\s*힌트"
    r"|아직(도)?\s*모르겠|여전히\s*모르겠",
    re.IGNORECASE,
)
_PRESSURE: Final = re.compile(
    # Asking for the code itself, in so many words.
    r"\b(give|show|write|send|tell|paste|type|reveal|translate)\b(\W+\w+){0,4}?"
    r"\W+(code|answer|solution|program|version)\b|\bline\s+of\s+the\s+(code|solution)"
    r"|(full|complete|entire|whole|final|working|correct)\s+(python\s+)?(code|solution|program)"
    r"|solve\s+(it|this)\s+for\s+me|python\s+syntax|\breference\b|hidden\s+(test|case)"
    # Stepping outside the rules: other roles, other instructions, encodings.
    r"|ignore\s+(all\s+|any\s+|the\s+|your\s+)?(previous|prior|above|earlier|these|those)?\s*"
    r"(instructions|rules|prompt)|system\s*(prompt|:)|developer\s+mode|jailbreak|\bDAN\b"
    r"|you\s+are\s+now|pretend|role[\s-]?play|act\s+as|from\s+now\s+on|base64|rot13"
    r"|</?(student_message|student_code|conversation|reference_solution|last_result)"
    r"|code\s+complet|solution\s+compl|完全な|コードを書"
    # The same in Korean.
    r"|무시|시스템\s*프롬프트|역할\s*극|탈옥|개발자\s*모드|이제부터\s*너는"
    r"|(정답|전체|완성된?|완전한|모범|동작하는|통과하는)\s*(코드|답안|풀이|버전)|완전\s*탐색\s*코드"
    r"|코드.{0,15}(써|짜|작성해|보여|알려|붙여|출력해)\s*줘|첫\s*줄|한\s*줄씩|파이썬\s*문법"
    r"|(대신|그냥)\s*풀어|답\s*(을\s*)?(알려|보여)|숨겨진\s*(테스트|케이스)|히든\s*(테스트|케이스)"
    r"|레퍼런스|참조\s*(코드|솔루션)|출력해",
    re.IGNORECASE,
)


def language_of(message: str, chosen: Language | None) -> Language:
    """The answer's language: the one the student chose, else Korean for a message with Hangul
    in it, else English."""
    if chosen is not None:
        return chosen
    return "ko" if _HANGUL.search(message) else "en"


def asks_next_hint(message: str) -> bool:
    return _NEXT_HINT.search(message) is not None


def pushes_for_answer(message: str) -> bool:
    return _PRESSURE.search(message) is not None


def hint_level(chosen: int | None, message: str, earlier: Iterable[str], top: int) -> int:
    """The level the student chose, else one above the first for each time they asked for the
    next hint in this conversation (this message included): the ladder rises only when asked."""
    if chosen is not None:
        return chosen
    asked = sum(1 for text in (*earlier, message) if asks_next_hint(text))
    return min(top, 1 + asked)
