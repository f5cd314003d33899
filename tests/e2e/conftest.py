"""The student web app in a real browser: Debian's Chromium, headless, driven by Playwright against the
real gateway and DynamoDB Local (the session fixtures of tests/conftest.py).

Every e2e test is in one xdist group, so that one worker runs them all with one browser; with pytest
9.2 and pytest-xdist 3.8 that grouping has no effect (xdist renames `item._nodeid`, which pytest no
longer reads), so each worker may start a browser of its own, and nothing here relies on sharing one.
Each test gets a fresh browser context (its own localStorage), and an `App` that knows the app's
pages, saves a screenshot of each step under .artifacts/e2e/ and fails the test on any script error
or dialog that the test did not ask for.
"""

from __future__ import annotations

import fcntl
import os
import re
import shutil
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, ConsoleMessage, Dialog, Page

from alpaco.bank.seed import seed_bank
from alpaco.kernel.invoke import get_invoker
from alpaco.services.problems import repository as problems_repository

PROJECT_ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = PROJECT_ROOT / ".artifacts" / "e2e"
AXE = PROJECT_ROOT / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM = Path(os.environ.get("ALPACO_E2E_CHROMIUM", "/usr/bin/chromium"))
# fibonacci_dp is there for the generator: offline, it answers a prompt about Fibonacci from it.
BANK_PROBLEMS = ("a_plus_b", "balanced_brackets", "fibonacci_dp")
# Playwright waits this long for a page to show what a test expects; gradings take a second or two.
TIMEOUT_MS = 15_000


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict[str, Any]) -> dict[str, Any]:
    """Debian's Chromium instead of Playwright's own download, which this machine cannot reach."""
    if not os.access(CHROMIUM, os.X_OK):
        pytest.fail(
            f"Chromium is missing at {CHROMIUM}: the browser tests need Debian's chromium "
            "(`make setup` installs it as root with apt-get; else `sudo apt-get install chromium`, "
            "or point ALPACO_E2E_CHROMIUM at a Chromium binary).",
            pytrace=False,
        )
    if not AXE.is_file():
        pytest.fail(f"axe-core is missing at {AXE}: run `make setup` (npm ci).", pytrace=False)
    return {**browser_type_launch_args, "executable_path": str(CHROMIUM), "headless": True}


@pytest.fixture(scope="session")
def base_url(gateway_url: str) -> str:
    """The app as the gateway serves it; pages are then opened by their route (`#/problems`)."""
    return f"{gateway_url}/app/"


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args: dict[str, Any]) -> dict[str, Any]:
    return {**browser_context_args, "viewport": {"width": 1280, "height": 900}, "locale": "ko-KR"}


@pytest.fixture(scope="session")
def artifacts(request: pytest.FixtureRequest) -> Path:
    """The screenshots of this run only, so a reviewer never looks at a stale one. The xdist workers
    of one run share the folder: the first to arrive (by xdist's run id) empties it."""
    workerinput = getattr(request.config, "workerinput", {})
    run = str(workerinput.get("testrunuid") or uuid.uuid4().hex)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    with (ARTIFACTS.parent / ".e2e.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        marker = ARTIFACTS / ".run"
        if not marker.is_file() or marker.read_text() != run:
            for old in ARTIFACTS.iterdir():
                if old.is_dir():
                    shutil.rmtree(old)
                else:
                    old.unlink()
            marker.write_text(run)
    return ARTIFACTS


@pytest.fixture(scope="session")
def bank(dynamodb_endpoint: str) -> dict[str, str]:
    """The bank problems the flows use, seeded (verified, then stored) as `alpaco serve` does."""
    report = seed_bank(get_invoker(), problems_repository, only=BANK_PROBLEMS)
    assert report.ok, [(r.bank_id, r.message) for r in report.failed]
    from alpaco.bank.catalog import load_bank, problem_id

    return {bp.bank_id: problem_id(bp) for bp in load_bank() if bp.bank_id in BANK_PROBLEMS}


@dataclass
class App:
    """The web app as a student sees it, in one browser tab."""

    page: Page
    folder: Path
    prefix: str
    errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)
    confirm_next: bool = False
    shots: int = 0

    def goto(self, route: str = "") -> None:
        """Opens `#/<route>` (empty: the app's start page) and waits for its first view."""
        self.page.goto(f"#/{route}" if route else "")
        self.page.locator("#main .page").wait_for()

    def sign_in(self, username: str, nickname: str | None = None) -> None:
        form = self.page.locator("form.signin")
        form.locator("#signin-username").fill(username)
        if nickname:
            form.locator("#signin-nickname").fill(nickname)
        form.get_by_role("button").click()
        self.page.locator("#account .who").get_by_text(nickname or username).wait_for()

    def shot(self, name: str) -> Path:
        """A full-page screenshot, numbered in the order the flow took them."""
        self.shots += 1
        path = self.folder / f"{self.prefix}-{self.shots:02d}-{name}.png"
        self.page.screenshot(path=path, full_page=True)
        return path

    def accessibility_violations(self) -> list[dict[str, Any]]:
        """axe-core's serious and critical findings on the page as it is now."""
        if not self.page.evaluate("typeof window.axe !== 'undefined'"):
            self.page.add_script_tag(path=str(AXE))
        result: dict[str, Any] = self.page.evaluate(
            "() => axe.run(document, { resultTypes: ['violations'] })"
        )
        return [
            {
                "id": violation["id"],
                "impact": violation["impact"],
                "help": violation["help"],
                "nodes": [node["target"] for node in violation["nodes"]][:5],
            }
            for violation in result["violations"]
            if violation["impact"] in ("serious", "critical")
        ]

    def assert_accessible(self, what: str) -> None:
        violations = self.accessibility_violations()
        assert not violations, f"axe on {what}: {violations}"

    # The code editor (CodeMirror 6).

    @property
    def editor(self) -> Any:
        return self.page.locator(".editor .cm-content")

    def editor_text(self) -> str:
        """The editor's document, read through CodeMirror's own view (the DOM holds only what is
        visible, and its line elements drop trailing blank lines)."""
        text: str = self.page.evaluate(
            """async () => {
                const { EditorView } = await import("./vendor/editor.js");
                return EditorView.findFromDOM(document.querySelector(".editor .cm-editor")).state.doc.toString();
            }"""
        )
        return text

    def write_code(self, code: str) -> None:
        """Replaces the whole program as if pasted: one input, no auto-indentation applied."""
        self.editor.click()
        self.page.keyboard.press("ControlOrMeta+a")
        self.page.keyboard.insert_text(code)
        assert self.editor_text() == code

    def expect_confirm(self) -> None:
        """The next `confirm()` is part of the flow: accept it."""
        self.confirm_next = True

    def _on_dialog(self, dialog: Dialog) -> None:
        if dialog.type == "confirm" and self.confirm_next:
            self.confirm_next = False
            dialog.accept()
            return
        self.dialogs.append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()

    def _on_console(self, message: ConsoleMessage) -> None:
        # A refused request (a 403 the test provokes) is logged by the browser itself; that is expected.
        if message.type == "error" and not re.search(r"Failed to load resource", message.text):
            self.errors.append(f"console: {message.text}")


@pytest.fixture
def app(page: Page, artifacts: Path, request: pytest.FixtureRequest) -> Iterator[App]:
    page.set_default_timeout(TIMEOUT_MS)
    module = request.node.path.stem.removeprefix("test_")
    view = App(page, artifacts, f"{module}-{request.node.originalname.removeprefix('test_')}")
    page.on("dialog", view._on_dialog)
    page.on("console", view._on_console)
    page.on("pageerror", lambda error: view.errors.append(f"page error: {error}"))
    yield view
    if getattr(request.node, "e2e_failed", False):
        view.shot("FAILED")
    assert not view.dialogs, f"dialogs the test did not expect: {view.dialogs}"
    assert not view.errors, f"errors in the page: {view.errors}"


@pytest.fixture
def second_app(
    browser: Browser, browser_context_args: dict[str, Any], artifacts: Path
) -> Iterator[App]:
    """Another student in another browser (own context, own storage) at the same time."""
    context = browser.new_context(**browser_context_args)
    page = context.new_page()
    page.set_default_timeout(TIMEOUT_MS)
    view = App(page, artifacts, "other-user")
    page.on("dialog", view._on_dialog)
    page.on("pageerror", lambda error: view.errors.append(f"page error: {error}"))
    yield view
    context.close()
    assert not view.dialogs, view.dialogs
    assert not view.errors, view.errors


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """The browser tests run last (on each xdist worker too, which is handed tests in this order).
    While a browser is open, Playwright's sync API keeps its asyncio loop running on the main thread,
    and `asyncio.run()` refuses to start there: a test of another suite that uses it after the first
    browser test of its process would fail. The relative order of everything else is unchanged."""
    here = Path(__file__).parent
    items.sort(key=lambda item: item.path.is_relative_to(here))


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Any:
    """Marks a failed test so its `app` saves a last screenshot of what the browser showed."""
    report = yield
    if report.when == "call" and report.failed:
        item.e2e_failed = True  # type: ignore[attr-defined]
    return report


@pytest.fixture
def unique() -> Callable[[str], str]:
    """`unique("alice")`: a name no other test (or earlier run against the same tables) uses."""
    return lambda stem: f"{stem}-{uuid.uuid4().hex[:8]}"
