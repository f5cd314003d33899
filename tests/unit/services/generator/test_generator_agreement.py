"""The cross-check's comparison: the judge type's freedoms, and nothing more."""

from __future__ import annotations

import pytest

from alpaco.services.generator.agreement import agree


@pytest.mark.parametrize(
    ("judge", "first", "second", "expected"),
    [
        ("equal", [1, 2], [1, 2], True),
        ("equal", [1, 2], [2, 1], False),
        ("equal", 3, 3.0, True),
        ("equal", True, 1, False),
        ("equal", {"a": [1]}, {"a": [1]}, True),
        ("unordered_equal", [[1, 2], [0, 3]], [[0, 3], [1, 2]], True),
        ("unordered_equal", [[1, 2]], [[2, 1]], False),
        ("unordered_equal", 5, 5, False),
        ("float_eps", 0.1 + 0.2, 0.3, True),
        ("float_eps", 1e9, 1e9 + 1, True),
        ("float_eps", 1.0, 1.001, False),
        ("float_eps", [1.0, 2.0000000001], [1, 2], True),
        ("float_eps", "Infinity", "Infinity", True),
        ("float_eps", "Infinity", 1e308, False),
        ("tokens", "1  2\n3\n", "1 2 3", True),
        ("tokens", "1 2", "1 2 3", False),
        ("lines", "YES\nNO  \n\n", "YES\nNO", True),
        ("lines", "YES NO", "YES\nNO", False),
        ("lines", 1, "1", False),
    ],
)
def test_agree(judge: str, first: object, second: object, expected: bool) -> None:
    assert agree(judge, first, second, 1e-6) is expected
