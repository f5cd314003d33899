"""Paging property: for every filter combination and sort order, walking the pages yields every
matching problem exactly once, in `createdAt` order, in pages full unless their request read the whole
read budget; cursors cannot be forged or moved."""

from __future__ import annotations

import itertools
import random
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest

from alpaco.kernel import dynamo
from alpaco.kernel.config import get_settings
from alpaco.kernel.http import BadRequest
from alpaco.kernel.tables import PROBLEMS
from alpaco.services.problems import repository
from alpaco.services.problems.filters import ProblemFilters
from alpaco.services.problems.views import list_item

pytestmark = pytest.mark.integration

ITEMS = 240
WORDS = {"Strawberry": "딸기", "Graph": "그래프", "Coin": "동전"}
STORED_DIFFICULTY = ("Easy", "Medium", "Hard", "보통", "쉬움")
TAGS = ("dp", "graphs", "math")


def _items(creator_id: str, rng: random.Random) -> list[dict[str, Any]]:
    start = datetime(2031, 1, 1, tzinfo=UTC)
    items = []
    for i in range(ITEMS):
        word = rng.choice(list(WORDS))
        created = start + timedelta(
            seconds=i // 2
        )  # pairs share createdAt: cursors must split ties
        items.append(
            {
                "problemId": f"{creator_id}-{i:03d}",
                "title": f"{word} Walk {i} (Easy)",
                "title_translated": f"{WORDS[word]} 산책 {i}",
                "difficulty": rng.choice(STORED_DIFFICULTY),
                "tags": rng.sample(TAGS, k=rng.randint(0, 2)),
                "mode": "function",
                "generationStatus": "completed" if i % 7 else "step3_failed_attempt_0",
                "createdAt": created.isoformat(timespec="milliseconds").replace("+00:00", "Z"),
                "creatorId": creator_id,
                "author": "pager",
                "finalTestCases": "[]",
            }
        )
    rng.shuffle(items)
    return items


@pytest.fixture(scope="module")
def corpus(dynamodb_endpoint: str) -> tuple[str, list[dict[str, Any]]]:
    creator_id = f"pager-{uuid.uuid4()}"
    items = _items(creator_id, random.Random(4))
    for item in items:
        repository.write_problem(item)
    return creator_id, items


def _matches(item: dict[str, Any], f: ProblemFilters) -> bool:
    shown = list_item(item)
    titles = f"{item.get('title', '')}\n{item.get('title_translated', '')}".lower()
    return (
        item.get("generationStatus") == "completed"
        and (f.creator_id is None or item["creatorId"] == f.creator_id)
        and (f.difficulty is None or shown["difficulty"] == f.difficulty)
        and (f.tag is None or f.tag in shown["tags"])
        and (f.title is None or f.title in titles)
    )


def _pages(f: ProblemFilters, page_size: int, reads: Any) -> Iterator[tuple[dynamo.Page, int]]:
    """Each page with the number of items its request read."""
    cursor: str | None = None
    reads.take()
    while True:
        page = repository.list_problems(f, page_size=page_size, cursor=cursor)
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


def _combinations(creator_id: str) -> Iterator[ProblemFilters]:
    for creator, difficulty, tag, title, ascending in itertools.product(
        (None, creator_id), (None, "Easy", "Medium", "Hard"), (None, "dp"),
        (None, "berry walk"), (False, True),
    ):  # fmt: skip
        yield ProblemFilters(creator, difficulty, tag, title, ascending)


def test_every_filter_combination_pages_every_item_once_in_order(
    corpus: tuple[str, list[dict[str, Any]]], reads: Any
) -> None:
    creator_id, items = corpus
    stored = {i["problemId"]: i for i in items}

    def full(item: dict[str, Any]) -> dict[str, Any]:
        """Lists read a projection; the filter is checked against the whole stored item."""
        assert "description" not in item
        if item["problemId"] not in stored:
            stored[item["problemId"]] = repository.get_problem(item["problemId"]) or {}
        return stored[item["problemId"]]

    rng = random.Random(11)
    for filters in _combinations(creator_id):
        page_size = rng.choice((5, 8, 13, 21, 34, 100))
        expected = {i["problemId"] for i in items if _matches(i, filters)}
        pages = list(_pages(filters, page_size, reads))
        seen = [item for page, _ in pages for item in page.items]
        ids = [item["problemId"] for item in seen]
        context = f"{filters} pageSize={page_size}"
        assert len(ids) == len(set(ids)), f"duplicates with {context}"
        assert {i for i in ids if i.startswith(creator_id)} == expected, context
        assert all(_matches(full(item), filters) for item in seen), context
        times = [item["createdAt"] for item in seen]
        assert times == sorted(times, reverse=not filters.ascending), context
        assert _full_unless_out_of_budget(pages, page_size), f"short page with {context}"


@pytest.mark.parametrize("page_size", [1, 2])
def test_tiny_pages_over_a_narrow_filter(
    corpus: tuple[str, list[dict[str, Any]]], page_size: int, reads: Any
) -> None:
    creator_id, items = corpus
    filters = ProblemFilters(creator_id, "Hard", "graphs", "그래프")
    expected = [i for i in items if _matches(i, filters)]
    pages = list(_pages(filters, page_size, reads))
    ids = [item["problemId"] for page, _ in pages for item in page.items]
    assert sorted(ids) == sorted(i["problemId"] for i in expected)
    assert len(ids) == len(set(ids))
    assert _full_unless_out_of_budget(pages, page_size)


def test_walk_over_http_matches_the_repository(
    api: httpx.Client, corpus: tuple[str, list[dict[str, Any]]], reads: Any
) -> None:
    creator_id, items = corpus
    params = {
        "creatorId": creator_id,
        "difficulty": "보통",
        "title": " STRAW",
        "sortOrder": "ASC",
        "pageSize": "4",
    }
    ids: list[str] = []
    while True:
        reads.take()
        response = api.get("/problems", params=params)
        assert response.status_code == 200
        body = response.json()
        assert body["count"] == len(body["items"])
        ids += [item["problemId"] for item in body["items"]]
        if body["lastEvaluatedKey"] is None:
            break
        read = reads.scanned()
        assert body["count"] == 4 or read == get_settings().list_read_budget
        params["lastEvaluatedKey"] = body["lastEvaluatedKey"]
    filters = ProblemFilters(creator_id, "Medium", title="straw", ascending=True)
    expected = [i["problemId"] for i in items if _matches(i, filters)]
    assert sorted(ids) == sorted(expected)
    assert len(ids) > 4


def _first_cursor(api: httpx.Client, params: dict[str, str]) -> str:
    cursor = api.get("/problems", params={**params, "pageSize": "3"}).json()["lastEvaluatedKey"]
    assert isinstance(cursor, str)
    return cursor


def _tampered(cursor: str) -> list[str]:
    body, _, signature = cursor.partition(".")
    flipped = body[:-2] + ("A" if body[-2] != "A" else "B") + body[-1]
    return [
        f"{flipped}.{signature}",
        f"{body}.{signature[::-1]}",
        body,
        "not-a-cursor",
        "%7B%22problemId%22%3A%22x%22%7D",  # the original's raw key format
        "x" * 5000,
    ]


def test_tampered_and_foreign_cursors_are_bad_requests(
    api: httpx.Client, corpus: tuple[str, list[dict[str, Any]]]
) -> None:
    creator_id, _ = corpus
    mine = {"creatorId": creator_id}
    cursor = _first_cursor(api, mine)
    for bad in _tampered(cursor):
        response = api.get("/problems", params={**mine, "lastEvaluatedKey": bad})
        assert response.status_code == 400, bad
        assert response.json()["code"] == "bad_request"
    foreign = [
        {"creatorId": "someone-else"},
        {"creatorId": creator_id, "tag": "dp"},
        {"creatorId": creator_id, "sortOrder": "ASC"},
        {},
    ]
    for params in foreign:
        response = api.get("/problems", params={**params, "lastEvaluatedKey": cursor})
        assert response.status_code == 400, params
    submissions = api.get("/submissions", params={"lastEvaluatedKey": cursor})
    assert submissions.status_code == 400


def test_repository_rejects_a_cursor_from_another_list(
    corpus: tuple[str, list[dict[str, Any]]],
) -> None:
    creator_id, _ = corpus
    page = repository.list_problems(ProblemFilters(creator_id), page_size=2, cursor=None)
    assert page.last_evaluated_key is not None
    with pytest.raises(BadRequest):
        repository.list_problems(ProblemFilters(), page_size=2, cursor=page.last_evaluated_key)


def test_a_written_problem_stores_the_search_text(dynamodb_endpoint: str) -> None:
    item = {
        "problemId": f"search-{uuid.uuid4()}",
        "title": "MiXeD Case",
        "title_translated": "혼합",
        "generationStatus": "completed",
        "createdAt": "2031-01-01T00:00:00.000Z",
        "creatorId": "search-test",
    }
    repository.write_problem(item)
    stored = repository.get_problem(item["problemId"])
    assert stored is not None
    assert stored["searchText"] == "mixed case\n혼합"
    assert "searchText" not in item


def test_title_search_finds_items_written_without_search_text(dynamodb_endpoint: str) -> None:
    creator_id = f"legacy-{uuid.uuid4()}"
    raw = {
        "problemId": f"legacy-{uuid.uuid4()}",
        "title": "legacy berry",
        "title_translated": "옛 딸기",
        "generationStatus": "completed",
        "createdAt": "2031-01-01T00:00:00.000Z",
        "creatorId": creator_id,
    }
    dynamo.client().put_item(TableName=PROBLEMS.name, Item=dynamo.to_item(raw))
    for term in ("berry", "딸기"):
        page = repository.list_problems(
            ProblemFilters(creator_id, title=term), page_size=5, cursor=None
        )
        assert [i["problemId"] for i in page.items] == [raw["problemId"]]
