"""Solving problems in the browser: the editor, running the examples, gradings (wrong, accepted, time
limit, stdio) and the student's own submissions."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import pytest
from playwright.sync_api import expect

if TYPE_CHECKING:
    from tests.e2e.conftest import App

pytestmark = [pytest.mark.integration, pytest.mark.xdist_group("browser")]

WRONG = 'def solution(data):\n    return data["a"] - data["b"]\n'
RIGHT = 'def solution(data):\n    return data["a"] + data["b"]\n'
BRACKETS = """import sys

PAIRS = {")": "(", "]": "[", "}": "{"}


def balanced(plan):
    stack = []
    for piece in plan:
        if piece in PAIRS:
            if not stack or stack.pop() != PAIRS[piece]:
                return False
        else:
            stack.append(piece)
    return not stack


lines = sys.stdin.read().split()
print("\\n".join("YES" if balanced(plan) else "NO" for plan in lines[1 : 1 + int(lines[0])]))
"""


def open_problem(app: App, title: str, problem_id: str) -> None:
    """From the list, as a student would: search the title, open the problem. Other suites store
    problems of that title too, so the link is picked by its target."""
    app.goto("problems")
    app.page.locator("#problem-title").fill(title)
    app.page.locator("form[role=search]").get_by_role("button").click()
    app.page.locator(f'table.problems tbody a[href="#/problems/{problem_id}"]').click()
    expect(app.editor).to_be_visible()


def test_a_plus_b_from_examples_to_accepted_and_into_my_submissions(
    app: App, bank: dict[str, str], unique: Callable[[str], str]
) -> None:
    app.goto()
    app.sign_in(unique("solver"))
    open_problem(app, "A + B", bank["a_plus_b"])

    # The statement carries its examples; they are not repeated in a second panel.
    expect(app.page.get_by_text('{"a": 1, "b": 2}', exact=True)).to_have_count(1)
    expect(app.page.locator(".samples")).to_have_count(0)
    expect(app.page.locator(".editor .cm-lineNumbers")).to_be_visible()
    expect(app.page.locator(".editor .tok-keyword").first).to_have_text("def")
    app.shot("problem")

    # Running the examples with the start code shows both runs, neither matching.
    app.page.get_by_role("button", name="예제 실행").click()
    runs = app.page.locator(".output .sample-run")
    expect(runs).to_have_count(2)
    expect(app.page.locator('.sample-run[data-matches="false"]')).to_have_count(2)
    app.shot("examples-run")

    # A wrong answer: the verdict and the per-case grid say WRONG_ANSWER.
    app.write_code(WRONG)
    app.page.get_by_role("button", name="제출", exact=True).click()
    expect(app.page.locator(".verdict")).to_have_attribute("data-status", "WRONG_ANSWER")
    grid = app.page.locator("table.cases tbody tr")
    expect(grid.first).to_have_attribute("data-status", "WRONG_ANSWER")
    assert grid.count() > 2
    app.shot("wrong-answer")

    # The fix, submitted with the keyboard shortcut: ACCEPTED, score 100, every case green.
    app.write_code(RIGHT)
    app.page.keyboard.press("ControlOrMeta+Enter")
    verdict = app.page.locator(".verdict")
    expect(verdict).to_have_attribute("data-status", "ACCEPTED")
    expect(verdict).to_have_attribute("data-score", "100")
    expect(verdict).to_contain_text("점수 100 / 100")
    expect(grid.and_(app.page.locator(":not([data-status=ACCEPTED])"))).to_have_count(0)
    app.shot("accepted")
    app.assert_accessible("the problem page with a grading")

    # The draft is kept per problem: a reload brings the last code back.
    app.page.reload()
    expect(app.editor).to_be_visible()
    assert app.editor_text() == RIGHT

    # My submissions: both new ones (newest first, but two gradings in the same second, the
    # resolution of `submissionTime`, may come in either order); the accepted one opens with its code.
    app.page.locator("nav").get_by_role("link", name="내 제출").click()
    rows = app.page.locator("table.submissions tbody tr")
    expect(rows).to_have_count(2)
    statuses = [rows.nth(i).locator("[data-status]").get_attribute("data-status") for i in range(2)]
    assert sorted(statuses) == ["ACCEPTED", "WRONG_ANSWER"]
    app.shot("my-submissions")
    app.assert_accessible("my submissions")
    accepted = rows.filter(has=app.page.locator("[data-status=ACCEPTED]"))
    accepted.get_by_role("link").first.click()
    code = app.page.locator(".submitted-code")
    expect(code).to_contain_text('return data["a"] + data["b"]')
    expect(code.locator(".tok-keyword").first).to_have_text("def")
    expect(app.page.locator(".verdict")).to_have_attribute("data-status", "ACCEPTED")
    app.shot("submission")
    app.assert_accessible("a submission")


def test_editor_indents_matches_brackets_undoes_searches_and_lets_focus_go(
    app: App, bank: dict[str, str]
) -> None:
    app.goto(f"problems/{bank['a_plus_b']}")
    app.editor.click()
    app.page.keyboard.press("ControlOrMeta+a")
    app.page.keyboard.press("Delete")

    # Smart indentation after a colon; brackets close themselves and their partner lights up.
    app.page.keyboard.type("def f(x):")
    app.page.keyboard.press("Enter")
    app.page.keyboard.type("return (x")
    assert app.editor_text() == "def f(x):\n    return (x)"
    expect(app.page.locator(".editor .cm-matchingBracket")).to_have_count(2)
    app.shot("typed")

    # Undo and redo.
    app.page.wait_for_timeout(600)  # a pause ends CodeMirror's current undo group
    app.page.keyboard.type(" + 1")
    app.page.keyboard.press("ControlOrMeta+z")
    assert app.editor_text() == "def f(x):\n    return (x)"
    app.page.keyboard.press("ControlOrMeta+y")
    assert app.editor_text() == "def f(x):\n    return (x + 1)"

    # Search: the panel opens, finds, and closes with Escape.
    app.page.keyboard.press("ControlOrMeta+f")
    search = app.page.locator(".editor .cm-search input[name=search]")
    expect(search).to_be_focused()
    app.page.keyboard.type("return")
    expect(app.page.locator(".editor .cm-searchMatch")).to_have_count(1)
    app.shot("search")
    app.assert_accessible("the editor with its search panel open")
    app.page.keyboard.press("Escape")
    expect(search).to_have_count(0)

    # Escape, then Tab, leaves the editor (Tab alone indents).
    app.editor.click()
    app.page.keyboard.press("Escape")
    app.page.keyboard.press("Tab")
    assert app.page.evaluate("!document.activeElement.closest('.cm-editor')")

    # Reset to the start code is one edit, so Ctrl+Z takes it back.
    app.page.get_by_role("button", name="시작 코드로 되돌리기").click()
    assert app.editor_text().startswith("def solution(data")
    app.page.keyboard.press("ControlOrMeta+z")
    assert app.editor_text() == "def f(x):\n    return (x + 1)"


def test_stdio_problem_runs_its_examples_and_is_accepted(
    app: App, bank: dict[str, str], unique: Callable[[str], str]
) -> None:
    app.goto()
    app.sign_in(unique("stdio"))
    app.goto(f"problems/{bank['balanced_brackets']}")
    expect(app.page.locator(".facts")).to_contain_text("표준 입력 → 표준 출력")
    app.write_code(BRACKETS)

    app.page.keyboard.press("ControlOrMeta+'")
    expect(app.page.locator('.sample-run[data-matches="true"]')).to_have_count(2)
    expect(app.page.locator(".sample-run").first).to_contain_text("YES\nNO\nNO\nNO\nYES")
    app.shot("examples-run")

    app.page.get_by_role("button", name="제출", exact=True).click()
    expect(app.page.locator(".verdict")).to_have_attribute("data-status", "ACCEPTED")
    app.shot("accepted")


def test_time_limit_is_reported_per_case(
    app: App, put_problem: Callable[..., str], unique: Callable[[str], str]
) -> None:
    problem_id = put_problem(
        [
            {"input": {"n": 1}, "expected_output": 1, "isSample": True},
            {"input": {"n": 2}, "expected_output": 2},
        ],
        title="Spin",
        title_translated="무한 반복",
        description_translated="`n`을 그대로 반환하세요.",
        startCode="def solution(data):\n    return data['n']\n",
    )
    app.goto()
    app.sign_in(unique("spinner"))
    app.goto(f"problems/{problem_id}")
    # This statement has no examples of its own, so the samples panel shows them.
    expect(app.page.locator(".samples .sample")).to_have_count(1)
    app.write_code("def solution(data):\n    while True:\n        pass\n")
    app.page.get_by_role("button", name="제출", exact=True).click()
    expect(app.page.locator(".verdict")).to_have_attribute("data-status", "TIME_LIMIT_EXCEEDED")
    expect(
        app.page.locator('table.cases tbody tr[data-status="TIME_LIMIT_EXCEEDED"]')
    ).to_have_count(2)
    app.shot("time-limit")
