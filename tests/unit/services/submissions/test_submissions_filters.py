from __future__ import annotations

import pytest

from alpaco.kernel.http import BadRequest
from alpaco.services.submissions.filters import SubmissionFilters, parse_filters


def _parse(**params: str) -> SubmissionFilters:
    return parse_filters(params.get)


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


def test_bad_sort_order_is_a_bad_request() -> None:
    with pytest.raises(BadRequest):
        _parse(sortOrder="newest")
