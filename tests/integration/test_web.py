"""The student web app: local assets only, HTML only through the escaping Markdown renderer, and the
gateway serving it at /app/ with content types a browser accepts for ES modules."""

from __future__ import annotations

import json
import posixpath
import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import httpx
import pytest

pytestmark = pytest.mark.integration

WEB_DIR = Path(__file__).resolve().parents[2] / "src" / "alpaco" / "web"
SCRIPTS = sorted(WEB_DIR.rglob("*.js"))
IMPORT = re.compile(r"""^\s*import\s[^;]*?\bfrom\s+["']([^"']+)["']""", re.MULTILINE)
HTML_SINKS = re.compile(
    r"innerHTML|outerHTML|insertAdjacentHTML|document\.write|\beval\(|new Function"
)
ALLOWED_TAG = re.compile(
    r"<(?:/(?:h[1-6]|p|pre|code|strong|em|ul|ol|li|blockquote|a)"
    r"|(?:h[1-6]|p|pre|strong|em|ul|ol|li|blockquote|hr)"
    r'|code(?: class="language-[\w+-]+")?'
    r'|a href="(?:https?://|mailto:)[^"<>]*" rel="noopener noreferrer nofollow" target="_blank")>'
)
HOSTILE = (
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    "<a href='javascript:alert(1)'>x</a>",
    '"><svg onload=alert(1)>',
    "[click](javascript:alert(1))",
    '[click](https://ok.example/"onmouseover="alert(1))',
    "[x](data:text/html;base64,PHNjcmlwdD4=)",
    "&lt;script&gt; & <!-- comment --> <style>*{}</style>",
    "`<b>` **<i>bold</i>** *<u>em</u>*",
)
WRAPPERS = (
    "{}",
    "# {}",
    "###### {} ###",
    "- {}\n- second {}",
    "1. {}\n   more {}",
    "> {}",
    "```{}\n{}\n```",
    "```python\n{}\n```\n{}",
    "plain {} text\nnext line {}",
    "**{}** and `{}`",
)


class _AssetParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.assets: list[tuple[str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name in ("src", "href") and value is not None:
                self.assets.append((tag, value))


def _render(sources: list[str], tmp_path: Path) -> list[str]:
    """Runs the browser's own renderer module under node, outside any package.json."""
    module = tmp_path / "markdown.mjs"
    shutil.copyfile(WEB_DIR / "markdown.js", module)
    harness = tmp_path / "render.mjs"
    harness.write_text(
        'import { renderMarkdown } from "./markdown.mjs";\n'
        'let input = "";\n'
        "for await (const chunk of process.stdin) input += chunk;\n"
        "process.stdout.write(JSON.stringify(JSON.parse(input).map(renderMarkdown)));\n",
        encoding="utf-8",
    )
    node = shutil.which("node")
    assert node is not None, "node is required to test the web app's renderer"
    done = subprocess.run(
        [node, str(harness)],
        input=json.dumps(sources),
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    rendered: list[str] = json.loads(done.stdout)
    return rendered


def _imports(script: Path) -> list[str]:
    return IMPORT.findall(script.read_text(encoding="utf-8"))


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


def test_every_module_import_is_a_local_file() -> None:
    assert SCRIPTS
    for script in SCRIPTS:
        for specifier in _imports(script):
            assert specifier.startswith(("./", "../")), (script, specifier)
            assert (script.parent / specifier).resolve().is_file(), (script, specifier)


def test_html_is_written_in_one_place_and_only_from_the_renderer() -> None:
    sinks = [
        (script.relative_to(WEB_DIR).as_posix(), line.strip())
        for script in SCRIPTS
        for line in script.read_text(encoding="utf-8").splitlines()
        if HTML_SINKS.search(line)
    ]
    assert sinks == [("dom.js", "block.innerHTML = renderMarkdown(source);")]


def test_renderer_supports_the_statement_markup(tmp_path: Path) -> None:
    source = (
        "### 입력\n\n첫째 줄에 **두 정수** `n`, `k`가\n주어집니다.\n\n"
        "- `1 ≤ n`\n- 둘째\n\n1. one\n2. two\n\n"
        "```python\ndef solution(data):\n    return data < 3\n```\n"
    )
    [html] = _render([source], tmp_path)
    assert "<h3>입력</h3>" in html
    assert (
        "<p>첫째 줄에 <strong>두 정수</strong> <code>n</code>, <code>k</code>가\n주어집니다.</p>"
        in html
    )
    assert "<ul><li><code>1 ≤ n</code></li><li>둘째</li></ul>" in html
    assert "<ol><li>one</li><li>two</li></ol>" in html
    assert (
        '<pre><code class="language-python">def solution(data):\n    return data &lt; 3</code></pre>'
        in html
    )


def test_renderer_escapes_every_hostile_fragment(tmp_path: Path) -> None:
    sources = [wrapper.format(bad, bad) for wrapper in WRAPPERS for bad in HOSTILE]
    for source, html in zip(sources, _render(sources, tmp_path), strict=True):
        leftover = ALLOWED_TAG.sub("", html)
        assert not re.search("[<>]", leftover), (source, html)
        assert "javascript:" not in "".join(re.findall(r'href="[^"]*"', html)), html
    [script] = _render(["<script>alert(1)</script>"], tmp_path)
    assert script == "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>"


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
    """Browsers refuse an ES module served with any other content type, so walk the whole graph."""
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
    assert seen == {script.relative_to(WEB_DIR).as_posix() for script in SCRIPTS}


def test_stylesheet_is_served_as_css(api: httpx.Client) -> None:
    response = api.get("/app/style.css")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/css")


def test_unknown_app_file_is_a_404(api: httpx.Client) -> None:
    response = api.get("/app/missing.js")
    assert response.status_code == 404
