"""The submissions API's wire shapes, with the original's field names."""

from __future__ import annotations

from typing import Any

from alpaco.kernel.schemas import Filter, PageQuery, SortOrder, View


class SubmissionListQuery(PageQuery):
    """`submissionId` is the original's way to fetch one submission through the list route."""

    submissionId: Filter
    userId: Filter
    problemId: Filter
    author: Filter
    problemTitleTranslated: Filter
    sortOrder: SortOrder


class SubmissionView(View):
    """A summary; the owner and admins also get `userCode`, `results` and `resultsClipped`."""

    submissionId: str
    problemId: str | None = None
    userId: str | None = None
    status: str | None = None
    score: Any = None
    submissionTime: Any = None
