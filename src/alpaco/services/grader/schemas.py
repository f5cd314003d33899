"""The grading API's wire shapes, with the original's field names.

The model fixes the types; `request.parse_request` keeps the rules that need more than a type
(non-blank code, the size bounds that answer 413, the languages that mean Python).
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, Field

from alpaco.kernel.schemas import View


class GradeBody(BaseModel):
    """A client-sent `submissionId` (or any other unknown field) is ignored."""

    executionMode: Literal["GRADE_SUBMISSION", "RUN_CUSTOM_TESTS"] | None = Field(
        default=None, description="GRADE_SUBMISSION when absent."
    )
    userCode: str
    language: str | None = Field(default=None, description="Python only; python3.12 when absent.")
    problemId: str | None = Field(default=None, description="Required to grade.")
    customTestCases: list[Any] | None = Field(
        default=None, description="RUN_CUSTOM_TESTS: the inputs to run the code on."
    )


class GradeResult(View):
    """A graded submission (`submissionId`, `status`, `score`, per-case `results`), or for
    RUN_CUSTOM_TESTS the outputs of the student's own inputs."""

    results: list[Any] | None = None
