"""The problems API's wire shapes, with the original's field names."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, Field

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


class TrustCard(View):
    """How a problem's tests were made, in numbers; null where an older problem did not record
    it. `?view=full` shows the map as stored, which holds the first eight fields."""

    source: str | None = Field(default=None, description="`bank` or `generated`.")
    testCount: int | None = None
    sampleCount: int | None = None
    generatedTestCount: int | None = Field(
        default=None, description="Tests made by the problem's generator program."
    )
    bruteForceChecked: int | None = Field(
        default=None,
        description="Inputs on which an independent brute force agreed with the reference.",
    )
    validatorAcceptsAll: bool | None = Field(
        default=None, description="The input validator accepted every test."
    )
    referenceMaxMs: float | None = Field(
        default=None, description="The reference's slowest run on the tests, in ms."
    )
    timeLimitRule: str | None = Field(default=None, description="How the time limit was set.")
    recorded: bool | None = Field(
        default=None, description="The facts were stored when the problem was made."
    )
    timeLimitSeconds: float | None = None
    timeLimitFactor: float | None = Field(
        default=None, description="timeLimitSeconds = referenceMaxMs × this factor."
    )
    submissionCount: int | None = None
    acceptedCount: int | None = None
    acceptanceRate: float | None = Field(
        default=None, description="acceptedCount / submissionCount; null before any submission."
    )


class ProblemView(View):
    """The public view; `?view=full` answers the stored record instead, with the same names."""

    problemId: str | None = None
    title: str | None = None
    trust: TrustCard | None = None
