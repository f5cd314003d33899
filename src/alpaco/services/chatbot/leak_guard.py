"""The answer-leak guard: what of a streaming answer may reach the student, and when.

Pure: text in (`feed`, then `close`), text out, plus a record of what was withheld; no I/O.

Prose flows through as it arrives. Code is held until it can be judged, and only code: a fenced
block until its closing fence, a run of unfenced code lines until the first line that is not code,
an inline `code` span until its closing backtick. A judged block is let out whole, or, when it
would bring the answer's share of a reference solution past the bar (`_exposure`), replaced by a
hint. Prose is counted too, before it goes out: code pasted into a sentence is still code, and an
answer whose prose would cross the bar is cut off there.

A line is classified from its start (`_lines`): most prose gives itself away within two words, so
holding a line "until it can be judged" costs a word or two; a line that may be code waits for its
end.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Final, Literal

from alpaco.services.chatbot._exposure import PROSE_BAR, Exposure, measure
from alpaco.services.chatbot._lines import fence_of, line_kind, opens_prose, unmarked
from alpaco.services.chatbot._tokens import GRAM, code_shingles, prose_tokens, shingles

Place = Literal["fenced", "lines", "inline", "prose"]
_Mode = Literal["start", "prose", "inline", "fence"]
_PROSE_STOPS: Final = re.compile(r"[`\n]")
# A run without whitespace longer than this (code typed without spaces) is read up to its last
# operator rather than again with every piece.
_LONG_RUN: Final = 256
_BREAKS: Final = ";,:=()[]{}"
_UNSETTLED: Final = 4 * GRAM


@dataclass(frozen=True)
class Withheld:
    """What the log may say about withheld code: where it stood, what it resembled, how much
    of it, never the code."""

    place: Place
    reference: str
    share: float
    chars: int


@dataclass(frozen=True)
class Release:
    text: str
    withheld: tuple[Withheld, ...] = ()


class LeakGuard:
    def __init__(
        self, references: Mapping[str, str], *, given: str, own: str, replacement: str
    ) -> None:
        """`references`, `given` and `own` as `measure` takes them; `replacement` stands in for
        withheld code: a hint in the student's language."""
        measured = measure(references, given=given, own=own)
        self._exposure = Exposure(measured)
        self._prose_exposure = Exposure(measured, PROSE_BAR)
        self._replacement = replacement
        self._pending = ""
        self._mode: _Mode = "start"
        self._held: list[str] = []
        self._fence = ""
        self._recent: list[str] = []  # the last tokens of the prose let out, for shingles
        self._word = ""  # prose let out after its last whitespace, read again with what follows
        self._stopped = False
        self._out: list[str] = []
        self._withheld: list[Withheld] = []
        self._steps: dict[_Mode, Callable[[bool], bool]] = {
            "start": self._line_start,
            "prose": self._prose,
            "inline": self._inline,
            "fence": self._in_fence,
        }

    def feed(self, text: str) -> Release:
        """What of the answer so far may go out now."""
        if not self._stopped:
            self._pending += text
            self._advance(final=False)
        return self._take()

    def close(self) -> Release:
        """The rest, once the answer is complete: held code is judged as it stands."""
        if not self._stopped:
            self._advance(final=True)
            self._release_held()
        return self._take()

    def _advance(self, final: bool) -> None:
        while not self._stopped and self._steps[self._mode](final):
            pass

    def _take(self) -> Release:
        release = Release("".join(self._out), tuple(self._withheld))
        self._out.clear()
        self._withheld.clear()
        return release

    def _line_start(self, final: bool) -> bool:
        pending = self._pending
        newline = pending.find("\n")
        line = pending[: newline + 1] if newline >= 0 else pending if final else ""
        if line:
            kind = line_kind(line)
        elif pending and opens_prose(pending):
            kind = "prose"
        else:
            return False
        if kind == "code" or (kind in ("blank", "comment") and self._held):
            self._hold(line)
            return True
        self._release_held()
        if kind == "fence":
            self._fence = fence_of(line)
            self._hold(line)
            self._mode = "fence"
        else:
            self._mode = "prose"
        return True

    def _hold(self, line: str) -> None:
        self._held.append(line)
        self._pending = self._pending[len(line) :]

    def _prose(self, final: bool) -> bool:
        stop = _PROSE_STOPS.search(self._pending)
        if stop is None:
            self._let_out_prose(self._pending)
            self._pending = ""
            return False
        line_ends = stop.group() == "\n"
        cut = stop.end() if line_ends else stop.start()
        self._let_out_prose(self._pending[:cut])
        self._pending = self._pending[cut:]
        self._mode = "start" if line_ends else "inline"
        return True

    def _inline(self, final: bool) -> bool:
        pending = self._pending
        ticks = len(pending) - len(pending.lstrip("`"))
        close = pending.find("`" * ticks, ticks)
        end = pending.find("\n")
        if close >= 0 and (end < 0 or close < end):
            span = pending[: close + ticks]
        elif end >= 0:
            span = pending[:end]
        elif final:
            span = pending
        else:
            return False
        self._pending = pending[len(span) :]
        self._judge(span, "inline")
        self._mode = "prose"
        return True

    def _in_fence(self, final: bool) -> bool:
        newline = self._pending.find("\n")
        if newline < 0 and not final:
            return False
        line = self._pending[: newline + 1] if newline >= 0 else self._pending
        self._hold(line)
        if newline < 0 or _closes(line, self._fence):
            self._release_held()
            self._mode = "start"
        return True

    def _release_held(self) -> None:
        if self._held:
            text = "".join(self._held)
            self._held.clear()
            self._judge(text, "fenced" if self._fence else "lines")
            self._fence = ""

    def _judge(self, code: str, place: Place) -> None:
        found = code_shingles(code if place == "inline" else unmarked(code))
        share = self._exposure.judge(found)
        if share is not None and share.leaks:
            self._withheld.append(Withheld(place, share.reference, share.share, len(code)))
            self._out.append(self._stand_in(code, place))
            return
        self._exposure.show(found)
        self._out.append(code)

    def _let_out_prose(self, text: str) -> None:
        """Prose is counted before it goes out. What follows the last whitespace may still grow
        (half a word), so it is counted now as it stands and read again with what comes next."""
        if not text:
            return
        pending = self._word + text
        end = _settled_end(pending)
        settled = self._recent + prose_tokens(pending[:end])
        found = shingles(settled + prose_tokens(pending[end:]))
        for exposure in (self._prose_exposure, self._exposure):
            share = exposure.judge(found)
            if share is not None and share.leaks:
                self._withheld.append(Withheld("prose", share.reference, share.share, len(text)))
                self._out.append(f"\n\n{self._replacement}\n")
                self._stopped = True
                return
        self._prose_exposure.show(found)
        self._exposure.show(found)
        self._out.append(text)
        self._recent = settled[-(GRAM - 1) :]
        self._word = pending[end:]

    def _stand_in(self, code: str, place: Place) -> str:
        if place == "inline":
            return f"({self._replacement})"
        return f"{self._replacement}\n" if code.endswith("\n") else self._replacement


def _closes(line: str, fence: str) -> bool:
    stripped = line.strip()
    return len(stripped) >= len(fence) and stripped == fence[0] * len(stripped)


def _settled_end(text: str) -> int:
    """Where the part of `text` that more text cannot change ends: after its last whitespace, or,
    past `_LONG_RUN` characters without any, after its last operator but its last few characters
    (or at those, without one)."""
    end = len(text)
    while end and not text[end - 1].isspace():
        end -= 1
    if len(text) - end <= _LONG_RUN:
        return end
    run = text[end : len(text) - _UNSETTLED]
    last_break = max(run.rfind(mark) for mark in _BREAKS)
    return end + last_break + 1 if last_break >= 0 else end + len(run)
