"""How a generation stops early. Every message here may be shown to the student who asked."""

from __future__ import annotations

from collections.abc import Sequence


class GenerationFailed(Exception):
    """The problem could not be generated; the stored item keeps this message as its error."""


class Cancelled(Exception):
    """The client went away (or asked to stop); the pipeline stopped between two steps."""


class StepFailed(GenerationFailed):
    """A step gave no usable answer within its attempts."""

    def __init__(self, step: str, attempts: int, problems: Sequence[str]) -> None:
        last = "; ".join(problems)[:500] or "no answer"
        super().__init__(f"The {step} step failed after {attempts} attempts. Last error: {last}")
        self.step = step
        self.problems = list(problems)
