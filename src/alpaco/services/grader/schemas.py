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

    executionMode: Literal["GRADE_SUBMISSION", "RUN_CUSTOM_TESTS", "FIND_MY_BUG"] | None = Field(
        default=None,
        description="GRADE_SUBMISSION when absent. FIND_MY_BUG searches the problem's generated "
        "inputs for one on which the code and the reference disagree.",
    )
    userCode: str
    language: str | None = Field(default=None, description="Python only; python3.12 when absent.")
    problemId: str | None = Field(default=None, description="Required to grade and to find a bug.")
    customTestCases: list[Any] | None = Field(
        default=None, description="RUN_CUSTOM_TESTS: the inputs to run the code on."
    )


class GradeResult(View):
    """A graded submission (`submissionId`, `status`, `score`, per-case `results`); for
    RUN_CUSTOM_TESTS the student's own inputs, each with its output and, when the problem has a
    reference, `expectedOutput` and `verdict` (an input its validator refuses is not run and
    says why in `inputError`); for FIND_MY_BUG whether a failing input was `found`, the shrunk
    `input` with `expectedOutput` and `actualOutput`, and the `tries` it took."""

    executionMode: str | None = None
    results: list[Any] | None = None
    found: bool | None = Field(default=None, description="FIND_MY_BUG: a failing input was found.")
    input: Any = Field(default=None, description="FIND_MY_BUG: the failing input, shrunk.")
    expectedOutput: Any = Field(default=None, description="FIND_MY_BUG: the reference's output.")
    actualOutput: Any = Field(default=None, description="FIND_MY_BUG: the code's output.")
    tries: int | None = Field(
        default=None, description="FIND_MY_BUG: generated inputs compared before the answer."
    )
