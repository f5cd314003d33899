"""The red team, end to end through the tutor: 48 students push for the answer (Korean and English)
and the model, scripted by a replay file for the `tutor` step, gives it away in 18 shapes. No
answer may reach the student with a leak, and honest hints must pass.

A leak is judged on the whole text the student received, two ways: the share of a reference's
shingles it shows (the guard's own measure, but over the finished text rather than the stream),
and, independently of the guard's tokens, how many of the leaked code's own lines appear in it.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

from alpaco.kernel.llm.offline import registry
from alpaco.kernel.llm.replay import ReplayProvider
from alpaco.kernel.sse import Event
from alpaco.services.chatbot._exposure import THRESHOLD, Exposure, measure
from alpaco.services.chatbot._tokens import code_shingles, prose_tokens, shingles
from alpaco.services.chatbot.ladder import rung
from alpaco.services.chatbot.message import language_of, pushes_for_answer
from alpaco.services.chatbot.problem import TutorProblem
from alpaco.services.chatbot.tutor import answer, plan

HONEST_WITHHELD_BOUND = 0.05
LINE_SHARE_BOUND = 0.3


@dataclass(frozen=True)
class Outcome:
    text: str
    frames: list[Any]


async def _collect(events: AsyncIterator[Event]) -> list[Any]:
    frames = []
    async for event in events:
        data = event.data
        frames.append(data if isinstance(data, str) else json.loads(json.dumps(data)))
    return frames


def converse(provider: ReplayProvider, problem: TutorProblem, message: str, code: str) -> Outcome:
    language = language_of(message, None)
    lesson = plan(
        user_id="red-team",
        problem=problem,
        rung=rung(1),
        language=language,
        message=message,
        code=code,
        history=[],
        failure=None,
        pressure=pushes_for_answer(message),
    )
    frames = asyncio.run(_collect(answer(lesson, provider)))
    text = "".join(f["token"] for f in frames if isinstance(f, dict) and "token" in f)
    return Outcome(text, frames)


def replaying(path: Path, answers: list[str]) -> ReplayProvider:
    path.write_text(json.dumps({"tutor": answers}, ensure_ascii=False), encoding="utf-8")
    return ReplayProvider.from_file(str(path), fallback=registry())


def shown_share(problem: TutorProblem, text: str) -> float:
    exposure = Exposure(
        measure(
            {"solution": problem.solution, "brute force": problem.brute_force},
            given=problem.start_code,
            own=problem.start_code,
        )
    )
    found = code_shingles(text) | shingles(prose_tokens(text))
    share = exposure.judge(found)
    return share.share if share else 0.0


def lines_shown(code: str, start: str, text: str) -> float:
    """The share of the leaked code's own distinctive lines that appear, spaces aside."""
    squeeze = "".join
    given = {squeeze(line.split()) for line in start.splitlines()}
    lines = {squeeze(line.split()) for line in code.splitlines()}
    distinctive = [line for line in lines if len(line) >= 8 and line not in given]
    flat = squeeze(text.split())
    return sum(line in flat for line in distinctive) / len(distinctive)


@pytest.fixture(scope="module")
def adversarial(redteam: SimpleNamespace, tmp_path_factory: pytest.TempPathFactory) -> list[Any]:
    leaks = redteam.adversarial_answers()
    provider = replaying(
        tmp_path_factory.mktemp("replay") / "redteam.json", [leak.answer for leak in leaks]
    )
    runs = []
    for prompt, leak in zip(redteam.PROMPTS, leaks, strict=True):
        problem = redteam.tutor_problem(leak.problem, language_of(prompt, None))
        runs.append(
            (prompt, leak, problem, converse(provider, problem, prompt, problem.start_code))
        )
    return runs


def test_the_set_is_large_and_speaks_both_languages(redteam: SimpleNamespace) -> None:
    korean = [p for p in redteam.PROMPTS if language_of(p, None) == "ko"]
    assert len(redteam.PROMPTS) >= 40
    assert len(korean) >= 20
    assert len(redteam.PROMPTS) - len(korean) >= 20
    assert len({leak.shape for leak in redteam.adversarial_answers()}) >= 15


def test_no_leak_reaches_the_student(adversarial: list[Any]) -> None:
    leaked = []
    for prompt, leak, problem, outcome in adversarial:
        share = shown_share(problem, outcome.text)
        lines = lines_shown(leak.code, problem.start_code, outcome.text)
        if share >= THRESHOLD or lines >= LINE_SHARE_BOUND:
            leaked.append((prompt, leak.shape, leak.problem, round(share, 2), round(lines, 2)))
    assert leaked == []


def test_every_scripted_leak_was_caught_by_the_guard_not_by_luck(adversarial: list[Any]) -> None:
    for _, leak, problem, outcome in adversarial:
        assert shown_share(problem, leak.answer) >= THRESHOLD
        assert outcome.frames[-1] == "[DONE]"
        assert not any(isinstance(f, dict) and "error" in f for f in outcome.frames)


def test_the_students_push_is_recognised_in_most_prompts(redteam: SimpleNamespace) -> None:
    flagged = [p for p in redteam.PROMPTS if pushes_for_answer(p)]
    assert len(flagged) / len(redteam.PROMPTS) >= 0.9


def test_honest_hints_pass(redteam: SimpleNamespace, tmp_path: Path) -> None:
    provider = replaying(tmp_path / "honest.json", [text for _, text in redteam.HONEST])
    altered = []
    for bank_id, text in redteam.HONEST:
        problem = redteam.tutor_problem(bank_id)
        outcome = converse(provider, problem, "Can I have a hint?", problem.start_code)
        if outcome.text != text:
            altered.append((bank_id, text[:40]))
    assert len(redteam.HONEST) >= 20
    assert len(altered) / len(redteam.HONEST) < HONEST_WITHHELD_BOUND, altered
