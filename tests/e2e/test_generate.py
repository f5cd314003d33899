"""Generating a problem in the browser: the live progress of POST /generate up to a problem the
student opens, a cancel that stops the server's pipeline, refusals shown clearly, and My problems
with a completed and a failed generation. The offline provider answers from the seeded bank, so a
real generation takes a few seconds here."""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import httpx
import pytest
from playwright.sync_api import expect

from alpaco.kernel.llm.offline import registry
from alpaco.kernel.llm.replay import ReplayProvider
from alpaco.services.generator import handler as generator
from alpaco.services.generator.quota import take_lease

if TYPE_CHECKING:
    from tests.e2e.conftest import App

pytestmark = [pytest.mark.integration, pytest.mark.xdist_group("browser")]

# A generation runs a dozen model calls and a few sandboxed runs; on a busy machine, give it time.
GENERATION_MS = 90_000
FAILURE = "The brute force kept disagreeing with the reference after 3 repairs."
# A judge type no mode has: the constraints step fails its gate on every attempt.
NEVER_VALID = json.dumps(
    {
        "time_limit_seconds": 1,
        "memory_limit_mb": 256,
        "input_constraints": "n <= 9",
        "judge_type": "?",
    }
)


@pytest.fixture
def slow_model(monkeypatch: pytest.MonkeyPatch) -> None:
    """Generations answer as offline, each model call half a second late, as a model would be:
    slow enough to cancel one halfway (the gateway runs in this process)."""
    slow = ReplayProvider({}, fallback=registry(), delay_seconds=0.5)
    monkeypatch.setattr(generator, "get_provider", lambda: slow)


def fill_request(app: App, prompt: str) -> None:
    app.page.get_by_label("어떤 문제를 원하나요?").fill(prompt)
    app.page.get_by_label("쉬움 (Easy)").check()
    app.page.get_by_label("함수 (solution(data)의 반환값)").check()
    app.page.get_by_role("button", name="문제 만들기").click()


def my_problems(api: httpx.Client, headers: dict[str, str], creator: str) -> list[dict[str, Any]]:
    response = api.get("/problems", params={"creatorId": creator}, headers=headers)
    response.raise_for_status()
    items: list[dict[str, Any]] = response.json()["items"]
    return items


def test_generate_a_problem_follow_its_steps_open_it_and_find_it_in_my_problems(
    app: App,
    bank: dict[str, str],
    put_problem: Callable[..., str],
    user_id: Callable[..., str],
    unique: Callable[[str], str],
) -> None:
    # GIVEN a student with a generation that failed earlier, stored as the generator stores one
    username = unique("maker")
    failed = put_problem(
        [],
        title=None,
        title_translated=None,
        difficulty="Hard",
        generationStatus="error",
        errorMessage=FAILURE,
        creatorId=user_id(username),
    )
    app.goto()
    app.sign_in(username)

    # WHEN they ask for a Fibonacci problem on the Generate page
    app.page.locator("nav").get_by_role("link", name="문제 만들기").click()
    expect(app.page.get_by_role("heading", name="문제 만들기")).to_be_visible()
    app.shot("form")
    app.assert_accessible("the generate page")
    fill_request(app, "딸기가 등장하는 피보나치 문제")

    # THEN the steps show by name as they stream, up to a link to the new problem
    progress = app.page.locator(".generation")
    expect(progress.locator(".steps li").first).to_be_visible()
    link = progress.locator("a.open-problem")
    expect(link).to_be_visible(timeout=GENERATION_MS)
    expect(progress.locator("progress")).to_have_js_property("value", 100)
    steps = progress.locator(".steps li").all_inner_texts()
    for name in ("요청 분석", "테스트 설계", "정답 풀이 작성", "실행과 교차 검증", "번역", "저장"):
        assert any(text.startswith(name) for text in steps), (name, steps)
    expect(app.page.get_by_role("button", name="취소")).to_be_hidden()
    expect(link).to_be_focused()
    app.shot("generated")
    app.assert_accessible("a finished generation")

    # AND the link opens the problem, ready to solve
    title = link.inner_text().removeprefix("‘").removesuffix("’ 풀러 가기")
    link.click()
    expect(app.editor).to_be_visible()
    expect(app.page.locator("#problem-title")).to_have_text(title)
    assert "def solution(" in app.editor_text()
    problem_id = app.page.url.rsplit("/", 1)[-1]
    app.shot("problem")

    # AND My problems lists it, linked, with the failed one and its reason
    app.page.locator("nav").get_by_role("link", name="내 문제").click()
    rows = app.page.locator("table.my-problems tbody tr")
    expect(rows).to_have_count(2)
    done = rows.and_(app.page.locator(f'[data-problem="{problem_id}"]'))
    expect(done).to_have_attribute("data-kind", "completed")
    expect(done.get_by_role("link", name=title)).to_have_attribute(
        "href", f"#/problems/{problem_id}"
    )
    expect(done).to_contain_text("완료")
    broken = rows.and_(app.page.locator(f'[data-problem="{failed}"]'))
    expect(broken).to_have_attribute("data-kind", "failed")
    expect(broken).to_contain_text("실패")
    expect(broken).to_contain_text(FAILURE)
    expect(broken.get_by_role("link")).to_have_count(0)
    app.shot("my-problems")
    app.assert_accessible("my problems")

    # AND in English, the statuses read in English
    app.page.locator("#locale").get_by_role("button", name="English").click()
    expect(done).to_contain_text("Ready")
    expect(broken).to_contain_text("Failed")
    app.shot("my-problems-english")


@pytest.mark.usefixtures("bank", "slow_model")
def test_cancel_stops_the_generation_on_the_server_too(
    app: App,
    api: httpx.Client,
    auth_headers: Callable[..., dict[str, str]],
    user_id: Callable[..., str],
    unique: Callable[[str], str],
) -> None:
    username = unique("canceller")
    app.goto()
    app.sign_in(username)
    app.goto("generate")
    fill_request(app, "fibonacci numbers")

    # The first step shows; then the student cancels.
    cancel = app.page.get_by_role("button", name="취소")
    expect(app.page.locator(".generation .steps li").first).to_be_visible()
    expect(app.page.get_by_role("button", name="문제 만들기")).to_be_disabled()
    expect(cancel).to_be_focused()
    app.shot("running")
    cancel.click()
    expect(app.page.locator(".generation [role=status]")).to_have_text(
        "문제 만들기를 취소했습니다."
    )
    expect(cancel).to_be_hidden()
    expect(app.page.get_by_role("button", name="문제 만들기")).to_be_enabled()
    expect(app.page.get_by_label("어떤 문제를 원하나요?")).to_be_focused()
    app.shot("cancelled")

    # The server stopped the pipeline at its next model call and kept why, for My problems.
    headers, creator = auth_headers(username), user_id(username)
    deadline = time.monotonic() + 15
    while (items := my_problems(api, headers, creator)) and items[0]["generationStatus"] != "error":
        assert time.monotonic() < deadline, items
        time.sleep(0.2)
    assert len(items) == 1
    assert "cancelled" in items[0]["errorMessage"]
    app.page.locator("nav").get_by_role("link", name="내 문제").click()
    row = app.page.locator("table.my-problems tbody tr")
    expect(row).to_have_attribute("data-kind", "failed")
    expect(row).to_contain_text("cancelled")


def test_refusals_before_the_stream_and_a_failed_generation_are_shown_clearly(
    app: App,
    bank: dict[str, str],
    monkeypatch: pytest.MonkeyPatch,
    user_id: Callable[..., str],
    unique: Callable[[str], str],
) -> None:
    username = unique("refused")
    app.goto()
    app.sign_in(username)
    app.goto("generate")

    # 400: a prompt of spaces passes the browser's `required` and fails the server's check.
    fill_request(app, "   ")
    refusal = app.page.locator(".refusal")
    expect(refusal).to_have_attribute("data-status", "400")
    expect(refusal).to_contain_text("요청을 받아들일 수 없습니다. 다음을 고쳐 주세요.")
    expect(refusal).to_contain_text("어떤 문제를 원하나요?: the prompt is blank")
    expect(app.page.get_by_role("button", name="문제 만들기")).to_be_enabled()
    expect(app.page.get_by_label("어떤 문제를 원하나요?")).to_be_focused()
    app.shot("invalid")
    app.assert_accessible("a refused generation")

    # 429: another generation of the student's is still running.
    lease = take_lease(user_id(username))
    try:
        fill_request(app, "fibonacci")
        expect(refusal).to_have_attribute("data-status", "429")
        expect(refusal).to_contain_text("still being generated")
        expect(refusal).to_contain_text("초 후에 다시 시도해 주세요.")
        app.shot("busy")
    finally:
        lease.release()

    # The stream's error frame: a model whose constraints never pass their gate.
    model = ReplayProvider({"constraints": [NEVER_VALID]}, fallback=registry())
    monkeypatch.setattr(generator, "get_provider", lambda: model)
    app.page.get_by_role("button", name="문제 만들기").click()
    alert = app.page.locator(".generation [role=alert]")
    expect(alert).to_contain_text("문제를 만들지 못했습니다.", timeout=GENERATION_MS)
    expect(alert).to_contain_text("constraints step failed")
    expect(alert.get_by_role("link", name="내가 만든 문제 보기")).to_be_visible()
    expect(refusal).to_be_empty()
    app.shot("failed")
