"""Paging property: for every filter combination and sort order, walking the pages yields every
matching submission exactly once, in `submissionTime` order, in pages full unless their request read
the whole read budget; cursors cannot be forged or moved to another list."""

from __future__ import annotations

import itertools
import random
import uuid
from collections.abc import Callable, Iterator, Sequence
from typing import Any

import httpx
import pytest

from alpaco.kernel import dynamo
from alpaco.kernel.config import get_settings
from alpaco.kernel.http import BadRequest
from alpaco.services.submissions import repository
from alpaco.services.submissions.filters import SubmissionFilters
from alpaco.services.submissions.views import summary

pytestmark = pytest.mark.integration

ITEMS = 300
BASE_TIME = 1_950_000_000


class Corpus:
    """Two users, three problems and two author names, mixed: a user may have changed nickname."""

    def __init__(self, run: str, rng: random.Random, new: Callable[..., dict[str, Any]]) -> None:
        self.users = [f"user-{run}-{n}" for n in range(2)]
        self.problems = [f"problem-{run}-{n}" for n in range(3)]
        self.authors = [f"author-{run}-{n}" for n in range(2)]
        self.token = f"딸기{run}"
        self.items = []
        for i in range(ITEMS):
            problem = rng.randrange(3)
            title = f"{self.token} {problem}" if problem < 2 else f"동전 {run}"
            self.items.append(
                new(
                    rng.choice(self.users),
                    submissionId=f"{run}-{i:03d}",
                    problemId=self.problems[problem],
                    problemTitleTranslated=title,
                    author=rng.choice(self.authors),
                    submissionTime=BASE_TIME + i // 3,  # ties: cursors must split them
                )
            )
        rng.shuffle(self.items)

    def mine(self, submission_id: str) -> bool:
        return any(i["submissionId"] == submission_id for i in self.items)


@pytest.fixture(scope="module")
def corpus(
    new_submission: Callable[..., dict[str, Any]],
    write_submissions: Callable[[Sequence[dict[str, Any]]], None],
) -> Corpus:
    corpus = Corpus(uuid.uuid4().hex[:8], random.Random(7), new_submission)
    write_submissions(corpus.items)
    return corpus


def _matches(item: dict[str, Any], f: SubmissionFilters) -> bool:
    return (
        item.get("is_submission") == "Y"
        and (f.user_id is None or item["userId"] == f.user_id)
        and (f.problem_id is None or item["problemId"] == f.problem_id)
        and (f.author is None or item["author"] == f.author)
        and (f.title is None or f.title in item["problemTitleTranslated"])
    )


def _pages(f: SubmissionFilters, page_size: int, reads: Any) -> Iterator[tuple[dynamo.Page, int]]:
    """Each page with the number of items its request read."""
    cursor: str | None = None
    reads.take()
    while True:
        page = repository.list_submissions(f, page_size=page_size, cursor=cursor)
        yield page, reads.scanned()
        if page.last_evaluated_key is None:
            return
        cursor = page.last_evaluated_key


def _full_unless_out_of_budget(pages: list[tuple[dynamo.Page, int]], page_size: int) -> bool:
    """Short pages, and an empty last one, come only after a request that read its whole budget."""
    budget = get_settings().list_read_budget
    full = all(page.count == page_size or read == budget for page, read in pages[:-1])
    last, _ = pages[-1]
    return full and (last.count > 0 or len(pages) == 1 or pages[-2][1] == budget)


def _combinations(corpus: Corpus) -> Iterator[SubmissionFilters]:
    for user, problem, author, title, ascending in itertools.product(
        (None, corpus.users[0]),
        (None, corpus.problems[1]),
        (None, corpus.authors[0]),
        (None, corpus.token),
        (False, True),
    ):
        yield SubmissionFilters(user, problem, author, title, ascending)


def test_every_filter_combination_pages_every_item_once_in_order(
    corpus: Corpus, reads: Any
) -> None:
    stored = {i["submissionId"]: i for i in corpus.items}

    def full(item: dict[str, Any]) -> dict[str, Any]:
        """Lists read a projection; the filter is checked against the whole stored item."""
        assert "userCode" not in item
        if item["submissionId"] not in stored:
            stored[item["submissionId"]] = repository.get_submission(item["submissionId"]) or {}
        return stored[item["submissionId"]]

    rng = random.Random(3)
    for filters in _combinations(corpus):
        page_size = rng.choice((5, 8, 13, 21, 34, 100))
        expected = {i["submissionId"] for i in corpus.items if _matches(i, filters)}
        pages = list(_pages(filters, page_size, reads))
        seen = [item for page, _ in pages for item in page.items]
        ids = [item["submissionId"] for item in seen]
        context = f"{filters} pageSize={page_size}"
        assert len(ids) == len(set(ids)), f"duplicates with {context}"
        assert {i for i in ids if corpus.mine(i)} == expected, context
        assert all(_matches(full(item), filters) for item in seen), context
        times = [item["submissionTime"] for item in seen]
        assert times == sorted(times, reverse=not filters.ascending), context
        assert _full_unless_out_of_budget(pages, page_size), f"short page with {context}"


@pytest.mark.parametrize("page_size", [1, 2])
def test_tiny_pages_over_a_narrow_filter(corpus: Corpus, page_size: int, reads: Any) -> None:
    filters = SubmissionFilters(corpus.users[1], corpus.problems[0], corpus.authors[1])
    expected = {i["submissionId"] for i in corpus.items if _matches(i, filters)}
    pages = list(_pages(filters, page_size, reads))
    ids = [item["submissionId"] for page, _ in pages for item in page.items]
    assert len(ids) == len(set(ids)) == len(expected)
    assert set(ids) == expected
    assert _full_unless_out_of_budget(pages, page_size)


def test_walk_over_http_matches_the_repository(
    api: httpx.Client, corpus: Corpus, reads: Any
) -> None:
    params = {"userId": corpus.users[0], "problemTitleTranslated": corpus.token, "pageSize": "11"}
    seen: list[dict[str, Any]] = []
    while True:
        reads.take()
        response = api.get("/submissions", params=params)
        assert response.status_code == 200
        body = response.json()
        assert body["count"] == len(body["items"])
        seen += body["items"]
        if body["lastEvaluatedKey"] is None:
            break
        read = reads.scanned()
        assert body["count"] == 11 or read == get_settings().list_read_budget
        params["lastEvaluatedKey"] = body["lastEvaluatedKey"]
    expected = [
        summary(i)
        for i in corpus.items
        if _matches(i, SubmissionFilters(corpus.users[0], title=corpus.token))
    ]
    assert sorted(seen, key=lambda i: i["submissionId"]) == sorted(
        expected, key=lambda i: i["submissionId"]
    )
    assert len(seen) > 11


def test_tampered_and_foreign_cursors_are_bad_requests(api: httpx.Client, corpus: Corpus) -> None:
    mine = {"userId": corpus.users[0], "pageSize": "3"}
    cursor = api.get("/submissions", params=mine).json()["lastEvaluatedKey"]
    assert isinstance(cursor, str)
    body, _, signature = cursor.partition(".")
    for bad in (
        f"{body[:-1]}{'A' if body[-1] != 'A' else 'B'}.{signature}",
        f"{body}.{signature[::-1]}",
        "garbage",
        "%7B%22submissionId%22%3A%22x%22%7D",
    ):
        response = api.get("/submissions", params={**mine, "lastEvaluatedKey": bad})
        assert response.status_code == 400, bad
        assert response.json()["code"] == "bad_request"
    for params in (
        {"userId": corpus.users[1]},
        {"userId": corpus.users[0], "sortOrder": "ASC"},
        {"userId": corpus.users[0], "author": corpus.authors[0]},
        {},
    ):
        response = api.get("/submissions", params={**params, "lastEvaluatedKey": cursor})
        assert response.status_code == 400, params
    assert api.get("/problems", params={"lastEvaluatedKey": cursor}).status_code == 400


def test_repository_rejects_a_cursor_from_another_list(corpus: Corpus) -> None:
    page = repository.list_submissions(
        SubmissionFilters(problem_id=corpus.problems[0]), page_size=2, cursor=None
    )
    assert page.last_evaluated_key is not None
    with pytest.raises(BadRequest):
        repository.list_submissions(
            SubmissionFilters(problem_id=corpus.problems[1]),
            page_size=2,
            cursor=page.last_evaluated_key,
        )
