"""A submission list request as plain values, parsed and checked before any I/O."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from alpaco.kernel.service import ascending


@dataclass(frozen=True)
class SubmissionFilters:
    user_id: str | None = None
    problem_id: str | None = None
    author: str | None = None
    title: str | None = None
    ascending: bool = False


def parse_filters(param: Callable[[str], str | None]) -> SubmissionFilters:
    """`param(name)` returns one query parameter, or None when it is absent or empty.

    `problemTitleTranslated` is a substring match, case-sensitive like the original's (the titles it
    searches are Korean); the other three are exact. `userId` (the token's `sub`) is the filter for
    one user's submissions. `author` matches the nickname stored with each submission, which its
    user may change and another user may share, so it is kept only for the original frontend.
    """
    return SubmissionFilters(
        user_id=_stripped(param("userId")),
        problem_id=_stripped(param("problemId")),
        author=_stripped(param("author")),
        title=_stripped(param("problemTitleTranslated")),
        ascending=ascending(param("sortOrder")),
    )


def _stripped(value: str | None) -> str | None:
    return (value or "").strip() or None
