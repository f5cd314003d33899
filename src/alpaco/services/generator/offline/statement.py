"""Bank statements taken apart and put back together around a generation's own samples.

A bank statement is a story, then `###` sections; its examples show the bank's samples. A
generated problem's samples are its own (chosen by the pipeline), so the examples section is
rebuilt from them, keeping the bank's explanation where a sample is one of the bank's.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Final

_SECTION: Final = re.compile(r"^### .*$", re.MULTILINE)
_BLOCK: Final = re.compile(r"```[^\n]*\n(.*?)```", re.DOTALL)
_EXAMPLE_HEAD: Final = re.compile(r"^\*\*[^*\n]+\*\*\s*$", re.MULTILINE)


@dataclass(frozen=True)
class Labels:
    example: str
    input: str
    output: str


ENGLISH: Final = Labels("Example", "Input:", "Output:")
KOREAN: Final = Labels("예제", "입력:", "출력:")


@dataclass(frozen=True)
class Statement:
    story: str
    sections: list[tuple[str, str]]  # (header line, body), in order; the examples section last

    def body(self, position: int) -> str:
        return self.sections[position][1] if position < len(self.sections) else ""


def parse(markdown: str) -> Statement:
    headers = list(_SECTION.finditer(markdown))
    story = markdown[: headers[0].start()] if headers else markdown
    sections = []
    for index, header in enumerate(headers):
        end = headers[index + 1].start() if index + 1 < len(headers) else len(markdown)
        sections.append((header.group(0), markdown[header.end() : end].strip()))
    return Statement(story.strip(), sections)


def explanations(markdown: str, mode: str) -> dict[str, str]:
    """Each example's explanation, by the canonical form of its input."""
    statement = parse(markdown)
    found: dict[str, str] = {}
    if not statement.sections:
        return found
    examples = _EXAMPLE_HEAD.split(statement.sections[-1][1])
    for example in examples:
        blocks = list(_BLOCK.finditer(example))
        if len(blocks) >= 2:
            note = example[blocks[1].end() :].strip()
            found[key(blocks[0].group(1), mode)] = note
    return found


def example_blocks(markdown: str) -> list[tuple[str, str]]:
    """(input, output) block texts of a statement's examples, in order."""
    blocks = [block.strip() for block in _BLOCK.findall(markdown)]
    return list(zip(blocks[0::2], blocks[1::2], strict=False))


def key(text: str, mode: str) -> str:
    if mode == "stdio":
        return text.strip()
    try:
        return json.dumps(json.loads(text), sort_keys=True)
    except ValueError:
        return text.strip()


def render_examples(
    pairs: Sequence[tuple[str, str]], notes: Mapping[str, str], mode: str, labels: Labels
) -> str:
    fence = "text" if mode == "stdio" else "json"
    parts = []
    for number, (shown_input, shown_output) in enumerate(pairs, start=1):
        part = (
            f"**{labels.example} {number}**\n\n{labels.input}\n\n```{fence}\n{shown_input}\n```\n\n"
            f"{labels.output}\n\n```{fence}\n{shown_output}\n```"
        )
        note = notes.get(key(shown_input, mode))
        parts.append(f"{part}\n\n{note}" if note else part)
    return "\n\n".join(parts)


def shown(value: Any, mode: str) -> str:
    return str(value).strip() if mode == "stdio" else json.dumps(value, ensure_ascii=False)


def assemble(story: str, sections: Sequence[tuple[str, str]]) -> str:
    return "\n\n".join([story, *(f"{header}\n\n{body}" for header, body in sections)]) + "\n"
