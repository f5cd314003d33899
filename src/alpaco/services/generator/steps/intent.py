"""Step 1, intent: what the student asked for, as a specification the later steps build on."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from pydantic import BaseModel, Field

from alpaco.services.generator.steps.base import Step, as_json


class CreativeContext(BaseModel):
    theme_elements: list[str] = Field(default_factory=list)
    narrative_style: str = ""
    should_integrate_theme: bool = False


class InputSchemaDetails(BaseModel):
    allows_duplicates_in_collections: bool = False
    can_revisit_nodes_in_paths: bool = False


class IntentAnswer(BaseModel):
    goal: str
    key_constraints: list[str]
    concepts: list[str]
    creative_context: CreativeContext | None = None
    input_schema_description: str
    output_format_description: str
    tie_breaking_rule: str | None = None
    input_schema_details: InputSchemaDetails = Field(default_factory=InputSchemaDetails)


def _gate(answer: IntentAnswer, facts: Mapping[str, Any]) -> list[str]:
    problems = []
    if len(answer.goal.strip()) < 10:
        problems.append("goal must state the task in at least 10 characters")
    if len(answer.input_schema_description.strip()) < 5:
        problems.append("input_schema_description must describe the input")
    if len(answer.output_format_description.strip()) < 5:
        problems.append("output_format_description must describe the output")
    if not [c for c in answer.key_constraints if c.strip()]:
        problems.append("key_constraints must give the input bounds (sizes and value ranges)")
    if not [c for c in answer.concepts if c.strip()]:
        problems.append("concepts must name at least one algorithmic concept")
    return problems


INTENT = Step(
    name="intent",
    status="step1",
    doing="Analyzing prompt and extracting intent",
    task=(
        "Turn the student's request into the specification of one new coding-test problem of the "
        "requested difficulty. `goal`: the task in one or two sentences. `key_constraints`: the "
        "input bounds as short statements with numbers (sizes, value ranges), chosen so that the "
        "intended algorithm passes in Python and a naive one does not. `concepts`: the algorithms "
        "and data structures involved. `input_schema_description`: the exact shape of the input "
        "(in function mode the single argument passed to `solution(data)`, a JSON value; in "
        "stdio mode the text on standard input). `output_format_description`: the exact output, "
        "judgeable by one of equal, unordered_equal, float_eps (function mode) or equal, tokens, "
        "lines (stdio), with a tie-breaking rule whenever several answers could be right. Keep "
        "the student's theme (`creative_context`) if they gave one."
    ),
    schema=IntentAnswer,
    gate=_gate,
    keep=lambda answer: {"intent": as_json(answer.model_dump(exclude_none=True))},
)
