"""The tutor request as the original's chatbot client sends it, plus our optional fields.

The original took any size (weakness 10): every field here has a bound, and a request past one is
a 400 before anything is spent. `problemDetails` names the problem; its `title` and `description`
are accepted and ignored, since the server reads the problem itself.
"""

from __future__ import annotations

from typing import Annotated, Any, Final, Literal

from pydantic import BaseModel, Field, ValidationInfo, field_validator

from alpaco.services.chatbot.ladder import TOP

MAX_MESSAGE_CHARS: Final = 4_000
MAX_CODE_CHARS: Final = 64 * 1024  # the grader's bound on a submission
# The conversation is trimmed to a token budget anyway (prompt.py); these bound the work.
MAX_HISTORY_TURNS: Final = 50
MAX_TURN_CHARS: Final = 12_000
MAX_ID_CHARS: Final = 128
# The client sends the statement back; it is ignored, but not read at any length.
MAX_DESCRIPTION_CHARS: Final = 100_000
MAX_CASE_RESULTS: Final = 500
MAX_LABEL_CHARS: Final = 200
MISSING_MESSAGE: Final = "Request body is missing, invalid, or missing 'newMessage' field."

Label = Annotated[str | None, Field(default=None, max_length=MAX_LABEL_CHARS)]


class ProblemDetails(BaseModel):
    id: str | int
    title: str | None = Field(default=None, max_length=MAX_DESCRIPTION_CHARS)
    description: str | None = Field(default=None, max_length=MAX_DESCRIPTION_CHARS)

    @field_validator("id")
    @classmethod
    def _short_id(cls, value: str | int) -> str:
        text = str(value).strip()
        if not text or len(text) > MAX_ID_CHARS:
            raise ValueError(f"must be a problem id of 1 to {MAX_ID_CHARS} characters")
        return text

    @property
    def problem_id(self) -> str:
        return str(self.id)


class Turn(BaseModel):
    """`user` is the student; the original client also sends `assistant` and `model`."""

    role: str = Field(max_length=20)
    content: str = Field(max_length=MAX_TURN_CHARS)


class CaseResult(BaseModel):
    """One case of a grading response, as the grader sends it; other fields are ignored."""

    caseNumber: int = Field(ge=1)
    status: str = Field(max_length=40)
    exceptionType: Label = None
    exceptionLine: int | None = None
    actualOutput: Any = None


class GradingResult(BaseModel):
    status: str | None = Field(default=None, max_length=40)
    results: list[CaseResult] = Field(default_factory=list, max_length=MAX_CASE_RESULTS)


class ChatBody(BaseModel):
    newMessage: str = Field(min_length=1, max_length=MAX_MESSAGE_CHARS)
    problemDetails: ProblemDetails
    userCode: str = Field(default="", max_length=MAX_CODE_CHARS)
    history: list[Turn] = Field(default_factory=list, max_length=MAX_HISTORY_TURNS)
    lastResult: GradingResult | Annotated[str, Field(max_length=MAX_ID_CHARS)] | None = Field(
        default=None, description="The last grading response, or the id of one's submission."
    )
    hintLevel: int | None = Field(default=None, ge=1, le=TOP)
    locale: Literal["ko", "en"] | None = Field(
        default=None, description="The answer's language; else the message's, Korean or English."
    )

    @field_validator("newMessage")
    @classmethod
    def _not_blank(cls, message: str) -> str:
        if not message.strip():
            raise ValueError("the message is blank")
        return message

    @field_validator("userCode", "history", mode="before")
    @classmethod
    def _null_is_empty(cls, value: Any, info: ValidationInfo) -> Any:
        """The original client sends `null` for an empty editor or a new conversation."""
        if value is None:
            return "" if info.field_name == "userCode" else []
        return value
