"""The bank as the offline answers see it, and which bank problem answers a prompt.

Items are read through the problems service's repository (services never import the bank), once a
process and then every `REFRESH_SECONDS`. The pick is a pure function of the generation's prompt,
difficulty, mode and seed, so every step of one generation, each answered separately, draws from
the same problem, and two generations of the same prompt may differ (the seed breaks ties).
"""

from __future__ import annotations

import hashlib
import random
import re
import threading
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Final

from alpaco.kernel.llm.port import LlmError
from alpaco.services.generator.offline.theme import theme_phrase
from alpaco.services.generator.tags import RELATED, tags_in

REFRESH_SECONDS: Final = 600.0
BankItems = Callable[[], Sequence[Mapping[str, Any]]]
_TAG_POINTS: Final = 4.0
_RELATED_POINTS: Final = 1.5
_DIFFICULTY_POINTS: Final = 1.5
_RARE_WORD_POINTS: Final = 2.0
_RARE: Final = 3  # a word in more bank problems than this says nothing about which one
_WORD: Final = re.compile(r"\w+")


@dataclass(frozen=True)
class Pick:
    item: Mapping[str, Any]
    theme: str
    seed: int
    difficulty: str
    mode: str

    def rng(self, purpose: str) -> random.Random:
        return random.Random(f"{self.seed}:{purpose}")


class Shelf:
    def __init__(self, source: BankItems, clock: Callable[[], float] = time.monotonic) -> None:
        self._source = source
        self._clock = clock
        self._lock = threading.Lock()
        self._items: list[Mapping[str, Any]] = []
        self._read_at: float | None = None

    def items(self) -> list[Mapping[str, Any]]:
        with self._lock:
            now = self._clock()
            if self._read_at is None or now - self._read_at > REFRESH_SECONDS or not self._items:
                self._items = [item for item in self._source() if item.get("generatorCode")]
                self._read_at = now
            return self._items

    def pick(self, context: Mapping[str, Any]) -> Pick:
        prompt = str(context.get("user_prompt", ""))
        mode = str(context.get("mode", "function"))
        difficulty = str(context.get("difficulty", "Medium"))
        seed = hash_seed(str(context.get("seed", prompt)))
        fitting = [item for item in self.items() if item.get("mode", "function") == mode]
        if not fitting:
            raise LlmError(f"the offline bank holds no {mode} problem yet (run `alpaco seed`)")
        scores = _scores(prompt, difficulty, fitting)
        best = max(scores)
        top = [item for item, score in zip(fitting, scores, strict=True) if score >= best - 0.5]
        top.sort(key=lambda item: str(item.get("problemId")))
        item = random.Random(seed).choice(top)
        return Pick(item, theme_phrase(prompt), seed, difficulty, mode)


def hash_seed(text: str) -> int:
    return int.from_bytes(hashlib.sha256(text.encode("utf-8")).digest()[:8], "big")


def _scores(prompt: str, difficulty: str, items: Sequence[Mapping[str, Any]]) -> list[float]:
    wanted = set(tags_in([prompt]))
    words = {_stem(w) for w in _WORD.findall(prompt.lower()) if len(w) > 2}
    texts = [_Text(item) for item in items]
    holders = {word: sum(text.has(word) for text in texts) for word in words}
    scores = []
    for item, text in zip(items, texts, strict=True):
        tags = set(item.get("tags") or [])
        score = _TAG_POINTS * len(wanted & tags)
        score += _RELATED_POINTS * sum(bool(RELATED.get(tag, frozenset()) & tags) for tag in wanted)
        score += _DIFFICULTY_POINTS if item.get("difficulty") == difficulty else 0.0
        score += sum(
            _RARE_WORD_POINTS / holders[word]
            for word in words
            if 0 < holders[word] <= _RARE and text.has(word)
        )
        scores.append(score)
    return scores


class _Text:
    """An item's titles and statements: whole words for English, substrings for Korean (whose
    words carry their particles: 피보나치는, 피보나치의)."""

    def __init__(self, item: Mapping[str, Any]) -> None:
        parts = ("title", "title_translated", "description", "description_translated", "bankId")
        self.text = " ".join(str(item.get(part) or "") for part in parts).lower()
        self.words = {_stem(w) for w in _WORD.findall(self.text)}

    def has(self, word: str) -> bool:
        return word in self.words if word.isascii() else word in self.text


def _stem(word: str) -> str:
    """English plurals match their singular in a statement (palindromes, islands)."""
    return word[:-1] if len(word) > 4 and word.endswith("s") else word
