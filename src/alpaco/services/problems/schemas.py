"""The problems API's wire shapes, with the original's field names."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel

from alpaco.kernel.schemas import Filter, PageQuery, SortOrder, View


class ProblemListQuery(PageQuery):
    creatorId: Filter
    difficulty: Filter
    tag: Filter
    title: Filter
    sortOrder: SortOrder


class ProblemQuery(BaseModel):
    view: Literal["public", "full"] = "public"


class ProblemSummary(View):
    problemId: str | None
    title: str | None
    title_translated: str | None
    difficulty: Any
    tags: list[str]
    createdAt: str | None
    creatorId: str | None
    author: str | None
    mode: str
    submissionCount: int
    acceptedCount: int
    generationStatus: str | None
    errorMessage: str | None = None


class ProblemView(View):
    """The public view; `?view=full` answers the stored record instead, with the same names."""

    problemId: str | None = None
    title: str | None = None
