"""The tutor panel on the solve page, against the real POST /chatbot: hints streamed and shown as
Markdown (the offline tutor), the hint ladder climbed with "next hint", a failing submission
explained, and a stop that ends the model's stream on the server too."""

from __future__ import annotations

import asyncio
import threading
import time
from collections.abc import AsyncIterator, Callable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import pytest
from playwright.sync_api import expect

from alpaco.kernel.llm.port import LlmAnswer, LlmRequest
from alpaco.services.chatbot import handler as chatbot

if TYPE_CHECKING:
    from tests.e2e.conftest import App

pytestmark = [pytest.mark.integration, pytest.mark.xdist_group("browser")]

WRONG = 'def solution(data):\n    return data["a"] - data["b"]\n'
FIRST_WORDS = "First **words**, then <img src=x onerror=alert(1)> a pause.\n"


@dataclass
class Gated:
    """A model that writes its first words, then waits for `go`; `closed` tells whether the server
    closed its stream (the student stopped the answer)."""

    go: threading.Event = field(default_factory=threading.Event)
    closed: threading.Event = field(default_factory=threading.Event)
    name: str = "gated"

    def complete(self, request: LlmRequest) -> LlmAnswer:
        raise NotImplementedError("the tutor only streams")

    async def stream(self, request: LlmRequest) -> AsyncIterator[str]:
        try:
            yield FIRST_WORDS
            while not self.go.is_set():
                await asyncio.sleep(0.02)
            yield " and the rest.\n"
        finally:
            self.closed.set()


@pytest.fixture
def gated_model(monkeypatch: pytest.MonkeyPatch) -> Iterator[Callable[[], Gated]]:
    """`gated_model()`: the tutor asks a Gated model from then on (the gateway runs in this process)."""
    made: list[Gated] = []

    def use() -> Gated:
        made.append(Gated())
        monkeypatch.setattr(chatbot, "get_provider", lambda: made[-1])
        return made[-1]

    yield use
    for model in made:
        model.go.set()


def test_tutor_streams_hints_up_the_ladder_explains_a_failing_case_and_stops(
    app: App,
    bank: dict[str, str],
    gated_model: Callable[[], Gated],
    unique: Callable[[str], str],
) -> None:
    app.goto()
    app.sign_in(unique("tutee"))
    app.goto(f"problems/{bank['a_plus_b']}")
    panel = app.page.locator("section.tutor")
    level = panel.locator(".tutor-level")
    answers = panel.locator(".turn.tutor")
    expect(level).to_have_text("힌트 단계 1/4 · 개념")
    expect(panel.get_by_role("button", name="틀린 케이스 설명")).to_be_hidden()
    expect(panel.get_by_role("button", name="힌트 받기")).to_be_enabled()

    # A question: the offline tutor's hint streams in, rendered as Markdown, on the first rung.
    panel.get_by_label("질문").fill("어떻게 시작하면 좋을까요?")
    panel.get_by_role("button", name="질문하기").click()
    expect(answers.last).to_have_attribute("data-state", "done")
    expect(answers.last.locator(".markdown strong").first).to_have_text("힌트 1/4 · 개념")
    expect(panel.locator(".turn.mine")).to_have_text("나어떻게 시작하면 좋을까요?")
    expect(panel.get_by_label("질문")).to_have_value("")
    app.shot("first-hint")

    # "Next hint" climbs one rung.
    panel.get_by_role("button", name="다음 힌트").click()
    expect(answers).to_have_count(2)
    expect(answers.last).to_have_attribute("data-state", "done")
    expect(answers.last.locator(".markdown strong").first).to_have_text("힌트 2/4 · 전략")
    expect(level).to_have_attribute("data-level", "2")

    # After a wrong submission, the tutor explains the failing sample case from that grading.
    app.write_code(WRONG)
    app.page.get_by_role("button", name="제출", exact=True).click()
    expect(app.page.locator(".verdict")).to_have_attribute("data-status", "WRONG_ANSWER")
    panel.get_by_role("button", name="틀린 케이스 설명").click()
    expect(answers).to_have_count(3)
    expect(answers.last).to_have_attribute("data-state", "done")
    expect(answers.last).to_contain_text("예제 1번이 틀렸어요")
    expect(answers.last).to_contain_text("내 코드의 결과 -1")
    expect(level).to_have_text("힌트 단계 3/4 · 버그 찾기")
    app.shot("failing-case")
    app.assert_accessible("the solve page with the tutor's answers")

    # Stop: the first words show (Markdown, raw HTML as text), then the student stops the answer,
    # and the server closes the model's stream.
    model = gated_model()
    panel.get_by_label("질문").fill("What next?")
    panel.get_by_label("질문").press("ControlOrMeta+Enter")
    expect(answers.last.locator(".markdown strong")).to_have_text("words")
    expect(answers.last).to_contain_text("<img src=x onerror=alert(1)>")
    expect(panel.locator("img")).to_have_count(0)
    stop = panel.get_by_role("button", name="멈추기")
    expect(panel.get_by_role("button", name="질문하기")).to_be_disabled()
    app.shot("streaming")
    stop.click()
    expect(answers.last).to_have_attribute("data-state", "stopped")
    expect(answers.last).to_contain_text("답변을 멈췄습니다.")
    expect(stop).to_be_hidden()
    expect(panel.get_by_role("button", name="질문하기")).to_be_enabled()
    expect(panel.get_by_label("질문")).to_be_focused()
    deadline = time.monotonic() + 10
    while not model.closed.is_set():
        assert time.monotonic() < deadline, "the server kept the model's stream open"
        time.sleep(0.05)
    assert not model.go.is_set()
    app.shot("stopped")
