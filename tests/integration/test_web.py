"""The student web app as files and as the gateway serves it: local assets only, npm libraries pinned
and bundled into the git-ignored vendor/ folder, HTML written in one place only, and every ES module
served with a content type browsers accept. The renderer itself is tested under node (tests/web/),
the app in a real browser (tests/e2e/)."""

from __future__ import annotations

import json
import posixpath
import re
from html.parser import HTMLParser
from pathlib import Path

import httpx
import pytest

pytestmark = pytest.mark.integration

ROOT = Path(__file__).resolve().parents[2]
WEB_DIR = ROOT / "src" / "alpaco" / "web"
VENDOR = WEB_DIR / "vendor"
# The esbuild entries import npm packages by name: build inputs, never loaded by a browser.
NPM_ENTRIES = WEB_DIR / "npm"
SCRIPTS = sorted(
    path
    for path in WEB_DIR.rglob("*.js")
    if not path.is_relative_to(VENDOR) and not path.is_relative_to(NPM_ENTRIES)
)
BUNDLES = sorted(VENDOR.glob("*.js"))
# Static `import … from "x"` and `export … from "x"` statements, minified or not (a statement starts
# the file or follows a `;` or a line break; "from" inside minified code is no statement).
IMPORT = re.compile(
    r"""(?:^|[;\n])\s*(?:import|export)\s*(?:\{[^}]*\}|[\w$*\s,]+?)\s*from\s*["']([^"']+)["']"""
)
HTML_SINKS = re.compile(
    r"innerHTML|outerHTML|insertAdjacentHTML|document\.write|\beval\(|new Function"
)


class _AssetParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.assets: list[tuple[str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name in ("src", "href") and value is not None:
                self.assets.append((tag, value))


def test_index_loads_only_local_assets_that_exist() -> None:
    parser = _AssetParser()
    parser.feed((WEB_DIR / "index.html").read_text(encoding="utf-8"))
    files = {value for tag, value in parser.assets if tag in ("script", "link", "img")}
    assert files == {"app.js", "style.css", "favicon.svg"}
    for tag, value in parser.assets:
        assert not re.search(r"//|:", value), (tag, value)
        if tag != "a":
            assert (WEB_DIR / value).is_file(), value
        else:
            assert value.startswith("#"), value


def test_no_file_names_a_remote_resource() -> None:
    for path in [*SCRIPTS, *WEB_DIR.rglob("*.css"), *WEB_DIR.rglob("*.html")]:
        text = path.read_text(encoding="utf-8")
        assert "://" not in text, path
        assert "@import" not in text, path


def test_the_bundles_are_built_and_load_nothing_remote() -> None:
    assert (VENDOR / "editor.js").is_file(), "run `make web` (part of `make setup`)"
    assert (VENDOR / "markdown.js").is_file()
    for bundle in BUNDLES:
        for specifier in IMPORT.findall(bundle.read_text(encoding="utf-8")):
            assert specifier.startswith("./"), (bundle.name, specifier)
            assert (VENDOR / specifier).is_file(), (bundle.name, specifier)


def test_every_module_import_is_a_local_file() -> None:
    assert SCRIPTS
    for script in SCRIPTS:
        for specifier in IMPORT.findall(script.read_text(encoding="utf-8")):
            assert specifier.startswith(("./", "../")), (script, specifier)
            assert (script.parent / specifier).resolve().is_file(), (script, specifier)


def test_npm_packages_are_pinned_and_the_lock_names_no_registry() -> None:
    manifest = json.loads((ROOT / "package.json").read_text(encoding="utf-8"))
    for section in ("dependencies", "devDependencies"):
        for name, version in manifest[section].items():
            assert re.fullmatch(r"\d+\.\d+\.\d+", version), (name, version)
    # npm writes each package's download address as "resolved"; `--omit-lockfile-registry-resolved` keeps
    # them out, so the lock works with whichever registry the machine is set up for.
    lock = json.loads((ROOT / "package-lock.json").read_text(encoding="utf-8"))
    assert not [name for name, entry in lock["packages"].items() if "resolved" in entry]


def test_the_bundle_and_screenshots_are_not_committed() -> None:
    ignored = (ROOT / ".gitignore").read_text(encoding="utf-8").splitlines()
    assert "src/alpaco/web/vendor/" in ignored
    assert ".artifacts/" in ignored


def test_html_is_written_in_one_place_and_only_from_the_renderer() -> None:
    sinks = [
        (script.relative_to(WEB_DIR).as_posix(), line.strip())
        for script in SCRIPTS
        for line in script.read_text(encoding="utf-8").splitlines()
        if HTML_SINKS.search(line)
    ]
    assert sinks == [("dom.js", "block.innerHTML = renderMarkdown(source);")]


def test_root_redirects_to_the_app(api: httpx.Client) -> None:
    response = api.get("/")
    assert response.status_code in (302, 307)
    assert response.headers["location"].endswith("/app/")


def test_app_serves_index_html(api: httpx.Client) -> None:
    response = api.get("/app/")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    assert '<script type="module" src="app.js"></script>' in response.text


def test_every_module_is_served_as_javascript(api: httpx.Client) -> None:
    """Browsers refuse an ES module served with any other content type, so walk the whole graph,
    the vendor bundles included."""
    pending, seen = ["app.js"], set[str]()
    while pending:
        name = pending.pop()
        if name in seen:
            continue
        seen.add(name)
        response = api.get(f"/app/{name}")
        assert response.status_code == 200, name
        content_type = response.headers["content-type"].split(";")[0]
        assert content_type in ("text/javascript", "application/javascript"), name
        folder = posixpath.dirname(name)
        pending += [
            posixpath.normpath(posixpath.join(folder, specifier))
            for specifier in IMPORT.findall(response.text)
        ]
    expected = {path.relative_to(WEB_DIR).as_posix() for path in [*SCRIPTS, *BUNDLES]}
    assert seen == expected


def test_stylesheet_is_served_as_css(api: httpx.Client) -> None:
    response = api.get("/app/style.css")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/css")


def test_unknown_app_file_is_a_404(api: httpx.Client) -> None:
    response = api.get("/app/missing.js")
    assert response.status_code == 404
