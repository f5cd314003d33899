"""Telling prose from code, early for prose and at the line's end for the rest."""

from __future__ import annotations

import pytest

from alpaco.services.chatbot._lines import line_kind, opens_prose, unmarked


@pytest.mark.parametrize(
    "prefix",
    [
        "먼저 정렬해",
        "Try this",
        "Hi! the",
        "If you",
        "- Try this",
        "**Hint** is",
        "**Hint:** try",
        "`nums` is",
        "Great. Next",
    ],
)
def test_prose_is_known_within_two_words(prefix: str) -> None:
    assert opens_prose(prefix)


@pytest.mark.parametrize(
    "prefix",
    ["nums = sorted", "return pairs", "if you", "a, b = 1", "``", "```py", "   ~~", "1. nums = so"],
)
def test_what_may_be_code_or_a_fence_waits_for_its_line_end(prefix: str) -> None:
    assert not opens_prose(prefix)


def test_a_long_line_without_its_end_is_decided_on_what_has_come() -> None:
    assert opens_prose("if " + "you keep reading " * 20)
    assert not opens_prose("if x == 1 and " + "y == 2 and " * 30)


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        ("if x:", "code"),
        ("else:", "code"),
        ("return pairs", "code"),
        ("lo, hi = 0, len(nums) - 1", "code"),
        ("    pairs += hi - lo", "code"),
        ("정답 = 0", "code"),
        (">>> nums.sort()", "code"),
        ("2. nums = sorted(x)", "code"),
        ("> while lo < hi:", "code"),
        ("if you sort first, it is easy.", "prose"),
        ("return the count", "prose"),
        ("for each value, add it", "prose"),
        ("Step 1:", "prose"),
        ("Hi!", "prose"),
        ("정답:", "prose"),
        ("Done.", "prose"),
        ("nums.sort()", "code"),
        ("## 힌트", "comment"),
        ("# two pointers", "comment"),
        ("   ", "blank"),
        ("> ", "blank"),
        ("```python", "fence"),
        ("  ~~~", "fence"),
    ],
)
def test_a_complete_line_is_read_whole(line: str, kind: str) -> None:
    assert line_kind(line + "\n") == kind


def test_line_marks_are_dropped_before_code_is_compared() -> None:
    assert unmarked("1. a = 1\n> b = 2\n- c\n") == "a = 1\nb = 2\nc\n"
