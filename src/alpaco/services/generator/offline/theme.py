"""The story words of a prompt: what the student wants the problem to be about, as opposed to the
algorithm, the difficulty and the filler ("a BFS problem about a strawberry farm" → strawberry
farm). The offline answers weave them into a bank problem's title and story."""

from __future__ import annotations

import re
from typing import Final

from alpaco.services.generator.tags import tag_words

MAX_THEME_WORDS: Final = 2
_TOKEN: Final = re.compile(r"[^\W\d_][\w'-]*")
_FILLER: Final = frozenset(
    {
        "a", "an", "the", "about", "with", "of", "for", "in", "on", "at", "and", "or", "to", "is",
        "are", "be", "where", "which", "that", "this", "some", "any", "me", "my", "i", "you",
        "please", "make", "create", "write", "generate", "give", "want", "need", "using", "use",
        "uses", "based", "problem", "problems", "question", "task", "exercise", "puzzle", "coding",
        "code", "test", "algorithm", "algorithms", "story", "theme", "themed", "easy", "medium",
        "hard", "difficulty", "level", "simple", "new", "one",
        "문제", "문제를", "문제가", "만들어", "만들어줘", "만들어주세요", "주세요", "줘", "관한", "대한",
        "관련", "관련된", "이용한", "활용한", "사용하는", "등장하는", "나오는", "배경의", "쉬움", "보통",
        "어려움", "쉬운", "어려운", "알고리즘", "코딩", "테스트", "하는", "있는",
    }
)  # fmt: skip
_PARTICLES: Final = (
    "에서", "으로", "가", "이", "는", "은", "를", "을", "의", "에", "로", "와", "과", "도",
)  # fmt: skip


def theme_words(prompt: str) -> list[str]:
    algorithm = {word for phrase in tag_words() for word in phrase.split()}
    found: list[str] = []
    for token in _TOKEN.findall(prompt.lower()):
        word = _without_particle(token)
        if word in _FILLER or token in _FILLER or _names_algorithm(word, algorithm):
            continue
        if word not in found:
            found.append(word)
    return found[:MAX_THEME_WORDS]


def theme_phrase(prompt: str) -> str:
    return " ".join(theme_words(prompt))


def _without_particle(token: str) -> str:
    if len(token) > 2 and _is_hangul(token[-1]):
        for particle in _PARTICLES:
            if token.endswith(particle):
                return token[: -len(particle)]
    return token


def _names_algorithm(word: str, algorithm: set[str]) -> bool:
    return any(word == name or (len(name) > 3 and word.startswith(name)) for name in algorithm)


def _is_hangul(char: str) -> bool:
    return "\uac00" <= char <= "\ud7a3"
