from __future__ import annotations

from alpaco.services.grader.text import is_unicode


def test_a_lone_surrogate_is_not_storable_text() -> None:
    assert is_unicode("plain 한글 ✓")
    assert not is_unicode("broken \ud800 text")
