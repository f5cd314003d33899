"""Is a line of the answer prose, code, a code fence, or undecided yet?

The guard lets prose through as it arrives and holds code, so it must tell them apart from the
start of a line, before the line is complete. Most prose gives itself away within two words:
`word word` is never a Python statement unless the first word is a keyword (`return x`,
`import y`), so such a line is prose at once. Anything else waits for its line end and is then
judged whole: a line whose tokens read as Python (no two names side by side, some operator or
bracket, or a statement keyword with a colon at its end) is code.
"""

from __future__ import annotations

import keyword
import re
from itertools import pairwise
from typing import Final, Literal

from alpaco.services.chatbot._tokens import code_tokens

Kind = Literal["prose", "code", "comment", "blank", "fence"]

_FENCE: Final = re.compile(r"^[ \t]*(`{3,}|~{3,})")
# A prose line may still lead with list, quote, heading and emphasis marks.
_MARKS: Final = re.compile(r"^(?:[ \t]*(?:[-*+]\s+|\d{1,3}[.)]\s+|>\s?|\*\*|__))*[ \t]*")
# Two words; the first may end a sentence or close an emphasis (`**Hint:** try`).
_TWO_WORDS: Final = re.compile(r"([^\W\d_][\w'’-]*)(?:[.!?]|:?[*_]{1,2}:?)?[ \t]+[^\W\d_]")
_STATEMENT_WORDS: Final = frozenset({*keyword.kwlist, *keyword.softkwlist, "print"})
# Tokens that Python needs and sentences rarely hold: one of them makes a line without prose
# word pairs code.
_CODE_MARKS: Final = frozenset(
    {"=", "(", ")", "[", "]", "{", "}", ":", ".", "+=", "-=", "*=", "/=", "//=", "%=", "==", "!="}
    | {"<=", ">=", "->", ":="}
)
# A line this long without its end is decided on what has come, so a paragraph streams.
EARLY_DECISION_CHARS: Final = 200


def opens_prose(prefix: str) -> bool:
    """Whether an incomplete line is already known to be prose; if not, wait for more."""
    rest = prefix.lstrip(" \t")
    if rest[:1] in ("`", "~"):
        # Inline code may open a prose line (the guard holds the span itself); a fence, or what
        # may still become one, is decided once its line is complete.
        return not (_FENCE.match(prefix) or rest == rest[0] * len(rest))
    words = _TWO_WORDS.match(_MARKS.sub("", prefix))
    if words is not None and words.group(1) not in _STATEMENT_WORDS:
        return True
    return len(prefix) >= EARLY_DECISION_CHARS and line_kind(prefix) == "prose"


def fence_of(line: str) -> str:
    """The fence a line opens or closes (three or more backticks or tildes), or ""."""
    found = _FENCE.match(line)
    return found.group(1) if found else ""


def unmarked(text: str) -> str:
    """`text` without the list, quote and emphasis marks that may lead its lines: numbering
    each line of a solution, or quoting it, does not change what it is."""
    return "".join(_MARKS.sub("", line) for line in text.splitlines(keepends=True))


def line_kind(line: str) -> Kind:
    """What a complete line is."""
    if fence_of(line):
        return "fence"
    body = _MARKS.sub("", line).rstrip()
    if not body:
        return "blank"
    if body.startswith("#"):
        return "comment"
    return "code" if _reads_as_code(body) else "prose"


def _reads_as_code(body: str) -> bool:
    tokens, _ = code_tokens(body)
    if not tokens:
        return False
    words = [_is_word(token) for token in tokens]
    if any(a and b for a, b in pairwise(words)):
        return False
    if tokens[0] in _STATEMENT_WORDS:
        return True
    # A sentence's closing period or colon ("정답:", "Done.") is no code mark.
    inner = tokens[:-1] if tokens[-1] in (".", ":") else tokens
    return any(token in _CODE_MARKS for token in inner)


def _is_word(normalised: str) -> bool:
    """A name or number, which Python never puts side by side (keywords aside)."""
    return normalised.isalpha() and normalised not in _STATEMENT_WORDS
