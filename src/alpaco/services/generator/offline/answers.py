"""What a good model would answer at each step, drawn from the bank problem the prompt picks.

Each answer is the JSON the step's schema asks for, built from the seeded item: its statement
taken apart for the intent, its small tests for the test design, its programs for the solution,
brute force, validator and generator, its limits for the constraints, its statements rebuilt
around the generation's own samples and the prompt's theme. The pipeline then checks all of it
for real, exactly as it checks a model's answers.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Mapping
from typing import Any, Final

from alpaco.kernel.difficulty import KOREAN_DIFFICULTY
from alpaco.kernel.llm.port import LlmRequest
from alpaco.services.generator.offline import programs, statement
from alpaco.services.generator.offline.shelf import Pick, Shelf
from alpaco.services.generator.steps.statement import MAX_TITLE_CHARS
from alpaco.services.generator.steps.tests import MIN_CASES

SMALL_TEST_CHARS: Final = 400
EXTRA_TESTS: Final = 3
FALLBACK_SMALL_SIZE: Final = 50
_SENTENCE: Final = re.compile(r"(?<=[.!?])\s")

Answer = Callable[[Pick, Mapping[str, Any]], dict[str, Any]]


def intent(pick: Pick, context: Mapping[str, Any]) -> dict[str, Any]:
    parsed = statement.parse(str(pick.item.get("description", "")))
    input_text, output_text, limits = (_plain(parsed.body(i)) for i in range(3))
    bounds = [line[2:].strip() for line in parsed.body(2).splitlines() if line.startswith("- ")]
    return {
        "goal": f"{pick.item.get('title')}: {_SENTENCE.split(output_text)[0]}",
        "key_constraints": bounds or [limits or str(_constraints(pick).get("input_constraints"))],
        "concepts": list(pick.item.get("tags") or []),
        "creative_context": {
            "theme_elements": pick.theme.split(),
            "narrative_style": "a short story",
            "should_integrate_theme": bool(pick.theme),
        },
        "input_schema_description": input_text,
        "output_format_description": output_text,
    }


def tests(pick: Pick, context: Mapping[str, Any]) -> dict[str, Any]:
    cases = _cases(pick)
    samples = [case for case in cases if case.get("isSample")]
    small = sorted(
        (
            c
            for c in cases
            if not c.get("isSample") and len(json.dumps(c["input"])) <= SMALL_TEST_CHARS
        ),
        key=lambda c: len(json.dumps(c["input"])),
    )
    wanted = MIN_CASES.get(pick.difficulty, MIN_CASES["Medium"]) + EXTRA_TESTS
    edges, others = small[:2], small[2:]
    pick.rng("tests").shuffle(others)
    chosen = [
        *(
            {"input": c["input"], "rationale": f"typical case: example {n} of the statement"}
            for n, c in enumerate(samples, 1)
        ),
        *(
            {"input": c["input"], "rationale": "edge case: one of the smallest inputs"}
            for c in edges
        ),
        *({"input": c["input"], "rationale": "typical case: a small mixed input"} for c in others),
    ]
    distinct = list({json.dumps(c["input"], sort_keys=True): c for c in reversed(chosen)}.values())
    distinct.reverse()
    return {"cases": distinct[: max(wanted, len(samples) + len(edges))]}


def solution(pick: Pick, context: Mapping[str, Any]) -> dict[str, Any]:
    return {"code": pick.item.get("solutionCode"), "start_code": pick.item.get("startCode")}


def brute(pick: Pick, context: Mapping[str, Any]) -> dict[str, Any]:
    return {"code": pick.item.get("bruteForceCode")}


def validator(pick: Pick, context: Mapping[str, Any]) -> dict[str, Any]:
    return {"code": programs.extract(str(pick.item.get("generatorCode")), "validate")}


def generator(pick: Pick, context: Mapping[str, Any]) -> dict[str, Any]:
    source = str(pick.item.get("generatorCode"))
    small = programs.constant(source, "BRUTE_MAX_SIZE") or FALLBACK_SMALL_SIZE
    largest = programs.largest_size(str(c.get("rationale", "")) for c in _cases(pick))
    return {
        "code": programs.extract(source, "generate"),
        "small_size": small,
        "max_size": max(small, largest or small),
    }


def constraints(pick: Pick, context: Mapping[str, Any]) -> dict[str, Any]:
    return _constraints(pick)


def start_code(pick: Pick, context: Mapping[str, Any]) -> dict[str, Any]:
    return {"code": pick.item.get("startCode")}


def validation(pick: Pick, context: Mapping[str, Any]) -> dict[str, Any]:
    return {
        "status": "Pass",
        "details": "The reference solves the stated goal, the tests cover the edges and typical "
        "cases, and the judge type fits the output format.",
    }


def description(pick: Pick, context: Mapping[str, Any]) -> dict[str, Any]:
    mode = pick.mode
    pairs = [
        (statement.shown(s["input"], mode), statement.shown(s["output"], mode))
        for s in context.get("samples", [])
    ]
    english = str(pick.item.get("description", ""))
    examples = statement.render_examples(
        pairs, statement.explanations(english, mode), mode, statement.ENGLISH
    )
    lead = f"This time the story takes place around {pick.theme}. " if pick.theme else ""
    text = _rebuilt(english, lead, examples, _limits_line(context, english=True))
    return {"title": title(pick, context)["title"], "description": text}


def title(pick: Pick, context: Mapping[str, Any]) -> dict[str, Any]:
    return {"title": _titled(str(pick.item.get("title")), pick.theme.title(), pick.difficulty)}


def translation(pick: Pick, context: Mapping[str, Any]) -> dict[str, Any]:
    mode = pick.mode
    korean = str(pick.item.get("description_translated", ""))
    english = statement.parse(str(context.get("description", "")))
    pairs = statement.example_blocks(english.sections[-1][1] if english.sections else "")
    examples = statement.render_examples(
        pairs, statement.explanations(korean, mode), mode, statement.KOREAN
    )
    lead = f"이번 이야기의 배경은 {pick.theme}입니다. " if pick.theme else ""
    label = KOREAN_DIFFICULTY.get(pick.difficulty, pick.difficulty)
    return {
        "title": _titled(str(pick.item.get("title_translated")), pick.theme, label),
        "description": _rebuilt(korean, lead, examples, _limits_line(context, english=False)),
    }


ANSWERS: Final[dict[str, Answer]] = {
    "intent": intent,
    "tests": tests,
    "solution": solution,
    "brute": brute,
    "validator": validator,
    "generator": generator,
    "constraints": constraints,
    "start_code": start_code,
    "validation": validation,
    "description": description,
    "title": title,
    "translation": translation,
}


def answerer(shelf: Shelf, step: str) -> Callable[[LlmRequest], str]:
    def answer(request: LlmRequest) -> str:
        pick = shelf.pick(request.context)
        return json.dumps(ANSWERS[step](pick, request.context), ensure_ascii=False)

    return answer


def _cases(pick: Pick) -> list[dict[str, Any]]:
    decoded = json.loads(str(pick.item.get("finalTestCases") or "[]"))
    return [case for case in decoded if isinstance(case, dict) and "input" in case]


def _constraints(pick: Pick) -> dict[str, Any]:
    decoded = json.loads(str(pick.item.get("constraints") or "{}"))
    return decoded if isinstance(decoded, dict) else {}


def _rebuilt(markdown: str, lead: str, examples: str, limits: str) -> str:
    parsed = statement.parse(markdown)
    sections = [(header, body) for header, body in parsed.sections[:-1]]
    if sections and limits:
        header, body = sections[-1]
        sections[-1] = (header, f"{body}\n{limits}")
    if parsed.sections:
        sections.append((parsed.sections[-1][0], examples))
    return statement.assemble(lead + parsed.story, sections)


def _limits_line(context: Mapping[str, Any], *, english: bool) -> str:
    limits = context.get("constraints")
    if not isinstance(limits, Mapping) or "time_limit_seconds" not in limits:
        return ""
    seconds, memory = limits["time_limit_seconds"], limits.get("memory_limit_mb", 256)
    if english:
        return f"- Time limit: {seconds:g} s per test; memory limit: {memory} MB"
    return f"- 시간 제한: 테스트마다 {seconds:g}초, 메모리 제한: {memory} MB"


def _titled(base: str, theme: str, difficulty: str) -> str:
    suffix = f" ({difficulty})"
    text = f"{base}: {theme}" if theme else base
    return text[: MAX_TITLE_CHARS - len(suffix)].rstrip(" :") + suffix


def _plain(markdown: str) -> str:
    return " ".join(markdown.replace("`", "").split())
