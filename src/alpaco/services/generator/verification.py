"""The values one execution round passes around: the round itself, each checked input, and the
evidence a round that found nothing wrong leaves for the suite."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any, Final

from alpaco.services.generator.drafts import Drafts, Faults
from alpaco.services.generator.execution import Executor, Outcome
from alpaco.services.generator.inputs import Case
from alpaco.services.generator.run import Run

SHOWN: Final = 3  # failures quoted back to the model per fault
_SHORT_CHARS: Final = 200


@dataclass(frozen=True)
class Round:
    run: Run
    executor: Executor
    drafts: Drafts
    problem_id: str
    faults: Faults = field(default_factory=Faults)

    @property
    def mode(self) -> str:
        return str(self.run.context["mode"])


@dataclass(frozen=True)
class Checked:
    """A valid input and what the reference made of it."""

    case: Case
    outcome: Outcome


@dataclass(frozen=True)
class Evidence:
    """A round that found nothing wrong: every valid input with the reference's outcome."""

    checked: list[Checked]
    slowest_ms: float
    cross_checked: int
    probes_rejected: int


def short(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= _SHORT_CHARS else text[:_SHORT_CHARS] + "…"
