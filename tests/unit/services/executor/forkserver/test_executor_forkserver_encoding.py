"""The return-value marshalling of the original executor, done inside the sandbox by the agent."""

from __future__ import annotations

import json
from collections import OrderedDict

import pytest

from alpaco.services.executor.forkserver.encoding import (
    MAX_DEPTH,
    SerializationError,
    TooLarge,
    encode,
)


def decoded(value: object) -> object:
    return json.loads(encode(value))


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (None, None),
        (True, True),
        (7, 7),
        (-2.5, -2.5),
        ('héllo \n "q"', 'héllo \n "q"'),
        (float("inf"), "Infinity"),
        (float("-inf"), "-Infinity"),
        (float("nan"), "NaN"),
        ([1.0, float("inf")], [1.0, "Infinity"]),
        ((1, (2, 3)), [1, [2, 3]]),
        ({3, 1, 2}, [1, 2, 3]),
        (frozenset({"b", "a"}), ["a", "b"]),
        ({1: "a", (1, 2): "b", None: 0}, {"1": "a", "(1, 2)": "b", "None": 0}),
        (OrderedDict(z=1, a=2), {"z": 1, "a": 2}),
        ([[]] * 3, [[], [], []]),
        (10**30, 10**30),
    ],
)
def test_values_are_converted_like_the_original(value: object, expected: object) -> None:
    assert decoded(value) == expected


def test_unsortable_sets_keep_every_item() -> None:
    result = decoded({1, "a", None})

    assert isinstance(result, list)
    assert sorted(map(str, result)) == ["1", "None", "a"]


def test_subclasses_of_builtin_scalars_are_plain_json() -> None:
    class Flag(int):
        def __repr__(self) -> str:
            return "Flag!"

    assert decoded([Flag(3), True]) == [3, True]


@pytest.mark.parametrize("value", [object(), b"bytes", {1: object()}, [1, 2, print]])
def test_anything_else_is_a_serialisation_error(value: object) -> None:
    with pytest.raises(SerializationError, match="not JSON-serialisable"):
        encode(value)


def test_cycles_and_excessive_nesting_are_serialisation_errors() -> None:
    cycle: list[object] = []
    cycle.append(cycle)
    deep: list[object] = []
    for _ in range(MAX_DEPTH + 5):
        deep = [deep, 1.5]

    for value in (cycle, deep):
        with pytest.raises(SerializationError, match="nested more than"):
            encode(value)


def test_integers_beyond_the_string_conversion_limit_are_serialisation_errors() -> None:
    with pytest.raises(SerializationError, match="limit"):
        encode(10**5000)


def test_past_the_limit_encoding_stops_early() -> None:
    with pytest.raises(TooLarge):
        encode(["x" * 100] * 100_000, 1000)
    assert encode([1, 2], 1000) == "[1,2]"
