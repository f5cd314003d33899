"""A submission list request as plain values, parsed and checked before any I/O."""

from __future__ import annotations

from dataclasses import dataclass

from alpaco.kernel.request import ascending, present
from alpaco.services.submissions.schemas import SubmissionListQuery


@dataclass(frozen=True)
class SubmissionFilters:
    user_id: str | None = None
    problem_id: str | None = None
    author: str | None = None
    title: str | None = None
    ascending: bool = False


def parse_filters(query: SubmissionListQuery) -> SubmissionFilters:
    """`problemTitleTranslated` is a substring match, case-sensitive like the original's (the titles it
    searches are Korean); the other three are exact. `userId` (the token's `sub`) is the filter for
    one user's submissions. `author` matches the nickname stored with each submission, which its
    user may change and another user may share, so it is kept only for the original frontend.
    """
    return SubmissionFilters(
        user_id=present(query.userId),
        problem_id=present(query.problemId),
        author=present(query.author),
        title=present(query.problemTitleTranslated),
        ascending=ascending(query.sortOrder),
    )
