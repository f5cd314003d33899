"""Index choice and filters for every combination (pure: no DynamoDB involved)."""

from __future__ import annotations

import itertools
import re

import pytest
from tests.unit.services.list_indexes import named, projected

from alpaco.kernel.dynamo import Query
from alpaco.kernel.tables import (
    ALL_SUBMISSIONS_INDEX,
    SUBMISSIONS,
    SUBMISSIONS_BY_AUTHOR_INDEX,
    SUBMISSIONS_BY_PROBLEM_INDEX,
    SUBMISSIONS_BY_USER_INDEX,
)
from alpaco.services.submissions.filters import SubmissionFilters
from alpaco.services.submissions.repository import list_query
from alpaco.services.submissions.views import LIST_ATTRIBUTES


def _assert_consistent(query: Query) -> None:
    text = f"{query.key_condition} {query.filter or ''}"
    assert set(re.findall(r"#\w+", text)) == set(query.names or {})
    assert set(re.findall(r":\w+", text)) == set(query.values)


@pytest.mark.parametrize(
    ("filters", "index"),
    [
        (SubmissionFilters(user_id="u", problem_id="p"), SUBMISSIONS_BY_USER_INDEX),
        (SubmissionFilters(author="a", problem_id="p"), SUBMISSIONS_BY_AUTHOR_INDEX),
        (SubmissionFilters(user_id="u", author="a"), SUBMISSIONS_BY_USER_INDEX),
        (SubmissionFilters(user_id="u"), SUBMISSIONS_BY_USER_INDEX),
        (SubmissionFilters(problem_id="p"), SUBMISSIONS_BY_PROBLEM_INDEX),
        (SubmissionFilters(author="a"), SUBMISSIONS_BY_AUTHOR_INDEX),
        (SubmissionFilters(), ALL_SUBMISSIONS_INDEX),
        (SubmissionFilters(title="딸기"), ALL_SUBMISSIONS_INDEX),
    ],
)
def test_index_choice_follows_the_original(filters: SubmissionFilters, index: str) -> None:
    assert list_query(filters).index == index


def test_every_combination_applies_every_filter() -> None:
    for user, problem, author, title in itertools.product(
        (None, "u"), (None, "p"), (None, "a"), (None, "t")
    ):
        filters = SubmissionFilters(user, problem, author, title)
        query = list_query(filters)
        _assert_consistent(query)
        given = {v for v in (user, problem, author, title) if v}
        assert given <= set(query.values.values())


def test_all_index_is_keyed_on_the_submission_flag() -> None:
    query = list_query(SubmissionFilters())
    assert query.key_condition == "#all = :all"
    assert query.values == {":all": "Y"}
    assert query.forward is False


def test_every_list_query_reads_and_matches_only_what_its_index_copies() -> None:
    """DynamoDB refuses a query on an index naming an attribute the index does not copy; the
    list index never copies the code or the per-case results."""
    for user, problem, author, title, ascending in itertools.product(
        (None, "u"), (None, "p"), (None, "a"), (None, "t"), (False, True)
    ):
        query = list_query(SubmissionFilters(user, problem, author, title, ascending))
        assert query.index is not None
        assert set(LIST_ATTRIBUTES) <= named(query)
        assert named(query) <= projected(SUBMISSIONS, query.index), query
        assert not {"userCode", "results"} & projected(SUBMISSIONS, query.index)
