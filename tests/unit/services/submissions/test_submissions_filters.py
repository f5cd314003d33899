from __future__ import annotations

import pytest
from pydantic import ValidationError

from alpaco.services.submissions.filters import SubmissionFilters, parse_filters
from alpaco.services.submissions.schemas import SubmissionListQuery


def _parse(**params: str) -> SubmissionFilters:
    return parse_filters(SubmissionListQuery.model_validate(params))


def test_no_parameters_means_every_submission_newest_first() -> None:
    assert _parse() == SubmissionFilters()


def test_original_parameters_are_read() -> None:
    parsed = _parse(
        userId=" u1 ",
        problemId="p1",
        author="alpaca",
        problemTitleTranslated="딸기",
        sortOrder="ASC",
        problemTitle="ignored like the original",
    )
    assert parsed == SubmissionFilters(
        user_id="u1", problem_id="p1", author="alpaca", title="딸기", ascending=True
    )


def test_bad_sort_order_fails_the_query_model() -> None:
    with pytest.raises(ValidationError):
        _parse(sortOrder="newest")
