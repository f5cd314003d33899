"""axe-core (vendored from npm, injected into the page) on every page of the app, signed out and in:
no serious or critical violation. The flows in the other modules check their own pages too (results
grid, search panel, preview, edit form, English interface)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import httpx
import pytest
from playwright.sync_api import expect

if TYPE_CHECKING:
    from tests.e2e.conftest import App

pytestmark = [pytest.mark.integration, pytest.mark.xdist_group("browser")]


def test_every_page_has_no_serious_accessibility_violation(
    app: App,
    bank: dict[str, str],
    api: httpx.Client,
    auth_headers: Callable[..., dict[str, str]],
    unique: Callable[[str], str],
) -> None:
    username = unique("axe")
    headers = auth_headers(username)
    graded = api.post(
        "/grade", json={"problemId": bank["a_plus_b"], "userCode": "x = ("}, headers=headers
    )
    assert graded.status_code == 200, graded.text
    posted = api.post(
        "/community", json={"title": "axe", "content": "# axe\n\n`ok`"}, headers=headers
    )
    assert posted.status_code in (200, 201), posted.text
    post_id = posted.json()["postId"]

    signed_out = {
        "problems": "table.problems",
        f"problems/{bank['a_plus_b']}": ".editor .cm-content",
        f"problems/{bank['balanced_brackets']}": ".editor .cm-content",
        "submissions": ".notice",
        "generate": ".notice",
        "my-problems": ".notice",
        "community": ".posts li",
        f"community/{post_id}": "article.post",
        "community/new": ".notice",
        "no/such/page": "h1",
    }
    for route, ready in signed_out.items():
        app.goto(route)
        expect(app.page.locator(ready).first).to_be_visible()
        app.assert_accessible(f"#/{route}, signed out")
    app.shot("not-found")

    app.goto()
    app.sign_in(username)
    signed_in = {
        "submissions": "table.submissions",
        "generate": "#generate-prompt",
        "my-problems": "main p",
        f"submissions/{graded.json()['submissionId']}": ".submitted-code",
        "community": ".posts li",
        "community/new": "#post-content",
        f"community/{post_id}": "#comment-content",
    }
    for route, ready in signed_in.items():
        app.goto(route)
        expect(app.page.locator(ready).first).to_be_visible()
        app.assert_accessible(f"#/{route}, signed in")
    app.shot("new-post")

    # A run of the examples that fails to compile: badges, error output and all.
    app.goto(f"problems/{bank['a_plus_b']}")
    app.write_code("def solution(data):\n    return (\n")
    app.page.get_by_role("button", name="예제 실행").click()
    expect(app.page.locator(".sample-run")).to_have_count(2)
    app.assert_accessible("the results of a failed run")
    app.shot("failed-run")
