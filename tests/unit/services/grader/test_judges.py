from __future__ import annotations

import json
import math
from typing import Any

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from alpaco.services.grader.judges import (
    DEFAULT_EPSILON,
    JUDGE_TYPES,
    UnknownJudgeType,
    judge,
    resolve_epsilon,
)

scalars = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text(max_size=8)
)
json_values = st.recursive(
    scalars,
    lambda children: (
        st.lists(children, max_size=5) | st.dictionaries(st.text(max_size=4), children, max_size=4)
    ),
    max_leaves=20,
)
json_lists = st.lists(json_values, max_size=8)
finite_floats = st.floats(allow_nan=False, allow_infinity=False)
epsilons = st.floats(min_value=1e-9, max_value=1e-3)
words = st.lists(
    st.text(
        alphabet=st.characters(codec="ascii", exclude_characters=" \t\n\r\x0b\x0c\x1c\x1d\x1e\x1f"),
        min_size=1,
        max_size=6,
    ),
    max_size=8,
)
text_lines = st.lists(
    st.text(alphabet=st.characters(codec="ascii", exclude_categories=["Cc"]), max_size=10)
    .map(str.rstrip)
    .filter(bool),
    max_size=6,
)


# --- dispatch -----------------------------------------------------------------------------------


def test_judge_types_are_the_five_documented_ones() -> None:
    assert set(JUDGE_TYPES) == {"equal", "unordered_equal", "float_eps", "tokens", "lines"}


@pytest.mark.parametrize("judge_type", ["", "Equal", "exact", "equal_string", "float-eps"])
def test_unknown_judge_type_is_an_error_naming_the_type(judge_type: str) -> None:
    with pytest.raises(UnknownJudgeType, match="unknown judge type") as raised:
        judge(judge_type, 1, 1)
    assert isinstance(raised.value, ValueError)
    assert raised.value.judge_type == judge_type


def test_non_string_judge_type_is_unknown() -> None:
    with pytest.raises(UnknownJudgeType):
        judge(None, 1, 1)  # type: ignore[arg-type]


@pytest.mark.parametrize("epsilon", [-1e-6, math.nan, math.inf, True, "0.1"])
def test_unusable_epsilon_is_rejected_for_float_eps(epsilon: Any) -> None:
    with pytest.raises(ValueError, match="epsilon"):
        judge("float_eps", 1.0, 1.0, epsilon=epsilon)


def test_epsilon_is_ignored_by_other_judges() -> None:
    assert judge("equal", 1, 1, epsilon=-1.0)


def test_resolve_epsilon_defaults_to_one_millionth() -> None:
    assert resolve_epsilon(None) == DEFAULT_EPSILON == 1e-6
    assert resolve_epsilon(0) == 0.0


def test_values_too_deep_to_walk_are_a_mismatch_not_a_crash() -> None:
    deep: Any = 0
    for _ in range(100_000):
        deep = [deep]
    assert not judge("equal", deep, deep)
    assert not judge("float_eps", deep, deep)


# --- equal --------------------------------------------------------------------------------------


@given(json_values)
def test_equal_is_reflexive_even_across_a_json_round_trip(value: Any) -> None:
    assert judge("equal", value, value)
    assert judge("equal", json.loads(json.dumps(value)), value)


@given(json_values, json_values)
def test_equal_is_symmetric(a: Any, b: Any) -> None:
    assert judge("equal", a, b) == judge("equal", b, a)


@given(st.booleans())
def test_equal_booleans_are_not_numbers(flag: bool) -> None:
    assert not judge("equal", flag, int(flag))
    assert not judge("equal", flag, float(flag))
    assert not judge("equal", [flag], [int(flag)])
    assert not judge("equal", {"k": int(flag)}, {"k": flag})


@given(st.integers(min_value=-(2**53), max_value=2**53))
def test_equal_int_matches_an_integral_equal_float(number: int) -> None:
    assert judge("equal", number, float(number))
    assert judge("equal", [float(number)], [number])
    if abs(number) < 2**52:
        assert not judge("equal", number, number + 0.5)


def test_equal_never_rounds_an_int_through_a_float() -> None:
    assert not judge("equal", 2**53 + 1, float(2**53))
    assert not judge("equal", 10**400, 1e308)


@given(finite_floats, finite_floats)
def test_equal_floats_are_exact(a: float, b: float) -> None:
    assert judge("equal", a, b) == (a == b)


@pytest.mark.parametrize(
    ("number", "text"), [(math.inf, "Infinity"), (-math.inf, "-Infinity"), (math.nan, "NaN")]
)
def test_equal_non_finite_floats_match_the_executors_strings(number: float, text: str) -> None:
    assert judge("equal", number, text)
    assert judge("equal", [text], [number])
    assert not judge("equal", number, "inf")


def test_equal_compares_structure() -> None:
    assert judge("equal", {"a": [1, 2], "b": None}, {"b": None, "a": [1.0, 2]})
    assert not judge("equal", [1, 2], [2, 1])
    assert not judge("equal", {"a": 1}, {"a": 1, "b": 2})
    assert not judge("equal", [1], 1)
    assert not judge("equal", None, 0)
    assert not judge("equal", "1", 1)
    assert not judge("equal", [], {})


@given(json_lists)
def test_equal_lists_differ_from_a_longer_list(items: list[Any]) -> None:
    assert not judge("equal", items, [*items, 0])


# --- unordered_equal ----------------------------------------------------------------------------


@given(json_lists, st.data())
def test_unordered_equal_is_invariant_under_permutation(
    items: list[Any], data: st.DataObject
) -> None:
    shuffled = data.draw(st.permutations(items))
    assert judge("unordered_equal", shuffled, items)
    assert judge("unordered_equal", items, shuffled)


@given(json_lists, json_lists)
def test_unordered_equal_is_symmetric_and_implied_by_equal(a: list[Any], b: list[Any]) -> None:
    assert judge("unordered_equal", a, b) == judge("unordered_equal", b, a)
    if judge("equal", a, b):
        assert judge("unordered_equal", a, b)


@given(json_lists, json_values)
def test_unordered_equal_counts_multiplicity(items: list[Any], extra: Any) -> None:
    assert not judge("unordered_equal", [*items, extra], items)
    assert not judge("unordered_equal", [*items, extra, extra], [*items, extra, [extra]])


@given(json_values.filter(lambda v: not isinstance(v, list)))
def test_unordered_equal_rejects_non_lists(value: Any) -> None:
    assert not judge("unordered_equal", value, value)
    assert not judge("unordered_equal", [value], value)


def test_unordered_equal_keeps_nested_order_and_number_rules() -> None:
    assert judge("unordered_equal", [[1, 2], [3]], [[3], [1, 2]])
    assert not judge("unordered_equal", [[1, 2]], [[2, 1]])
    assert judge("unordered_equal", [{"a": 1}, "x", None, 2.0], [None, 2, "x", {"a": 1.0}])
    assert not judge("unordered_equal", [True, 0], [1, 0])
    assert not judge("unordered_equal", [1, 1, 2], [1, 2, 2])


# --- float_eps ----------------------------------------------------------------------------------


@given(json_values)
def test_float_eps_is_reflexive_including_nan_and_infinity(value: Any) -> None:
    assert judge("float_eps", value, value)


@given(finite_floats.filter(lambda x: abs(x) <= 1), epsilons)
def test_float_eps_accepts_within_absolute_epsilon(expected: float, epsilon: float) -> None:
    assert judge("float_eps", expected + epsilon / 2, expected, epsilon=epsilon)
    assert judge("float_eps", expected - epsilon / 2, expected, epsilon=epsilon)


@given(finite_floats.filter(lambda x: abs(x) <= 1), epsilons)
def test_float_eps_rejects_beyond_absolute_and_relative_epsilon(
    expected: float, epsilon: float
) -> None:
    assert not judge("float_eps", expected + 3 * epsilon, expected, epsilon=epsilon)
    assert not judge("float_eps", expected - 3 * epsilon, expected, epsilon=epsilon)


@given(st.floats(min_value=1e3, max_value=1e12), epsilons)
def test_float_eps_accepts_within_relative_epsilon(expected: float, epsilon: float) -> None:
    assert judge("float_eps", expected * (1 + epsilon / 2), expected, epsilon=epsilon)
    assert judge("float_eps", -expected * (1 - epsilon / 2), -expected, epsilon=epsilon)
    assert not judge("float_eps", expected * (1 + 3 * epsilon), expected, epsilon=epsilon)


@given(st.floats(min_value=-1e6, max_value=1e6), epsilons, st.floats(min_value=-1, max_value=1))
def test_float_eps_absolute_part_is_symmetric(a: float, epsilon: float, fraction: float) -> None:
    b = a + fraction * epsilon
    assume(abs(a - b) <= epsilon)
    assert judge("float_eps", a, b, epsilon=epsilon)
    assert judge("float_eps", b, a, epsilon=epsilon)


@given(st.lists(finite_floats.filter(lambda x: abs(x) <= 1e6), max_size=8), epsilons)
def test_float_eps_is_element_wise_through_lists_and_objects(
    expected: list[float], epsilon: float
) -> None:
    near = [x + epsilon / 4 for x in expected]
    assert judge("float_eps", near, expected, epsilon=epsilon)
    assert judge("float_eps", [near, {"v": near}], [expected, {"v": expected}], epsilon=epsilon)
    assert not judge("float_eps", [*near, 0.0], expected, epsilon=epsilon)
    assert not judge("float_eps", near[:-1], expected, epsilon=epsilon) or not expected


def test_float_eps_default_epsilon_is_one_millionth() -> None:
    assert judge("float_eps", 0.1 + 0.2, 0.3)
    assert judge("float_eps", 1.0000005, 1.0)
    assert not judge("float_eps", 1.000002, 1.0)
    assert judge("float_eps", 1_000_000.5, 1_000_000.0)  # relative: 5e-7
    assert not judge("float_eps", 1_000_003.0, 1_000_000.0)


@pytest.mark.parametrize(
    ("actual", "expected", "verdict"),
    [
        (math.inf, "Infinity", True),
        ("Infinity", math.inf, True),
        ("-Infinity", -math.inf, True),
        ("NaN", math.nan, True),
        (math.nan, "NaN", True),
        (math.inf, -math.inf, False),
        (math.inf, 1e308, False),
        (1e308, "Infinity", False),
        (math.nan, 0.0, False),
        (0.0, "NaN", False),
        ("NaN", "Infinity", False),
        ([1.0, "Infinity"], [1.0000001, math.inf], True),
    ],
)
def test_float_eps_handles_infinities_and_nan(actual: Any, expected: Any, verdict: bool) -> None:
    assert judge("float_eps", actual, expected) is verdict


@given(st.booleans(), st.sampled_from([0, 1, 0.0, 1.0]))
def test_float_eps_bool_is_never_a_number(flag: bool, number: float) -> None:
    assert not judge("float_eps", flag, number, epsilon=1.0)
    assert not judge("float_eps", number, flag, epsilon=1.0)
    assert judge("float_eps", flag, flag)


def test_float_eps_compares_ints_exactly() -> None:
    assert not judge("float_eps", 2**60 + 1, 2**60, epsilon=0)
    assert judge("float_eps", 10**400 + 1, 10**400)
    assert judge("float_eps", float(2**1000), 2**1000 + 1)
    assert not judge("float_eps", 10**400, 1e308)
    assert judge("float_eps", 3, 3.0000001)
    assert judge("float_eps", 3.0000001, 3)


def test_float_eps_non_numbers_must_be_equal() -> None:
    assert judge("float_eps", {"name": "a", "v": 0.1 + 0.2}, {"name": "a", "v": 0.3})
    assert not judge("float_eps", {"name": "b", "v": 0.3}, {"name": "a", "v": 0.3})
    assert not judge("float_eps", {"v": 0.3}, {"w": 0.3})
    assert not judge("float_eps", "0.3", 0.3)
    assert not judge("float_eps", None, 0.0)
    assert not judge("float_eps", [0.3], 0.3)


# --- tokens -------------------------------------------------------------------------------------


@given(st.text())
def test_tokens_is_reflexive(text: str) -> None:
    assert judge("tokens", text, text)


@given(words, st.sampled_from([" ", "  ", "\n", "\t", "\r\n", " \n "]))
def test_tokens_ignore_how_whitespace_separates_them(tokens: list[str], separator: str) -> None:
    assert judge("tokens", separator.join(tokens) + "\n", " ".join(tokens))
    assert judge("tokens", " ".join(tokens), separator + separator.join(tokens))


@given(st.text(), st.text())
def test_tokens_is_symmetric(a: str, b: str) -> None:
    assert judge("tokens", a, b) == judge("tokens", b, a)


@given(words.filter(bool), words)
def test_tokens_differ_when_a_token_differs(tokens: list[str], extra: list[str]) -> None:
    assert not judge("tokens", " ".join(tokens + extra + ["x"]), " ".join(tokens + extra))
    assert not judge("tokens", "".join(tokens) + "q", "".join(tokens))


def test_tokens_need_text() -> None:
    assert not judge("tokens", 3, "3")
    assert not judge("tokens", None, "")
    assert not judge("tokens", "1 2", "12")


# --- lines --------------------------------------------------------------------------------------


@given(st.text())
def test_lines_is_reflexive(text: str) -> None:
    assert judge("lines", text, text)


@given(text_lines, st.data())
def test_lines_ignore_trailing_whitespace_blank_tail_and_crlf(
    rows: list[str], data: st.DataObject
) -> None:
    padded = [row + data.draw(st.sampled_from(["", " ", "\t", "  \t"])) for row in rows]
    tail = data.draw(st.sampled_from(["", "\n", "\n\n", "\n \n\t"]))
    newline = data.draw(st.sampled_from(["\n", "\r\n"]))
    assert judge("lines", newline.join(padded) + tail, "\n".join(rows))
    assert judge("lines", "\n".join(rows), newline.join(padded) + tail)


@given(text_lines.filter(bool))
def test_lines_keep_leading_whitespace_and_inner_blank_lines(rows: list[str]) -> None:
    text = "\n".join(rows)
    assert not judge("lines", " " + text, text)
    assert not judge("lines", "\n" + text, text)
    assert not judge("lines", "\n\n".join(rows), text) or len(rows) == 1


def test_lines_are_not_tokens() -> None:
    assert not judge("lines", "1 2\n3", "1\n2 3")
    assert judge("tokens", "1 2\n3", "1\n2 3")
    assert not judge("lines", 1, "1")


@pytest.mark.parametrize(
    ("judge_type", "actual", "expected", "verdict"),
    [
        ("equal", [1, 2.0, "a", None], [1.0, 2, "a", None], True),
        ("equal", [1, 2], [1, True], False),
        ("equal", [math.nan, math.inf], ["NaN", "Infinity"], True),
        ("equal", [[1, 2], [3]], [[1, 2], [3.0]], True),
        ("equal", [[1, 2], [3]], [[1, 2], [True]], False),
        ("unordered_equal", [3, "x", None, 1], [None, 1, 3, "x"], True),
        ("unordered_equal", [[1, 2], [3]], [[3], [1, 2]], True),
        ("unordered_equal", [[1, 2], [3]], [[3], [2, 1]], False),
        ("unordered_equal", [[1, True]], [[1, 1]], False),
        ("unordered_equal", [[1, 2.0]], [[1, 2]], True),
        ("unordered_equal", [1, 2], [2, 1.0], True),
        ("float_eps", [0.1, 2, None, "a"], [0.1, 2, None, "a"], True),
        ("float_eps", [0.1, 2], [0.1000001, 2.0000001], True),
    ],
)
def test_list_fast_paths_keep_the_rules(
    judge_type: str, actual: Any, expected: Any, verdict: bool
) -> None:
    assert judge(judge_type, actual, expected) is verdict
    assert judge(judge_type, tuple(actual), expected) is verdict
