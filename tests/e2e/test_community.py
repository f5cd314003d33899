"""The community board in the browser: a Markdown post with its preview, a comment, a like, an edit,
another student who cannot edit it, and the author deleting it."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import httpx
import pytest
from playwright.sync_api import expect

if TYPE_CHECKING:
    from tests.e2e.conftest import App

pytestmark = [pytest.mark.integration, pytest.mark.xdist_group("browser")]

POST = """## 풀이 요약

- 두 수를 **더하면** 끝입니다
- ~~반복문~~은 필요 없습니다

| 입력 | 출력 |
|:-----|-----:|
| 1 2  | 3    |

```python
def solution(data):
    return data["a"] + data["b"]
```
"""


def test_post_preview_comment_like_edit_and_delete(
    app: App,
    second_app: App,
    api: httpx.Client,
    auth_headers: Callable[..., dict[str, str]],
    unique: Callable[[str], str],
) -> None:
    author, title = unique("author"), unique("A + B 풀이")
    app.goto()
    app.sign_in(author)

    # Writing: the preview shows the Markdown as readers will see it.
    app.page.locator("nav").get_by_role("link", name="커뮤니티").click()
    app.page.get_by_role("link", name="글쓰기").click()
    app.page.locator("#post-title").fill(title)
    app.page.locator("#post-content").fill(POST)
    app.page.get_by_role("button", name="미리보기").click()
    preview = app.page.locator("#post-preview .markdown")
    expect(preview.locator("h2")).to_have_text("풀이 요약")
    expect(preview.locator("table td").first).to_have_text("1 2")
    expect(preview.locator("s")).to_have_text("반복문")
    expect(preview.locator("pre .tok-keyword").first).to_have_text("def")
    expect(app.page.locator("#post-content")).to_be_hidden()
    app.shot("preview")
    app.assert_accessible("the new post form in preview")
    app.page.get_by_role("button", name="작성").click()
    expect(app.page.locator("#post-content")).to_be_visible()
    app.page.get_by_role("button", name="등록").click()

    # The post, rendered; then a comment and a like.
    post = app.page.locator("article.post")
    expect(post.locator("h1")).to_have_text(title)
    expect(post.locator(".markdown table")).to_be_visible()
    post_id = app.page.url.rsplit("/", 1)[-1]
    app.page.locator("#comment-content").fill("좋은 풀이네요 `O(1)`")
    app.page.get_by_role("button", name="댓글 등록").click()
    expect(app.page.locator(".comments .comment code")).to_have_text("O(1)")
    expect(app.page.locator("#comments-title")).to_have_text("댓글 1")
    like = post.locator("button.like")
    like.click()
    expect(like).to_have_attribute("aria-pressed", "true")
    expect(like.locator(".like-count")).to_have_text("1")
    app.shot("commented-and-liked")
    app.assert_accessible("a post with a comment")

    # Editing the title.
    post.get_by_role("link", name="수정").click()
    app.page.locator("#post-title").fill(f"{title} (수정)")
    app.shot("editing")
    app.assert_accessible("the edit form")
    app.page.get_by_role("button", name="저장").click()
    expect(post.locator("h1")).to_have_text(f"{title} (수정)")
    expect(post.locator("header")).to_contain_text("수정")

    # Another student sees the post but no way to change it, and the API refuses too.
    second_app.goto()
    second_app.sign_in(unique("reader"))
    second_app.goto(f"community/{post_id}")
    expect(second_app.page.locator("article.post h1")).to_have_text(f"{title} (수정)")
    expect(second_app.page.locator("article.post").get_by_role("link", name="수정")).to_have_count(
        0
    )
    expect(
        second_app.page.locator("article.post").get_by_role("button", name="삭제")
    ).to_have_count(0)
    second_app.shot("as-another-user")
    second_app.goto(f"community/{post_id}/edit")
    expect(second_app.page.get_by_text("이 글을 고칠 권한이 없습니다.")).to_be_visible()
    expect(second_app.page.locator("#post-title")).to_have_count(0)
    refused = api.patch(
        f"/community/{post_id}",
        json={"title": "hijacked", "content": "x"},
        headers=auth_headers(unique("reader")),
    )
    assert refused.status_code == 403, refused.text

    # The author deletes it, after confirming.
    app.expect_confirm()
    post.get_by_role("button", name="삭제").click()
    expect(app.page.locator(".page h1")).to_have_text("커뮤니티")
    expect(app.page.get_by_role("link", name=title)).to_have_count(0)
    assert api.get(f"/community/{post_id}").status_code == 404
    app.shot("deleted")
