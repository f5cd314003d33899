from __future__ import annotations

from alpaco.services.grader.text import clip, is_unicode


def test_a_lone_surrogate_is_not_storable_text() -> None:
    assert is_unicode("plain 한글 ✓")
    assert not is_unicode("broken \ud800 text")


def test_clipped_text_keeps_its_bound_and_says_so() -> None:
    assert clip("", 10) is None
    assert clip("0123456789", 10) == "0123456789"
    assert clip("0123456789a", 10) == "0123456..."
