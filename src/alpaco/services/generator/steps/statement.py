"""Steps 8 to 10, the statement: description (with a title), title, translation.

The statement's examples must be the samples, inputs and outputs exactly as the reference produced
them, so a student never reads an example the judge would contradict. The description's answer
carries a title (one call instead of two); only a title that fails its gate is asked for again,
under the `title` step. The translation must keep every code block as it is.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from typing import Any, Final

from pydantic import BaseModel

from alpaco.services.generator.steps.base import Step

TARGET_LANGUAGE: Final = "Korean"
SECTIONS: Final = ("### Input", "### Output", "### Constraints", "### Examples")
MAX_TITLE_CHARS: Final = 70
MIN_DESCRIPTION_CHARS: Final = 200
_BLOCK: Final = re.compile(r"```[^\n]*\n(.*?)```", re.DOTALL)
_HEADER: Final = re.compile(r"^#{1,6} ", re.MULTILINE)


class DescriptionAnswer(BaseModel):
    title: str
    description: str


class TitleAnswer(BaseModel):
    title: str


class TranslationAnswer(BaseModel):
    title: str
    description: str


def code_blocks(markdown: str) -> list[str]:
    return [block.strip() for block in _BLOCK.findall(markdown)]


def shown_as(value: Any, mode: str) -> str:
    """A sample value as it must appear in an example block (compared after decoding)."""
    return value.strip() if mode == "stdio" else json.dumps(value, ensure_ascii=False)


def missing_examples(markdown: str, samples: Sequence[Mapping[str, Any]], mode: str) -> list[str]:
    """Which sample inputs and outputs no code block of the statement shows."""
    blocks = code_blocks(markdown)
    shown = set(blocks) if mode == "stdio" else {_canonical(block) for block in blocks}
    missing = []
    for number, sample in enumerate(samples, start=1):
        for part in ("input", "output"):
            value = sample[part]
            key = shown_as(value, mode) if mode == "stdio" else _canonical(json.dumps(value))
            if key not in shown:
                missing.append(
                    f"example {number} must show the {part} {shown_as(value, mode)[:200]}"
                )
    return missing


def title_problems(title: str) -> list[str]:
    text = title.strip()
    if not text:
        return ["the title is empty"]
    problems = []
    if len(text) > MAX_TITLE_CHARS or "\n" in text:
        problems.append(f"the title must be one line of at most {MAX_TITLE_CHARS} characters")
    if any(mark in text for mark in ("#", "**", "`")):
        problems.append("the title must be plain text, without Markdown")
    return problems


def titled(title: str, difficulty: str) -> str:
    """The original's rule: a title without a parenthesised part gets ` (<difficulty>)`."""
    text = title.strip()
    return text if re.search(r"\(.*\)", text) else f"{text} ({difficulty})"


def _description_gate(answer: DescriptionAnswer, facts: Mapping[str, Any]) -> list[str]:
    text = answer.description
    problems = [f"the description needs a `{s}` section" for s in SECTIONS if s not in text]
    if len(text.strip()) < MIN_DESCRIPTION_CHARS:
        problems.append(f"the description must be at least {MIN_DESCRIPTION_CHARS} characters")
    if text.lstrip().startswith("# "):
        problems.append("the description must not start with a main title")
    return problems + missing_examples(text, facts.get("samples", []), str(facts.get("mode")))


def _title_gate(answer: TitleAnswer, facts: Mapping[str, Any]) -> list[str]:
    return title_problems(answer.title)


def _translation_gate(answer: TranslationAnswer, facts: Mapping[str, Any]) -> list[str]:
    original = str(facts.get("description", ""))
    problems = []
    if not _has_hangul(answer.title) or not _has_hangul(answer.description):
        problems.append("the title and the description must be written in Korean")
    problems += title_problems(answer.title)
    if code_blocks(answer.description) != code_blocks(original):
        problems.append("every code block (the examples) must stay exactly as in the original")
    if len(_HEADER.findall(answer.description)) != len(_HEADER.findall(original)):
        problems.append("keep every Markdown section header of the original")
    return problems


def _has_hangul(text: str) -> bool:
    return any("\uac00" <= ch <= "\ud7a3" for ch in text)


def _canonical(text: str) -> str:
    try:
        return json.dumps(json.loads(text), sort_keys=True, separators=(",", ":"))
    except ValueError:
        return text


DESCRIPTION = Step(
    name="description",
    status="step8",
    doing="Generating the problem description",
    task=(
        "Write the problem statement in English Markdown, and its title. The statement: a short "
        "story (woven around the student's theme if there is one) without a main title, then "
        "the sections `### Input`, `### Output` (the exact format, the judge type, the "
        "tie-breaking rule and epsilon where they apply), `### Constraints` (every bound) and "
        "`### Examples`, which shows each given sample: its input and its output each in its "
        "own fenced code block, exactly as given (JSON in function mode, text in stdio mode), "
        "with a sentence of explanation. The title: under 70 characters, ending with the "
        "difficulty in parentheses, e.g. `Strawberry Rows (Medium)`."
    ),
    schema=DescriptionAnswer,
    gate=_description_gate,
    keep=lambda answer: {"description": answer.description, "title": answer.title},
)

TITLE = Step(
    name="title",
    status="step9",
    doing="Generating the problem title",
    task=(
        "Write the problem's title: plain text, under 70 characters, ending with the difficulty "
        "in parentheses, e.g. `Strawberry Rows (Medium)`."
    ),
    schema=TitleAnswer,
    gate=_title_gate,
    keep=lambda answer: {"title": answer.title},
)

TRANSLATION = Step(
    name="translation",
    status="step10",
    doing="Translating title and description to Korean",
    task=(
        "Translate the title and the Markdown description into natural Korean. Keep every "
        "Markdown header level, every list, and every fenced code block exactly as it is "
        "(identifiers and examples are not translated). The title is plain text."
    ),
    schema=TranslationAnswer,
    gate=_translation_gate,
    keep=lambda answer: {
        "title_translated": answer.title,
        "description_translated": answer.description,
        "targetLanguage": TARGET_LANGUAGE,
    },
)
