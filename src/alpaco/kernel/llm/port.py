"""What a step asks of a model and what comes back, whoever the provider is.

A step names itself (`step`): the replay provider answers by that name, the offline provider hands
the request to the answerer its service registered for it, and logs and usage are counted by it.
Answers are raw text; the step that asked parses and checks it against its own schema, so a
malformed answer is the step's to retry, whichever provider gave it.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, Protocol

from pydantic import BaseModel


@dataclass(frozen=True)
class LlmRequest:
    """`schema` asks for JSON of that shape (structured output where the provider has it);
    `context` carries the step's inputs as values, for providers that do not read prose (offline)."""

    step: str
    system: str
    prompt: str
    schema: type[BaseModel] | None = None
    context: Mapping[str, Any] = field(default_factory=dict)
    temperature: float = 0.2
    max_output_tokens: int = 8192


@dataclass(frozen=True)
class Usage:
    input_tokens: int = 0
    output_tokens: int = 0


@dataclass(frozen=True)
class LlmAnswer:
    text: str
    provider: str
    model: str
    usage: Usage = Usage()


class LlmError(Exception):
    """The provider could not answer after its retries (network, quota, refusal); never a key."""


class LlmProvider(Protocol):
    name: str

    def complete(self, request: LlmRequest) -> LlmAnswer:
        """One answer, after retries with backoff on transient errors, within the call's timeout."""
        ...

    def stream(self, request: LlmRequest) -> AsyncIterator[str]:
        """The answer's text as the model writes it (the tutor streams its hints)."""
        ...


# What a service registers with the offline provider for one step: the answer it would like a
# model to give, worked out from the request's context (the generator: from the curated bank).
OfflineAnswerer = Callable[[LlmRequest], str]
