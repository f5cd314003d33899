from __future__ import annotations

import pytest
from pydantic import ValidationError

from alpaco.kernel.difficulty import canonical_difficulty
from alpaco.kernel.http import BadRequest
from alpaco.kernel.request import ascending
from alpaco.services.problems.filters import (
    ProblemFilters,
    normalize,
    parse_filters,
    search_text,
)
from alpaco.services.problems.schemas import ProblemListQuery


def _parse(**params: str) -> ProblemFilters:
    return parse_filters(ProblemListQuery.model_validate(params), manager_of=lambda _: False)


@pytest.mark.parametrize(
    ("label", "expected"),
    [
        ("Easy", "Easy"),
        ("medium", "Medium"),
        (" HARD ", "Hard"),
        ("쉬움", "Easy"),
        ("보통", "Medium"),
        ("어려움", "Hard"),
        ("튜토리얼", None),
        ("", None),
    ],
)
def test_canonical_difficulty_accepts_both_languages(label: str, expected: str | None) -> None:
    assert canonical_difficulty(label) == expected


def test_no_parameters_means_everything_newest_first() -> None:
    assert _parse() == ProblemFilters()


def test_parse_maps_and_normalizes_every_filter() -> None:
    parsed = _parse(
        creatorId=" user-1 ",
        difficulty="보통",
        tag=" DP ",
        title="  Strawberry\n  FIELDS ",
        sortOrder="asc",
    )
    assert parsed == ProblemFilters(
        creator_id="user-1",
        difficulty="Medium",
        tag="dp",
        title="strawberry fields",
        ascending=True,
    )


def test_blank_values_are_no_filter() -> None:
    assert _parse(creatorId="  ", tag=" ", title="   ") == ProblemFilters()


@pytest.mark.parametrize(
    "params",
    [{"difficulty": "Impossible"}, {"title": "x" * 101}],
)
def test_invalid_values_are_bad_requests(params: dict[str, str]) -> None:
    with pytest.raises(BadRequest):
        _parse(**params)


@pytest.mark.parametrize("params", [{"sortOrder": "sideways"}, {"tag": "x" * 257}])
def test_values_of_the_wrong_form_fail_the_query_model(params: dict[str, str]) -> None:
    with pytest.raises(ValidationError):
        _parse(**params)


@pytest.mark.parametrize(
    ("raw", "expected"), [(None, False), ("DESC", False), ("desc", False), ("ASC", True)]
)
def test_sort_order(raw: str | None, expected: bool) -> None:
    assert ascending(raw) is expected


def test_search_text_lowers_both_titles_on_separate_lines() -> None:
    item = {"title": "Two  Sum (Easy)", "title_translated": "두 수의 합"}
    assert search_text(item) == "two sum (easy)\n두 수의 합"
    assert "\n" not in normalize("a\nb")


def test_search_text_skips_missing_titles() -> None:
    assert search_text({"title": "Only English"}) == "only english"
    assert search_text({}) == ""


def test_only_a_manager_of_the_creator_lists_unfinished_problems() -> None:
    query = ProblemListQuery.model_validate({"creatorId": "me"})
    assert parse_filters(query, manager_of=lambda creator: creator == "me").unfinished
    assert not parse_filters(query, manager_of=lambda creator: False).unfinished
    everyone = ProblemListQuery.model_validate({})
    assert not parse_filters(everyone, manager_of=lambda creator: True).unfinished
