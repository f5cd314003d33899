"""Steps 6.5, 9 and 10 settled: the start code, the title and the translation.

Each starts from what an earlier answer already carries (the reference's start code, the
description's title) and asks the model again only when that fails its gate. The original's
fallbacks stay for the title (`Coding Problem: <difficulty>`) and the translation (the English
text); a start code that cannot be had is built from the reference's own signature, which is what
the executor calls.
"""

from __future__ import annotations

import ast

from alpaco.kernel.syntax import parse
from alpaco.services.generator.drafts import Drafts, spec
from alpaco.services.generator.errors import StepFailed
from alpaco.services.generator.run import Run
from alpaco.services.generator.steps.start_code import START_CODE, start_code_problems
from alpaco.services.generator.steps.statement import (
    TITLE,
    TRANSLATION,
    DescriptionAnswer,
    TranslationAnswer,
    title_problems,
    titled,
)

STDIO_TEMPLATE = """import sys


def main() -> None:
    data = sys.stdin.read().split()
    # Write your solution here and print the answer.


main()
"""


def start_code(run: Run, drafts: Drafts) -> str:
    facts = {"mode": run.context["mode"], "solution_code": drafts.solution.code}
    problems = start_code_problems(drafts.solution.start_code, facts)
    if not problems:
        attempt = run.attempt("start_code")
        run.record.status(
            f"{START_CODE.status}_complete_attempt_{attempt}",
            {"startCode": drafts.solution.start_code},
        )
        run.reporter.finished("start_code", "✅ Start code template checked.")
        return drafts.solution.start_code
    inputs = {"intent": spec(drafts.intent), "solution_code": drafts.solution.code}
    try:
        return run.ask(
            START_CODE, inputs, feedback=problems, previous=drafts.solution.start_code
        ).code
    except StepFailed:
        fallback = _template(drafts.solution.code, str(run.context["mode"]))
        run.record.status(f"{START_CODE.status}_fallback", {"startCode": fallback})
        run.reporter.finished("start_code", "⚠️ Start code built from the reference's signature.")
        return fallback


def title(run: Run, drafts: Drafts, statement: DescriptionAnswer) -> str:
    difficulty = str(run.context["difficulty"])
    problems = title_problems(statement.title)
    if not problems:
        run.reporter.finished("title", f"✅ Problem title generated: {statement.title}")
        return titled(statement.title, difficulty)
    inputs = {"goal": drafts.intent.goal, "description_snippet": statement.description[:200]}
    try:
        answer = run.ask(TITLE, inputs, feedback=problems, previous=statement.title)
    except StepFailed:
        fallback = f"Coding Problem: {difficulty}"
        run.record.status(f"{TITLE.status}_fallback", {"title": fallback})
        run.reporter.finished("title", "⚠️ Title generation failed. Using a generic title.")
        return fallback
    return titled(answer.title, difficulty)


def translation(run: Run, english_title: str, description: str) -> TranslationAnswer:
    try:
        return run.ask(TRANSLATION, {"title": english_title, "description": description})
    except StepFailed as exc:
        run.record.status(f"{TRANSLATION.status}_fallback", {"translationError": str(exc)})
        run.reporter.finished("translation", "⚠️ Translation failed. Using the English text.")
        return TranslationAnswer(title=english_title, description=description)


def _template(reference: str, mode: str) -> str:
    if mode == "stdio":
        return STDIO_TEMPLATE
    name = "data"
    for node in parse(reference).body:
        if isinstance(node, ast.FunctionDef) and node.name == "solution" and node.args.args:
            name = node.args.args[0].arg
    return f"def solution({name}):\n    # Write your solution here.\n    return None\n"
