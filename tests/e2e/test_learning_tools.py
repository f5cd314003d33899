"""The solve page's learning tools in the browser: custom input with the reference's expected
output and the validator's refusals, "find my bug" after a failed grading, and the trust card."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import TYPE_CHECKING

import pytest
from playwright.sync_api import Locator, expect

if TYPE_CHECKING:
    from tests.e2e.conftest import App

pytestmark = [pytest.mark.integration, pytest.mark.xdist_group("browser")]

SUBTRACTS = 'def solution(data):\n    return data["a"] - data["b"]\n'
RIGHT = 'def solution(data):\n    return data["a"] + data["b"]\n'
# Right on every input the generator makes small, wrong on the large hidden tests only.
SMALL_ONLY = (
    "def solution(data):\n"
    '    a, b = data["a"], data["b"]\n'
    "    return a + b if abs(a) < 10**6 and abs(b) < 10**6 else 0\n"
)
# The server gives find-my-bug about 10 s; the browser waits for it on two shared cores.
HUNT_TIMEOUT_MS = 45_000


def submit(app: App, code: str, status: str) -> None:
    app.write_code(code)
    app.page.get_by_role("button", name="제출", exact=True).click()
    expect(app.page.locator(".verdict")).to_have_attribute("data-status", status)


def test_custom_inputs_show_the_expected_output_the_verdict_and_the_validators_refusal(
    app: App, bank: dict[str, str], unique: Callable[[str], str]
) -> None:
    app.goto()
    app.sign_in(unique("custom"))
    app.goto(f"problems/{bank['a_plus_b']}")
    app.write_code(SUBTRACTS)

    # The panel opens with the first example's input, ready to edit.
    app.page.locator("details.custom summary").click()
    first = app.page.get_by_label("입력 1", exact=True)
    expect(first).to_have_value('{"a":1,"b":2}')

    # Something that is no JSON is caught before anything is sent.
    first.fill("{a: 1}")
    run = app.page.get_by_role("button", name="내 입력으로 실행")
    run.click()
    expect(app.page.locator("details.custom [role=alert]")).to_contain_text("입력 1: 올바른 JSON")
    expect(app.page.locator(".custom-run")).to_have_count(0)

    # An input out of range, one the subtraction gets wrong, and one it gets right.
    first.fill('{"a": 1, "b": 10000000000}')
    for n, text in ((2, '{"a": 5, "b": 3}'), (3, '{"a": 4, "b": 0}')):
        app.page.get_by_role("button", name="입력 추가").click()
        box = app.page.get_by_label(f"입력 {n}", exact=True)
        expect(box).to_be_focused()
        box.fill(text)
    run.click()
    cases = app.page.locator(".output .custom-run")
    expect(cases).to_have_count(3)

    refused = cases.nth(0)
    expect(refused).to_have_attribute("data-valid", "false")
    expect(refused).to_contain_text("잘못된 입력")
    expect(refused).to_contain_text("b must be between -10^9 and 10^9")

    def outputs(case: int) -> dict[str, str]:
        figures = cases.nth(case).locator("figure.pre")
        return {
            figures.nth(i).locator("figcaption").inner_text(): figures.nth(i)
            .locator("pre")
            .inner_text()
            for i in range(figures.count())
        }

    wrong = cases.nth(1)
    expect(wrong).to_have_attribute("data-verdict", "WRONG_ANSWER")
    expect(wrong.locator("h3")).to_contain_text("오답")
    assert outputs(1) == {"입력": '{"a":5,"b":3}', "내 출력 (반환값)": "2", "기대 출력": "8"}
    expect(cases.nth(2)).to_have_attribute("data-verdict", "ACCEPTED")
    assert outputs(2)["기대 출력"] == "4"
    app.shot("custom-inputs")
    app.assert_accessible("the results of custom inputs")

    # A second input removed: the panel keeps the others, in order.
    app.page.get_by_role("button", name="입력 2 삭제").click()
    expect(app.page.get_by_label("입력 2", exact=True)).to_have_value('{"a": 4, "b": 0}')
    expect(app.page.locator(".custom-cases li")).to_have_count(2)


def test_a_stdio_problem_takes_custom_input_as_typed_text(
    app: App, bank: dict[str, str], unique: Callable[[str], str]
) -> None:
    app.goto()
    app.sign_in(unique("custom-stdio"))
    app.goto(f"problems/{bank['balanced_brackets']}")
    app.write_code('print("YES")\n')
    app.page.locator("details.custom summary").click()
    app.page.get_by_label("입력 1", exact=True).fill("2\n()\n(]\n")
    app.page.get_by_role("button", name="내 입력으로 실행").click()
    case = app.page.locator(".output .custom-run")
    expect(case).to_have_attribute("data-verdict", "WRONG_ANSWER")
    expect(case.locator("figure.pre pre").nth(1)).to_have_text("YES")
    expect(case.locator("figure.pre pre").nth(2)).to_have_text("YES\nNO")


def test_find_my_bug_after_a_wrong_answer_shows_a_shrunk_input_and_both_outputs(
    app: App, bank: dict[str, str], unique: Callable[[str], str]
) -> None:
    app.goto()
    app.sign_in(unique("bughunt"))
    app.goto(f"problems/{bank['a_plus_b']}")
    submit(app, SUBTRACTS, "WRONG_ANSWER")

    panel = app.page.locator(".output .find-bug")
    panel.get_by_role("button", name="내 버그 찾기").click()
    bug = panel.locator(".bug")
    expect(bug).to_have_attribute("data-found", "true", timeout=HUNT_TIMEOUT_MS)
    expect(bug).to_have_attribute("data-verdict", "WRONG_ANSWER")
    expect(bug).to_contain_text("차이를 찾았고")

    shown = bug.locator("figure.pre pre")
    found = json.loads(shown.nth(0).inner_text())
    expected, actual = (int(shown.nth(i).inner_text()) for i in (1, 2))
    assert set(found) == {"a", "b"}
    assert (expected, actual) == (found["a"] + found["b"], found["a"] - found["b"])
    # Shrunk: as small as a difference between a + b and a - b allows.
    assert found["b"] != 0
    assert abs(found["a"]) + abs(found["b"]) <= 2, found
    # Side by side: the two outputs share one row.
    left, right = (shown.nth(i).bounding_box() for i in (1, 2))
    assert left is not None
    assert right is not None
    assert left["y"] == right["y"]
    assert left["x"] < right["x"]
    app.shot("bug-found")
    app.assert_accessible("find my bug's answer")

    # An accepted grading offers no bug hunt.
    submit(app, RIGHT, "ACCEPTED")
    expect(app.page.locator(".find-bug")).to_have_count(0)


def test_find_my_bug_says_honestly_when_small_inputs_show_no_difference(
    app: App, bank: dict[str, str], unique: Callable[[str], str]
) -> None:
    app.goto()
    app.sign_in(unique("nobug"))
    app.goto(f"problems/{bank['a_plus_b']}")
    submit(app, SMALL_ONLY, "WRONG_ANSWER")

    app.page.get_by_role("button", name="내 버그 찾기").click()
    bug = app.page.locator(".find-bug .bug")
    expect(bug).to_have_attribute("data-found", "false", timeout=HUNT_TIMEOUT_MS)
    expect(bug).to_contain_text("번 시도에서 차이를 찾지 못했습니다.")
    expect(bug).to_contain_text("증명은 아닙니다")
    app.shot("no-difference")


def test_the_trust_card_is_on_the_solve_page_in_either_language(
    app: App, bank: dict[str, str], put_problem: Callable[..., str]
) -> None:
    app.goto(f"problems/{bank['a_plus_b']}")
    card = app.page.locator("section.trust")
    expect(card.get_by_role("heading", name="테스트 신뢰 카드")).to_be_visible()

    def fact(name: str) -> Locator:
        return card.locator(f'dd[data-fact="{name}"]')

    expect(fact("source")).to_have_text("ALPACO 문제 은행")
    expect(fact("tests")).to_contain_text("예제 2개 포함")
    expect(fact("validator")).to_have_text("모든 테스트가 제약을 지킴")
    expect(fact("rule")).to_contain_text("문제 작성자가 정함")
    expect(fact("timeLimit")).to_contain_text("1초")
    expect(card.locator('dd[data-known="false"]')).to_have_count(0)
    app.shot("trust-card")
    app.assert_accessible("the solve page with its trust card")

    app.page.locator("#locale").get_by_role("button", name="English").click()
    expect(card.get_by_role("heading", name="Trust card")).to_be_visible()
    expect(fact("validator")).to_have_text("every test keeps the constraints")
    app.page.locator("#locale").get_by_role("button", name="한국어").click()

    # A problem stored without the card: what its tests tell, and "unknown" for the rest.
    older = put_problem(
        [
            {"input": [1, 2], "expected_output": 3, "isSample": True},
            {"input": [5], "expected_output": 5},
        ],
    )
    app.goto(f"problems/{older}")
    expect(fact("tests")).to_have_text("2개 (예제 1개 포함)")
    expect(fact("acceptance")).to_have_text("아직 제출 없음")
    for unknown in ("source", "bruteForce", "validator", "rule"):
        expect(fact(unknown)).to_have_text("알 수 없음")
    expect(card).to_contain_text("기록되기 전에 만들어져")
    app.assert_accessible("a trust card with unknown facts")
