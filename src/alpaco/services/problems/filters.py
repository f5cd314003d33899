"""A problem list request as plain values, parsed and checked before any I/O.

Difficulty is stored in English; the original's UI sent the Korean labels, so both are accepted here,
and a filter matches items stored under either label (the original stored whatever the client sent).
Title search is case-insensitive over both languages through a lower-cased `searchText` that
`repository.write_problem` writes next to the titles.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Final

from alpaco.kernel.http import BadRequest
from alpaco.kernel.request import ascending, present
from alpaco.services.problems.schemas import ProblemListQuery

KOREAN_DIFFICULTY: Final = {"Easy": "쉬움", "Medium": "보통", "Hard": "어려움"}
_DIFFICULTY_BY_LABEL: Final = {
    **{english.lower(): english for english in KOREAN_DIFFICULTY},
    **{korean: english for english, korean in KOREAN_DIFFICULTY.items()},
}
MAX_SEARCH_CHARS: Final = 100


@dataclass(frozen=True)
class ProblemFilters:
    creator_id: str | None = None
    difficulty: str | None = None
    tag: str | None = None
    title: str | None = None
    ascending: bool = False


def canonical_difficulty(label: str) -> str | None:
    """`Easy|Medium|Hard` for any accepted label (either language, any case), else None."""
    return _DIFFICULTY_BY_LABEL.get(label.strip().lower())


def normalize(text: str) -> str:
    """Lower case with runs of whitespace (newlines included) folded to one space."""
    return " ".join(text.lower().split())


def search_text(item: Mapping[str, Any]) -> str:
    """Both titles, normalized; the newline keeps a search term from matching across the two."""
    titles = (item.get("title"), item.get("title_translated"))
    return "\n".join(normalize(t) for t in titles if isinstance(t, str) and t.strip())


def parse_filters(query: ProblemListQuery) -> ProblemFilters:
    difficulty = present(query.difficulty)
    canonical = canonical_difficulty(difficulty) if difficulty is not None else None
    if difficulty is not None and canonical is None:
        raise BadRequest("difficulty must be one of Easy, Medium, Hard (or 쉬움, 보통, 어려움).")
    term = normalize(query.title or "")
    if len(term) > MAX_SEARCH_CHARS:
        raise BadRequest(f"title is too long (max {MAX_SEARCH_CHARS} characters).")
    tag = present(query.tag)
    return ProblemFilters(
        creator_id=present(query.creatorId),
        difficulty=canonical,
        tag=tag.lower() if tag else None,
        title=term or None,
        ascending=ascending(query.sortOrder),
    )
