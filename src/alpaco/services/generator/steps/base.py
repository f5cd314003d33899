"""What a step is: a name, the answer's pydantic schema, the task put to the model, and a gate.

The gate is the step's own quality bar on a parsed answer: it returns what is wrong, in words the
model can act on, and an empty list when the answer may be used. Parsing problems (malformed
JSON, a schema mismatch) are reported the same way, so every kind of failure feeds the next
attempt's prompt (`Asker` in `run.py` does the asking and the retrying).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Final, Generic, TypeVar

from pydantic import BaseModel, ValidationError

from alpaco.kernel.llm.port import LlmRequest
from alpaco.services.generator.steps.parsing import MalformedAnswer, decode, fenced_code

A = TypeVar("A", bound=BaseModel)
Gate = Callable[[A, Mapping[str, Any]], list[str]]

SYSTEM: Final = (
    "You are an experienced competitive-programming problem setter writing original problems "
    "for ALPACO, a platform where students practise for coding tests in Python 3.12. Your work "
    "is checked by running it: programs are executed in a sandbox and compared with each other, "
    "so write exactly what is asked, standard library only. Reply with JSON only."
)
_SHOWN_CONTEXT: Final = ("difficulty", "mode", "language")
_MAX_INPUT_CHARS: Final = 24_000
_MAX_PREVIOUS_CHARS: Final = 3_000


@dataclass(frozen=True)
class Step(Generic[A]):
    """`status` is the prefix of the original's `generationStatus` values for this step
    (`step3` gives `step3_complete_attempt_0`); `keep` gives the item attributes an accepted
    answer is stored under (the original's names); `code_field`, if set, is the field a bare code
    answer (fenced or not) fills, for models that ignore the JSON instruction on code steps."""

    name: str
    status: str
    doing: str
    task: str
    schema: type[A]
    gate: Gate[A]
    keep: Callable[[A], dict[str, Any]]
    code_field: str | None = None


class Rejected(Exception):
    """An answer the step cannot use; `problems` go back to the model on the next attempt."""

    def __init__(self, problems: Sequence[str]) -> None:
        super().__init__("; ".join(problems))
        self.problems = list(problems)


def request(
    step: Step[Any],
    inputs: Mapping[str, Any],
    *,
    context: Mapping[str, Any],
    feedback: Sequence[str],
    previous: str | None,
) -> LlmRequest:
    """The request for one attempt; `context` carries the generation's own values (prompt,
    difficulty, mode, seed) for providers that read values rather than prose."""
    shown = {name: context[name] for name in _SHOWN_CONTEXT if name in context} | dict(inputs)
    parts = [
        step.task,
        "## Inputs\n```json\n" + _shown(shown) + "\n```",
        "## Answer format\nOne JSON object that matches this JSON Schema, and nothing else:\n"
        + json.dumps(step.schema.model_json_schema(), separators=(",", ":")),
    ]
    if feedback:
        lines = "\n".join(f"- {problem}" for problem in feedback)
        parts.append(f"## Your previous answer was not accepted\n{lines}")
        if previous:
            parts.append("## Your previous answer\n" + previous[:_MAX_PREVIOUS_CHARS])
    return LlmRequest(
        step=step.name,
        system=SYSTEM,
        prompt="\n\n".join(parts),
        schema=step.schema,
        context={**context, **inputs, "feedback": list(feedback)},
    )


def accept(step: Step[A], text: str, inputs: Mapping[str, Any]) -> tuple[A, str | None]:
    """The answer parsed and through the gate, with what parsing had to mend; raises `Rejected`."""
    try:
        decoded = decode(text)
        value, mended = decoded.value, decoded.mended
    except MalformedAnswer as exc:
        if step.code_field is None:
            raise Rejected([f"the answer is not JSON: {exc}"]) from None
        value, mended = {step.code_field: fenced_code(text) or text}, "bare code taken as the code"
    try:
        answer = step.schema.model_validate(value)
    except ValidationError as exc:
        raise Rejected([_schema_problem(error) for error in exc.errors()[:5]]) from None
    problems = step.gate(answer, inputs)
    if problems:
        raise Rejected(problems)
    return answer, mended


def as_json(value: Any) -> str:
    """How the original stored JSON-ish attributes: as compact JSON strings."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _schema_problem(error: Any) -> str:
    where = ".".join(str(part) for part in error["loc"]) or "the answer"
    return f"{where}: {error['msg']}"


def _shown(inputs: Mapping[str, Any]) -> str:
    text = json.dumps(inputs, ensure_ascii=False, indent=1, default=str)
    return text if len(text) <= _MAX_INPUT_CHARS else text[:_MAX_INPUT_CHARS] + "\n…(cut)"
