"""Validation and shaping, with no I/O."""

from __future__ import annotations

import pytest

from alpaco.kernel.http import BadRequest
from alpaco.services.community.domain import (
    COMMENT_MAX,
    CONTENT_MAX,
    ID_MAX,
    TITLE_MAX,
    Comment,
    Post,
    comment_view,
    is_plausible_id,
    parse_comment,
    parse_edit,
    parse_post,
    post_detail,
    post_summary,
)

POST = Post(
    post_id="p1",
    user_id="u1",
    author="Alice",
    title="t",
    content="<b>raw</b>",
    created_at="2025-06-01T12:00:00.000Z",
    updated_at="2025-06-01T12:00:00.000Z",
    likes_count=3,
    comment_count=2,
    problem_id=None,
)


def test_parse_post_trims_the_title_keeps_markdown_raw_and_ignores_author():
    draft = parse_post({"title": "  제목 ", "content": "  # h\n", "author": "mallory"})
    assert (draft.title, draft.content, draft.problem_id) == ("제목", "  # h\n", None)


@pytest.mark.parametrize(
    "body",
    [
        {"title": "x" * (TITLE_MAX + 1), "content": "c"},
        {"title": "t", "content": "x" * (CONTENT_MAX + 1)},
        {"title": " \u3000\n", "content": "c"},
        {"title": "t", "content": ""},
        {"title": ["t"], "content": "c"},
        {"title": "t"},
        {"content": "c"},
        {"title": "t", "content": "c", "problemId": {"id": 1}},
        {"title": "t", "content": "c", "problemId": " padded "},
    ],
)
def test_parse_post_rejects(body):
    with pytest.raises(BadRequest):
        parse_post(body)


def test_limits_count_characters_not_bytes():
    draft = parse_post({"title": "가" * TITLE_MAX, "content": "😀" * CONTENT_MAX})
    assert len(draft.title) == TITLE_MAX
    assert parse_comment({"content": "댓" * COMMENT_MAX}) == "댓" * COMMENT_MAX


def test_bound_errors_name_the_field_and_its_limit():
    with pytest.raises(BadRequest) as caught:
        parse_comment({"content": "x" * (COMMENT_MAX + 1)})
    assert caught.value.details == {
        "field": "content",
        "maxLength": COMMENT_MAX,
        "length": COMMENT_MAX + 1,
    }


@pytest.mark.parametrize(
    ("body", "relink", "problem_id"),
    [
        ({}, False, None),
        ({"problemId": None}, True, None),
        ({"problemId": ""}, True, None),
        ({"problemId": "p9"}, True, "p9"),
    ],
)
def test_parse_edit_tells_keep_from_unlink(body, relink, problem_id):
    edit = parse_edit({"title": "t", "content": "c", **body})
    assert (edit.relink, edit.problem_id) == (relink, problem_id)


@pytest.mark.parametrize("content", [None, "", "   ", 3, "x" * (COMMENT_MAX + 1)])
def test_parse_comment_rejects(content):
    with pytest.raises(BadRequest):
        parse_comment({"content": content})


def test_detail_shows_at_most_the_caller_in_liked_users():
    assert post_detail(POST, caller_id="u2", liked=True)["likedUsers"] == ["u2"]
    assert post_detail(POST, caller_id="u2", liked=False)["likedUsers"] == []
    assert post_detail(POST, caller_id=None, liked=False)["likedUsers"] == []


def test_summary_keeps_the_original_names_and_null_problem():
    assert post_summary(POST) == {
        "postId": "p1",
        "title": "t",
        "author": "Alice",
        "userId": "u1",
        "createdAt": "2025-06-01T12:00:00.000Z",
        "updatedAt": "2025-06-01T12:00:00.000Z",
        "likesCount": 3,
        "commentCount": 2,
        "problemId": None,
    }
    assert post_detail(POST, caller_id=None, liked=False)["content"] == "<b>raw</b>"


def test_comment_shape():
    comment = Comment("p1", "c1", "u1", "Bob", "hi", "2025-06-01T12:05:00.000Z")
    assert comment_view(comment) == {
        "commentId": "c1",
        "postId": "p1",
        "content": "hi",
        "author": "Bob",
        "userId": "u1",
        "createdAt": "2025-06-01T12:05:00.000Z",
    }


@pytest.mark.parametrize(("value", "plausible"), [("", False), ("a", True), ("a" * ID_MAX, True)])
def test_plausible_ids(value, plausible):
    assert is_plausible_id(value) is plausible
    assert not is_plausible_id("a" * (ID_MAX + 1))
