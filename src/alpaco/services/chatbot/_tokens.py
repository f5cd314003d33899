"""Code as tokens that renaming, reformatting and added comments do not change, and its shingles.

Identifiers become `ID`, except keywords, builtins and names after a dot (a student cannot rename
`sorted` or `.append`, and they make a sequence specific); numbers become `NUM` and strings `STR`;
layout and comments drop out of the main sequence. What comments and long strings hold is read as
code in a second sequence, so a solution commented out, or put inside a docstring, is still seen.
Punctuation outside ASCII (⏎, →, •) is never Python: it is skipped, so it cannot be slipped
between the tokens of a solution to break its shingles.

Strings never span whitespace on one line: prose is full of apostrophes, and a quote that opened a
string across a sentence would hide whatever code followed it. The reference and the answer are
read by the same rules, so the rule costs no match. It also makes prose readable piece by piece,
each piece cut at whitespace, which is how the guard reads a stream: without comments or
docstrings (`#` starts a Markdown heading in prose, not a comment), nothing else spans whitespace.
"""

from __future__ import annotations

import builtins
import keyword
import re
from collections.abc import Iterable
from functools import lru_cache
from typing import Final

GRAM: Final = 5
Gram = tuple[str, ...]

_LITERAL_NAMES: Final = frozenset(
    {*keyword.kwlist, *keyword.softkwlist}
    | {name for name in dir(builtins) if not name.startswith("_")}
    | {"sys", "math", "heapq", "collections", "itertools", "functools", "bisect", "deque"}
    | {"defaultdict", "Counter", "stdin", "stdout", "Any", "List", "Dict", "Optional"}
)
# A string shorter than this holds no statement worth reading (a comment is read whatever its
# length: a solution commented out line by line has short lines).
_NEEDS_SIDE_READING: Final = 8
_STRING: Final = r"""(?P<str>[rRbBfFuU]{0,2}(?P<s>['"])(?:\\\S|(?!(?P=s))[^\s\\])*(?P=s))"""
_WORD_OR_MARK: Final = (
    r"(?P<tok>[^\W\d]\w*|\d[\d_]*(?:\.\d*)?(?:[eE][+-]?\d+)?j?|\*\*=?|//=?|>>=?|<<=?|->|:="
    r"|[=!<>+\-*/%&|^@]=|[!-/:-@\[-^{-~])"
)
_CODE: Final = re.compile(
    r"(?P<doc>[rRbBuU]{0,2}(?P<q>'''|\"\"\")[\s\S]*?(?:(?P=q)|\Z))"
    rf"|{_STRING}|(?P<comment>#[^\n]*)|{_WORD_OR_MARK}"
)
_PROSE: Final = re.compile(rf"{_STRING}|{_WORD_OR_MARK}")
_STR: Final = '"STR"'  # quoted, so that no identifier can normalise to it


@lru_cache(maxsize=8192)
def _normal(word: str, after_dot: bool) -> str:
    first = word[0]
    if first.isdigit():
        return "NUM"
    if (first.isalpha() or first == "_") and not (after_dot or word in _LITERAL_NAMES):
        return "ID"
    return word


def _normalised(words: Iterable[str]) -> list[str]:
    tokens: list[str] = []
    for word in words:
        tokens.append(_normal(word, bool(tokens) and tokens[-1] == "."))
    return tokens


def code_tokens(text: str) -> tuple[list[str], list[str]]:
    """The main sequence, and the side sequence read from comments and long strings."""
    words: list[str] = []
    side: list[str] = []
    _read(text, words, side)
    return _normalised(words), _normalised(side)


def _read(text: str, words: list[str], side: list[str] | None) -> None:
    """Comments and strings are read as code once, into `side`; what they hold in turn is not."""
    for match in _CODE.finditer(text):
        kind = match.lastgroup
        if kind == "tok":
            words.append(match.group())
            continue
        if kind != "comment":
            words.append(_STR)
        if side is not None:
            inner = _inner(match.group(), kind)
            if kind == "comment" or len(inner.strip()) >= _NEEDS_SIDE_READING:
                _read(inner, side, None)


def _inner(text: str, kind: str | None) -> str:
    if kind == "comment":
        return text[1:]
    body = text.lstrip("rRbBfFuU")
    quote = 3 if kind == "doc" else 1
    return body[quote:-quote] if len(body) >= 2 * quote else body[quote:]


def prose_tokens(text: str) -> list[str]:
    return _normalised(
        _STR if match.lastgroup == "str" else match.group() for match in _PROSE.finditer(text)
    )


def shingles(tokens: list[str], size: int = GRAM) -> set[Gram]:
    return {tuple(tokens[i : i + size]) for i in range(len(tokens) - size + 1)}


def code_shingles(text: str) -> set[Gram]:
    main, side = code_tokens(text)
    return shingles(main) | shingles(side)
