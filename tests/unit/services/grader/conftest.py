"""What a user's submission list shows, read the way the submissions service reads it."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from alpaco.services.submissions import repository
from alpaco.services.submissions.filters import SubmissionFilters


def _submissions_of(user_id: str) -> list[dict[str, Any]]:
    page = repository.list_submissions(
        SubmissionFilters(user_id=user_id), page_size=100, cursor=None
    )
    return page.items


@pytest.fixture(scope="session")
def submissions_of(dynamodb_endpoint: str) -> Callable[[str], list[dict[str, Any]]]:
    """`submissions_of(user_id)`: the user's stored submissions, newest first."""
    return _submissions_of
