"""Reading model answers: fences, prose, trailing commas and truncated arrays are mended; the
rest is refused with a reason the model can act on."""

from __future__ import annotations

import pytest

from alpaco.services.generator.steps.parsing import (
    MalformedAnswer,
    close_truncated,
    decode,
    fenced_code,
)


def test_plain_json_needs_no_mending() -> None:
    decoded = decode('{"goal": "count pairs"}')
    assert decoded.value == {"goal": "count pairs"}
    assert decoded.mended is None


def test_a_fenced_answer_with_prose_around_it_is_read() -> None:
    text = 'Here you are:\n```json\n{"cases": [1, 2]}\n```\nHope it helps.'
    assert decode(text).value == {"cases": [1, 2]}


def test_trailing_commas_are_removed() -> None:
    decoded = decode('{"cases": [{"input": 1, "rationale": "edge",},],}')
    assert decoded.value == {"cases": [{"input": 1, "rationale": "edge"}]}
    assert decoded.mended == "trailing commas removed"


def test_a_truncated_array_keeps_its_complete_elements() -> None:
    text = '{"cases": [{"input": [1, 2], "rationale": "a"}, {"input": [3], "rationale": "b"}, {"inp'
    decoded = decode(text)
    assert decoded.value == {
        "cases": [{"input": [1, 2], "rationale": "a"}, {"input": [3], "rationale": "b"}]
    }
    assert decoded.mended is not None
    assert "truncated" in decoded.mended


def test_brackets_inside_strings_do_not_confuse_the_truncation_repair() -> None:
    text = '[{"r": "a ] } \\" ["}, {"r": "b'
    assert close_truncated(text) == '[{"r": "a ] } \\" ["}]'


def test_nothing_worth_keeping_is_refused() -> None:
    with pytest.raises(MalformedAnswer, match="invalid JSON"):
        decode('{"goal": "count')
    with pytest.raises(MalformedAnswer, match="no JSON"):
        decode("I cannot help with that.")


def test_a_bare_code_block_is_found() -> None:
    assert fenced_code("text\n```python\ndef solution(data):\n    return 1\n```") == (
        "def solution(data):\n    return 1"
    )
    assert fenced_code("no fence here") is None
