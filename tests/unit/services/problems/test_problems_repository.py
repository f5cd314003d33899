"""The list query each filter combination builds (pure: no DynamoDB involved)."""

from __future__ import annotations

import itertools
import re

from tests.unit.services.list_indexes import named, projected

from alpaco.kernel.dynamo import Query
from alpaco.kernel.tables import (
    COMPLETED_PROBLEMS_INDEX,
    PROBLEMS,
    PROBLEMS_BY_CREATOR_INDEX,
)
from alpaco.services.problems.filters import ProblemFilters
from alpaco.services.problems.repository import list_query
from alpaco.services.problems.views import LIST_ATTRIBUTES


def _placeholders(query: Query) -> tuple[set[str], set[str]]:
    text = f"{query.key_condition} {query.filter or ''}"
    return set(re.findall(r"#\w+", text)), set(re.findall(r":\w+", text))


def _assert_consistent(query: Query) -> None:
    """DynamoDB rejects unused or undefined names and values."""
    names, values = _placeholders(query)
    assert names == set(query.names or {})
    assert values == set(query.values)


def test_default_list_reads_the_completed_index_newest_first() -> None:
    query = list_query(ProblemFilters())
    assert query.index == COMPLETED_PROBLEMS_INDEX
    assert query.filter is None
    assert query.forward is False
    assert query.values == {":completed": "completed"}
    _assert_consistent(query)


def test_creator_list_reads_the_creator_partition_and_keeps_completed_only() -> None:
    query = list_query(ProblemFilters(creator_id="u1", ascending=True))
    assert query.index == PROBLEMS_BY_CREATOR_INDEX
    assert query.key_condition == "creatorId = :creator"
    assert query.filter == "#status = :completed"
    assert query.forward is True
    _assert_consistent(query)


def test_every_filter_combination_is_a_consistent_expression() -> None:
    for creator in (None, "u1"):
        for difficulty in (None, "Hard"):
            for tag in (None, "dp"):
                for title in (None, "berry"):
                    query = list_query(ProblemFilters(creator, difficulty, tag, title))
                    _assert_consistent(query)


def test_difficulty_matches_both_stored_labels() -> None:
    query = list_query(ProblemFilters(difficulty="Medium"))
    assert query.values[":difficulty"] == "Medium"
    assert query.values[":difficultyKo"] == "보통"


def test_different_filters_have_different_cursor_scopes() -> None:
    scopes = {
        list_query(ProblemFilters()).scope(),
        list_query(ProblemFilters(ascending=True)).scope(),
        list_query(ProblemFilters(tag="dp")).scope(),
        list_query(ProblemFilters(tag="math")).scope(),
        list_query(ProblemFilters(creator_id="a")).scope(),
        list_query(ProblemFilters(creator_id="b")).scope(),
    }
    assert len(scopes) == 6


def test_the_name_reader_sees_filters_through_placeholders_and_functions() -> None:
    query = Query(
        PROBLEMS,
        "creatorId = :c",
        {":c": "u", ":t": "x"},
        names={"#t": "title", "#m": "meta"},
        filter="contains(#t, :t) AND NOT attribute_exists(hidden) AND #m.inner IN (:t)",
        projection=("problemId",),
    )
    assert named(query) == {"problemId", "creatorId", "title", "hidden", "meta"}


def test_every_list_query_reads_and_matches_only_what_its_index_copies() -> None:
    """DynamoDB refuses a query on an index naming an attribute the index does not copy."""
    for creator, difficulty, tag, title, ascending in itertools.product(
        (None, "u1"), (None, "Hard"), (None, "dp"), (None, "berry"), (False, True)
    ):
        query = list_query(ProblemFilters(creator, difficulty, tag, title, ascending))
        assert query.index is not None
        assert set(LIST_ATTRIBUTES) <= named(query)
        assert named(query) <= projected(PROBLEMS, query.index), query
