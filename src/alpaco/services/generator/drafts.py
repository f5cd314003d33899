"""The model's drafts of a problem, before execution has checked them, and how each is asked for.

The six drafts after the intent depend on the intent alone, so they are asked for side by side; a
draft found wrong later (by execution or by the review) is asked for again with what was wrong,
and the others are kept.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from typing import Any, Final

from pydantic import BaseModel

from alpaco.services.generator.run import Run
from alpaco.services.generator.steps.base import Step
from alpaco.services.generator.steps.checkers import GENERATOR, VALIDATOR, GeneratorAnswer
from alpaco.services.generator.steps.constraints import CONSTRAINTS, ConstraintsAnswer
from alpaco.services.generator.steps.intent import IntentAnswer
from alpaco.services.generator.steps.solutions import BRUTE, SOLUTION, CodeAnswer, SolutionAnswer
from alpaco.services.generator.steps.tests import TESTS, TestsAnswer

# In the order of Drafts' fields after the intent.
DRAFT_STEPS: Final[dict[str, Step[Any]]] = {
    "tests": TESTS,
    "solution": SOLUTION,
    "brute": BRUTE,
    "validator": VALIDATOR,
    "generator": GENERATOR,
    "constraints": CONSTRAINTS,
}


@dataclass(frozen=True)
class Drafts:
    intent: IntentAnswer
    tests: TestsAnswer
    solution: SolutionAnswer
    brute: CodeAnswer
    validator: CodeAnswer
    generator: GeneratorAnswer
    constraints: ConstraintsAnswer


@dataclass
class Faults:
    """What execution or review found wrong, by step; `replacements` are drafts already redone
    (a third opinion that agreed with the reference becomes the brute force as it is)."""

    feedback: dict[str, list[str]] = field(default_factory=dict)
    replacements: dict[str, BaseModel] = field(default_factory=dict)

    def add(self, step: str, *problems: str) -> None:
        self.feedback.setdefault(step, []).extend(problems)

    def __bool__(self) -> bool:
        return bool(self.feedback or self.replacements)

    def summary(self) -> str:
        parts = [f"{step}: {' '.join(found)[:300]}" for step, found in self.feedback.items()]
        return "; ".join(parts) or "a draft was replaced"


def spec(intent: IntentAnswer) -> dict[str, Any]:
    return intent.model_dump(exclude_none=True)


def ask_draft(
    run: Run,
    name: str,
    intent: IntentAnswer,
    feedback: Sequence[str] = (),
    previous: str | None = None,
) -> BaseModel:
    answer = run.ask(
        DRAFT_STEPS[name], {"intent": spec(intent)}, feedback=feedback, previous=previous
    )
    return answer.settled() if isinstance(answer, ConstraintsAnswer) else answer


def draft(run: Run, intent: IntentAnswer) -> Drafts:
    answers = run.parallel(*(_asking(run, name, intent) for name in DRAFT_STEPS))
    return Drafts(intent, *answers)


def revise(run: Run, drafts: Drafts, faults: Faults) -> Drafts:
    """The faulty drafts asked for again (in parallel), each with its own feedback."""
    names = [n for n in DRAFT_STEPS if n in faults.feedback and n not in faults.replacements]
    answers = run.parallel(
        *(
            _asking(
                run,
                name,
                drafts.intent,
                faults.feedback[name],
                getattr(drafts, name).model_dump_json(),
            )
            for name in names
        )
    )
    updates: dict[str, Any] = {**dict(zip(names, answers, strict=True)), **faults.replacements}
    return replace(drafts, **updates)


def _asking(
    run: Run,
    name: str,
    intent: IntentAnswer,
    feedback: Sequence[str] = (),
    previous: str | None = None,
) -> Callable[[], BaseModel]:
    return lambda: ask_draft(run, name, intent, feedback, previous)
