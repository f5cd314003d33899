"""The offline tutor: hints from tags, authored hints and the last verdict, on every rung."""

from __future__ import annotations

import asyncio
from types import SimpleNamespace

import pytest

from alpaco.kernel.llm.offline import registry
from alpaco.kernel.llm.port import LlmRequest
from alpaco.services.chatbot import offline
from alpaco.services.chatbot.failure import Failure
from alpaco.services.chatbot.ladder import rung
from alpaco.services.chatbot.message import Language
from alpaco.services.chatbot.problem import Sample, TutorProblem


@pytest.fixture
def problem(redteam: SimpleNamespace) -> TutorProblem:
    return redteam.tutor_problem("pair_sum_count")  # type: ignore[no-any-return]


def ask(
    problem: TutorProblem,
    level: int,
    language: Language = "en",
    failure: Failure | None = None,
    pressure: bool = False,
) -> str:
    context = offline.context_for(problem, rung(level), language, failure, pressure=pressure)
    return offline.answer(LlmRequest(step=offline.STEP, system="", prompt="", context=context))


def test_each_rung_says_what_it_is_and_stays_on_it(problem: TutorProblem) -> None:
    concept = ask(problem, 1)
    assert concept.startswith("**Hint 1/4 · concept**")
    assert "Two pointers walk a sorted sequence" in concept
    assert problem.hints[0] not in concept
    strategy = ask(problem, 2)
    assert problem.hints[0] in strategy
    assert problem.hints[1] in strategy
    assert problem.hints[2] not in strategy
    outline = ask(problem, 4, "ko")
    assert outline.startswith("**힌트 4/4 · 의사코드**")
    assert f"3. {problem.hints[2]}" in outline


def test_a_push_for_the_answer_is_declined_first(problem: TutorProblem) -> None:
    assert ask(problem, 1, "ko", pressure=True).startswith("정답 코드는 드릴 수 없지만")
    assert ask(problem, 1, "en", pressure=True).startswith("I can't give you the solution code")


def test_locating_the_bug_points_at_the_failing_sample(problem: TutorProblem) -> None:
    failure = Failure(
        "WRONG_ANSWER", 2, False, Sample(2, {"nums": [2, 2, 2], "k": 4}, 3), "1", None
    )
    text = ask(problem, 3, "en", failure)
    assert (
        'Sample 2 fails: input {"nums": [2, 2, 2], "k": 4}, expected 3, your code gave 1.' in text
    )


@pytest.mark.parametrize(
    ("failure", "words"),
    [
        (Failure("WRONG_ANSWER", 7, True, None, None, None), "숨겨진 케이스 7번에서 오답"),
        (Failure("RUNTIME_ERROR", 7, True, None, None, "IndexError on line 3"), "IndexError"),
        (Failure("TIME_LIMIT_EXCEEDED", 9, True, None, None, None), "너무 느려요"),
        (Failure("ACCEPTED", None, False, None, None, None), "모든 케이스를 통과"),
    ],
)
def test_other_verdicts_in_korean(problem: TutorProblem, failure: Failure, words: str) -> None:
    assert words in ask(problem, 3, "ko", failure)


def test_without_a_grading_it_asks_for_one(problem: TutorProblem) -> None:
    assert "Run the samples and tell me which one fails" in ask(problem, 3)


def test_a_problem_without_authored_hints_falls_back_on_its_tags(problem: TutorProblem) -> None:
    bare = TutorProblem(**{**problem.__dict__, "hints": (), "tags": ("unknown-tag",)})
    assert "Start from the smallest examples" in ask(bare, 2)
    assert "Start from the smallest examples" in offline.stand_in(bare, 3, "en")
    assert problem.hints[2] in offline.stand_in(problem, 3, "en")
    assert offline.stand_in(problem, 1, "ko").startswith("(정답과 너무 비슷한 코드라서")


def test_importing_the_handler_registers_the_offline_tutor(problem: TutorProblem) -> None:
    import alpaco.services.chatbot.handler  # noqa: F401

    context = offline.context_for(problem, rung(1), "en", None, pressure=False)
    request = LlmRequest(step="tutor", system="", prompt="", context=context)

    async def pieces() -> list[str]:
        return [piece async for piece in registry().stream(request)]

    streamed = asyncio.run(pieces())
    assert len(streamed) > 1
    assert "".join(streamed) == offline.answer(request)
