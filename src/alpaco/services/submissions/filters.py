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
    searches are Korean); the other three are exact.
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
