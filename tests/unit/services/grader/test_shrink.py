"""Shrinking candidates: always smaller, the most ambitious first, stdio counts kept in step."""

from __future__ import annotations

import math
import re
from itertools import islice
from typing import Any

import pytest

from alpaco.services.grader.shrink import candidates

VALUES = [
    [5, -3, 8],
    {"nums": [504119544, 7], "target": 504119544},
    {"points": [[0.5, 1.25], [-1041.37, 6268.0], [3, 4]]},
    "hello world",
    [[331838, 436509], [306513, 331838]],
    12.37,
    -23,
]


def size(value: Any) -> tuple[int, float]:
    """(elements and characters, the numbers' magnitudes): every candidate must be smaller."""
    if isinstance(value, bool) or value is None:
        return 1, 0.0
    if isinstance(value, int | float):
        return 1, float(abs(value))
    if isinstance(value, str):
        return 1 + len(value), 0.0
    parts = [size(item) for item in (value.values() if isinstance(value, dict) else value)]
    return 1 + sum(p[0] for p in parts), sum(p[1] for p in parts)


def text_size(text: str) -> tuple[int, int]:
    tokens = text.split()
    numbers = [abs(int(t)) for t in tokens if re.fullmatch(r"-?\d+", t)]
    return sum(1 if re.fullmatch(r"-?\d+", t) else 1 + len(t) for t in tokens), sum(numbers)


@pytest.mark.parametrize("value", VALUES, ids=range(len(VALUES)))
def test_every_candidate_is_smaller(value: Any) -> None:
    found = list(islice(candidates(value, stdio=False), 500))
    assert found
    assert all(size(candidate) < size(value) for candidate in found)


def test_a_stdio_candidate_is_smaller_text() -> None:
    text = "5 3\n1 -2 3 4 5\n1 3\n2 5\n4 4\n"
    assert all(text_size(c) < text_size(text) for c in candidates(text, stdio=True))


def test_every_number_scaled_at_once_comes_first_and_keeps_ties() -> None:
    meetings = [[331838, 436509], [306513, 331838]]
    scaled = list(islice(candidates(meetings, stdio=False), 19))
    assert scaled[0] == [[0, 0], [0, 0]]
    assert all(c[0][0] == c[1][1] for c in scaled)
    assert scaled[-1] == [[165919, 218254], [153256, 165919]]


def test_a_number_steps_toward_zero_in_halving_strides() -> None:
    assert list(candidates(-23, stdio=False))[-5:] == [0, -12, -18, -21, -22]


def test_reals_keep_two_decimals() -> None:
    for candidate in candidates(-1041.37, stdio=False):
        assert candidate == round(candidate, 2)
        assert abs(candidate) < 1041.37


def test_cuts_go_from_everything_to_single_elements() -> None:
    cuts = list(candidates("abcd", stdio=False))
    assert cuts == ["", "ab", "cd", "abc", "abd", "acd", "bcd"]


def test_a_removed_line_lowers_the_count_on_the_first_line() -> None:
    text = "5 3\n1 2 3 4 5\n1 3\n2 5\n4 4\n"
    found = set(candidates(text, stdio=True))
    assert "5 2\n1 2 3 4 5\n1 3\n2 5\n" in found  # the last question gone, q lowered
    assert "4 3\n2 3 4 5\n1 3\n2 5\n4 4\n" in found  # a number gone, n lowered


def test_the_first_line_keeps_its_numbers_when_all_are_scaled() -> None:
    first = next(candidates("2 1\n-7 300\n", stdio=True))
    assert first == "2 1\n0 0\n"


@pytest.mark.parametrize("value", [0, 0.0, True, None, "", [], {}, math.inf])
def test_nothing_is_smaller_than_the_smallest(value: Any) -> None:
    assert list(candidates(value, stdio=False)) == []
