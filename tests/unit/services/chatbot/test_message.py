"""Reading the student's message: its language, a request for the next hint, a push for the answer."""

from __future__ import annotations

import pytest

from alpaco.services.chatbot.ladder import TOP, rung
from alpaco.services.chatbot.message import (
    asks_next_hint,
    hint_level,
    language_of,
    pushes_for_answer,
)

HONEST = (
    "힌트 주세요",
    "Can you help me fix my code?",
    "내 코드 좀 봐줘",
    "내 코드 보여줄게, 어디가 틀렸어?",
    "What does this error mean?",
    "왜 틀렸는지 모르겠어요",
    "예제 2번이 왜 3이에요?",
    "Why is my code too slow?",
    "Should I print the answer or return it?",
    "Is my solution O(n log n)?",
    "다음 힌트",
)


def test_the_language_is_the_chosen_one_else_korean_for_hangul() -> None:
    assert language_of("how do I start?", None) == "en"
    assert language_of("어떻게 시작하죠? (two pointers?)", None) == "ko"
    assert language_of("어떻게 시작하죠?", "en") == "en"


@pytest.mark.parametrize(
    "message", ["next hint please", "Another hint?", "I'm still stuck", "다음 힌트", "힌트 더 줘"]
)
def test_asking_for_the_next_hint(message: str) -> None:
    assert asks_next_hint(message)


def test_the_ladder_rises_only_when_asked() -> None:
    assert hint_level(None, "how do I start?", [], TOP) == 1
    assert hint_level(None, "next hint", [], TOP) == 2
    assert hint_level(None, "다음 힌트", ["hi", "next hint", "why?"], TOP) == 3
    assert hint_level(None, "next hint", ["next hint"] * 9, TOP) == TOP
    assert hint_level(2, "next hint", ["next hint"] * 9, TOP) == 2


def test_each_rung_is_named_in_both_languages() -> None:
    assert [rung(n).name("en") for n in range(1, TOP + 1)] == [
        "concept",
        "strategy",
        "locate the bug",
        "pseudocode",
    ]
    assert rung(9).level == TOP
    assert rung(2).name("ko") == "전략"


@pytest.mark.parametrize("message", HONEST)
def test_ordinary_questions_are_no_push_for_the_answer(message: str) -> None:
    assert not pushes_for_answer(message)
