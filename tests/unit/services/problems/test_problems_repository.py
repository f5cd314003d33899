"""The list query each filter combination builds (pure: no DynamoDB involved)."""

from __future__ import annotations

import re

from alpaco.kernel.dynamo import Query
from alpaco.services.problems.filters import ProblemFilters
from alpaco.services.problems.repository import COMPLETED_INDEX, CREATOR_INDEX, list_query


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
    assert query.index == COMPLETED_INDEX
    assert query.filter is None
    assert query.forward is False
    assert query.values == {":completed": "completed"}
    _assert_consistent(query)


def test_creator_list_reads_the_creator_partition_and_keeps_completed_only() -> None:
    query = list_query(ProblemFilters(creator_id="u1", ascending=True))
    assert query.index == CREATOR_INDEX
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
