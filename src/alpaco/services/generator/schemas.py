"""The generation request as the original's clients send it; `creatorId` and `author` in a body are
ignored (they come from the token), like any other unknown field."""

from __future__ import annotations

from typing import Final, Literal

from pydantic import BaseModel, Field, field_validator

from alpaco.kernel.difficulty import canonical_difficulty

MAX_PROMPT_CHARS: Final = 2_000


class GenerateBody(BaseModel):
    prompt: str = Field(min_length=1, max_length=MAX_PROMPT_CHARS)
    difficulty: str = Field(default="Medium", description="Easy|Medium|Hard or 쉬움|보통|어려움")
    mode: Literal["function", "stdio"] = "function"

    @field_validator("prompt")
    @classmethod
    def _not_blank(cls, prompt: str) -> str:
        if not prompt.strip():
            raise ValueError("the prompt is blank")
        return prompt.strip()

    @field_validator("difficulty")
    @classmethod
    def _known_difficulty(cls, difficulty: str) -> str:
        canonical = canonical_difficulty(difficulty)
        if canonical is None:
            raise ValueError("difficulty must be Easy, Medium or Hard (or 쉬움, 보통, 어려움)")
        return canonical
