"""A problem list request as plain values, parsed and checked before any I/O.

Difficulty is stored in English; the original's UI sent the Korean labels, so both are accepted here,
and a filter matches items stored under either label (the original stored whatever the client sent).
Title search is case-insensitive over both languages through a lower-cased `searchText` that
`repository.write_problem` writes next to the titles.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, Final

from alpaco.kernel.difficulty import canonical_difficulty
from alpaco.kernel.http import BadRequest
from alpaco.kernel.request import ascending, present
from alpaco.services.problems.schemas import ProblemListQuery

MAX_SEARCH_CHARS: Final = 100


@dataclass(frozen=True)
class ProblemFilters:
    """`unfinished` lists a creator's problems still being generated or failed as well: only for
    that creator (or an admin) asking for their own list."""

    creator_id: str | None = None
    difficulty: str | None = None
    tag: str | None = None
    title: str | None = None
    ascending: bool = False
    unfinished: bool = False


def normalize(text: str) -> str:
    """Lower case with runs of whitespace (newlines included) folded to one space."""
    return " ".join(text.lower().split())


def search_text(item: Mapping[str, Any]) -> str:
    """Both titles, normalized; the newline keeps a search term from matching across the two."""
    titles = (item.get("title"), item.get("title_translated"))
    return "\n".join(normalize(t) for t in titles if isinstance(t, str) and t.strip())


def parse_filters(query: ProblemListQuery, *, manager_of: Callable[[str], bool]) -> ProblemFilters:
    """`manager_of(creator_id)`: whether the caller may see that creator's unfinished problems."""
    difficulty = present(query.difficulty)
    canonical = canonical_difficulty(difficulty) if difficulty is not None else None
    if difficulty is not None and canonical is None:
        raise BadRequest("difficulty must be one of Easy, Medium, Hard (or 쉬움, 보통, 어려움).")
    term = normalize(query.title or "")
    if len(term) > MAX_SEARCH_CHARS:
        raise BadRequest(f"title is too long (max {MAX_SEARCH_CHARS} characters).")
    tag = present(query.tag)
    creator = present(query.creatorId)
    return ProblemFilters(
        creator_id=creator,
        difficulty=canonical,
        tag=tag.lower() if tag else None,
        title=term or None,
        ascending=ascending(query.sortOrder),
        unfinished=creator is not None and manager_of(creator),
    )
