"""The tutor with no model: hints from the problem's tags, its authored hints and the last verdict.

Registered with the offline provider for the step `tutor`, so `make run` tutors with no key and no
network. It reads only the request's `context` (values, never the prompt's prose), which
`context_for` builds from what the tutor may know: tags, the bank's hints, the rung, the failing
sample case. The same material gives the leak guard its stand-in for withheld code.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Final

from alpaco.kernel.llm.port import LlmRequest
from alpaco.services.chatbot._tags import concepts
from alpaco.services.chatbot.failure import Failure, shown
from alpaco.services.chatbot.ladder import TOP, Rung
from alpaco.services.chatbot.message import Language
from alpaco.services.chatbot.problem import TutorProblem

STEP: Final = "tutor"
_VERDICTS: Final[dict[str, str]] = {
    "WRONG_ANSWER": "오답",
    "TIME_LIMIT_EXCEEDED": "시간 초과",
    "MEMORY_LIMIT_EXCEEDED": "메모리 초과",
    "RUNTIME_ERROR": "런타임 에러",
    "OUTPUT_LIMIT_EXCEEDED": "출력 초과",
    "COMPILATION_ERROR": "컴파일 에러",
    "INTERNAL_ERROR": "채점 오류",
    "ACCEPTED": "정답",
}
_WORDS: Final[dict[str, dict[Language, str]]] = {
    "decline": {
        "en": "I can't give you the solution code, but I can help you get there yourself.",
        "ko": "정답 코드는 드릴 수 없지만, 스스로 풀 수 있도록 도와드릴게요.",
    },
    "hint": {"en": "Hint", "ko": "힌트"},
    "ask1": {
        "en": "Which of these ideas fits “{title}”, and why?",
        "ko": "‘{title}’에는 이 중 어떤 아이디어가 맞을까요? 왜 그런지도 생각해 보세요.",
    },
    "ask2": {
        "en": "What do you need to keep track of as you go through the input?",
        "ko": "입력을 훑으면서 무엇을 기억해 두어야 할까요?",
    },
    "ask3": {
        "en": "Run the samples and tell me which one fails, or submit and ask me again: then we "
        "can find the line together.",
        "ko": "예제를 실행해서 어떤 예제가 틀리는지 알려 주거나, 제출한 뒤 다시 물어봐 주세요. 그러면 "
        "틀린 줄을 함께 찾아볼 수 있어요.",
    },
    "outline": {"en": "An outline to turn into code:", "ko": "코드로 옮겨 볼 풀이 개요:"},
    "ask4": {
        "en": "Write each step yourself; ask me about any step that is unclear.",
        "ko": "각 단계를 직접 코드로 옮겨 보세요. 막히는 단계가 있으면 물어봐 주세요.",
    },
    "passed": {
        "en": "Your last submission passed every case. Well done! Want to try a harder problem?",
        "ko": "마지막 제출이 모든 케이스를 통과했어요. 잘했어요! 더 어려운 문제에 도전해 볼까요?",
    },
    "sample": {
        "en": "Sample {number} fails: input {input}, expected {expected}, your code gave {actual}. "
        "Trace this input through your code by hand: where does a value first differ from what "
        "you expect?",
        "ko": "예제 {number}번이 틀렸어요: 입력 {input}, 기대값 {expected}, 내 코드의 결과 {actual}. "
        "이 입력으로 코드를 손으로 한 줄씩 따라가 보세요. 어느 값이 처음으로 예상과 달라지나요?",
    },
    "hidden": {
        "en": "Every sample passes, but hidden case {number} ends in {verdict}. Think about the "
        "edges: the smallest input, the largest, repeated or negative values.",
        "ko": "예제는 모두 통과했지만 숨겨진 케이스 {number}번에서 {verdict}가 났어요. 경계 상황을 "
        "생각해 보세요: 가장 작은 입력, 가장 큰 입력, 중복되거나 음수인 값.",
    },
    "crash": {
        "en": "Your code raised {exception}: which value on that line can cause it?",
        "ko": "코드에서 {exception} 예외가 났어요. 그 줄의 어떤 값이 원인이 될 수 있을까요?",
    },
    "slow": {
        "en": "It is too slow: count how many steps your loops take for the largest input.",
        "ko": "너무 느려요. 가장 큰 입력에서 반복문이 몇 번 도는지 세어 보세요.",
    },
    "withheld": {
        "en": "(I left out code here that was too close to the solution. A hint instead: {hint})",
        "ko": "(정답과 너무 비슷한 코드라서 여기서는 뺐어요. 대신 힌트: {hint})",
    },
}


def context_for(
    problem: TutorProblem,
    rung: Rung,
    language: Language,
    failure: Failure | None,
    *,
    pressure: bool,
) -> dict[str, Any]:
    """What the offline tutor answers from: values only, and only what the tutor may know."""
    return {
        "language": language,
        "level": rung.level,
        "levelName": rung.name(language),
        "title": problem.title,
        "tags": list(problem.tags),
        "hints": list(problem.hints),
        "pressure": pressure,
        "failure": _failure_context(failure),
    }


def answer(request: LlmRequest) -> str:
    """The offline tutor's whole answer; the provider streams it."""
    context = request.context
    language: Language = context["language"]
    level: int = context["level"]
    parts = [_WORDS["decline"][language]] if context["pressure"] else []
    parts.append(f"**{_WORDS['hint'][language]} {level}/{TOP} · {context['levelName']}**")
    parts += _body(context, language, level)
    return "\n\n".join(parts) + "\n"


def stand_in(problem: TutorProblem, level: int, language: Language) -> str:
    """What replaces withheld code: the problem's own hint for this rung, else its concept."""
    hints = problem.hints
    hint = hints[min(level, len(hints)) - 1] if hints else concepts(problem.tags, language)[0]
    return _WORDS["withheld"][language].format(hint=hint)


def _body(context: Mapping[str, Any], language: Language, level: int) -> list[str]:
    hints: list[str] = context["hints"]
    failure: dict[str, Any] | None = context["failure"]
    if failure is not None and failure["caseNumber"] is None:
        return [_WORDS["passed"][language]]
    if level == 1:
        ideas = " ".join(concepts(tuple(context["tags"]), language))
        return [ideas, _WORDS["ask1"][language].format(title=context["title"])]
    if level == 2:
        return [*hints[:2], _WORDS["ask2"][language]] if hints else _body(context, language, 1)
    if level == 3:
        if failure is not None:
            return [_locate(failure, language)]
        return [*hints[2:3], _WORDS["ask3"][language]]
    steps = hints or concepts(tuple(context["tags"]), language)
    outline = "\n".join(f"{number}. {step}" for number, step in enumerate(steps, start=1))
    return [_WORDS["outline"][language], outline, _WORDS["ask4"][language]]


def _locate(failure: Mapping[str, Any], language: Language) -> str:
    verdict = failure["verdict"]
    shown = _VERDICTS.get(verdict, verdict) if language == "ko" else verdict
    if failure["sample"] is not None:
        return _WORDS["sample"][language].format(**failure["sample"])
    if failure["exception"]:
        return _WORDS["crash"][language].format(exception=failure["exception"])
    if verdict == "TIME_LIMIT_EXCEEDED":
        return _WORDS["slow"][language]
    return _WORDS["hidden"][language].format(number=failure["caseNumber"], verdict=shown)


def _failure_context(failure: Failure | None) -> dict[str, Any] | None:
    if failure is None:
        return None
    sample = failure.sample
    return {
        "verdict": failure.verdict,
        "caseNumber": failure.case_number,
        "exception": failure.exception,
        "sample": None
        if sample is None
        else {
            "number": sample.number,
            "input": shown(sample.input),
            "expected": shown(sample.expected),
            "actual": failure.actual or "?",
        },
    }
