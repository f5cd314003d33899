"""Signing in, the problem list (search, difficulty filter, "more" pages) and the interface language."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import pytest
from playwright.sync_api import expect

if TYPE_CHECKING:
    from tests.e2e.conftest import App

pytestmark = [pytest.mark.integration, pytest.mark.xdist_group("browser")]

CASES = [{"input": {"n": 1}, "expected_output": 1, "isSample": True}]


def test_sign_in_search_filter_and_page_through_problems(
    app: App, put_problem: Callable[..., str], unique: Callable[[str], str]
) -> None:
    # GIVEN 25 problems whose titles share a word, 5 of them Hard
    word = unique("paging")
    for index in range(25):
        title = f"{word} {index:02d}"
        put_problem(
            CASES,
            title=title,
            title_translated=title,
            difficulty="Hard" if index % 5 == 0 else "Easy",
        )

    # WHEN a student opens the app, signs in and searches for the word
    app.goto()
    expect(app.page.locator("form.signin")).to_be_visible()
    app.shot("signed-out")
    app.sign_in(unique("student"), "파코")
    expect(app.page.get_by_role("button", name="로그아웃")).to_be_visible()
    app.page.locator("#problem-title").fill(word)
    app.page.locator("form[role=search]").get_by_role("button").click()

    # THEN one full page shows, with a "more" button for the rest
    rows = app.page.locator("table.problems tbody tr")
    expect(rows).to_have_count(20)
    more = app.page.get_by_role("button", name="더 보기")
    expect(more).to_be_visible()
    app.shot("first-page")
    more.click()
    expect(rows).to_have_count(25)
    expect(more).to_have_count(0)
    app.shot("all-pages")
    app.assert_accessible("the problem list")

    # AND the difficulty filter keeps only the Hard ones
    app.page.locator("#problem-difficulty").select_option("Hard")
    app.page.locator("form[role=search]").get_by_role("button").click()
    expect(rows).to_have_count(5)
    for title in rows.locator("td:first-child a").all_inner_texts():
        assert int(title.split()[-1]) % 5 == 0, title
    app.shot("hard-only")

    # AND a search that matches nothing says so
    app.page.locator("#problem-title").fill(unique("nothing-like-this"))
    app.page.locator("form[role=search]").get_by_role("button").click()
    expect(app.page.get_by_text("조건에 맞는 문제가 없습니다.")).to_be_visible()


def test_interface_language_toggle_switches_and_is_remembered(
    app: App, bank: dict[str, str]
) -> None:
    app.goto(f"problems/{bank['a_plus_b']}")
    expect(app.page.locator("nav")).to_contain_text("내 제출")
    expect(app.page.locator(".statement .markdown")).to_contain_text("입력")

    app.page.locator("#locale").get_by_role("button", name="English").click()

    expect(app.page.locator("html")).to_have_attribute("lang", "en")
    expect(app.page.locator("nav")).to_contain_text("My submissions")
    expect(app.page.get_by_role("button", name="Run examples")).to_be_visible()
    # The statement follows the interface until the student picks its language.
    expect(app.page.locator(".statement .markdown")).to_contain_text("Input")
    expect(app.page.locator("#locale [aria-pressed=true]")).to_be_focused()
    app.shot("english")
    app.assert_accessible("the problem page in English")

    app.page.reload()
    expect(app.page.locator("nav")).to_contain_text("Community")
    app.page.locator(".statement").get_by_role("button", name="한국어").click()
    expect(app.page.locator(".statement .markdown")).to_contain_text("입력")
    expect(app.page.locator("nav")).to_contain_text("My submissions")
    app.shot("english-ui-korean-statement")

    app.page.locator("#locale").get_by_role("button", name="한국어").click()
    expect(app.page.locator("html")).to_have_attribute("lang", "ko")
    expect(app.page.locator("nav")).to_contain_text("커뮤니티")
