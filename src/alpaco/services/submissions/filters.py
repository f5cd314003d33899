"""A submission list request as plain values, parsed and checked before any I/O."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from alpaco.kernel.http import BadRequest


@dataclass(frozen=True)
class SubmissionFilters:
    user_id: str | None = None
    problem_id: str | None = None
    author: str | None = None
    title: str | None = None
    ascending: bool = False


def ascending(sort_order: str | None) -> bool:
    """`ASC` or `DESC` in any case; newest first when absent."""
    if sort_order is None:
        return False
    order = sort_order.strip().upper()
    if order not in ("ASC", "DESC"):
        raise BadRequest("sortOrder must be ASC or DESC.")
    return order == "ASC"


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
