"""The list read budget over real HTTP: with `ALPACO_LIST_READ_BUDGET=5`, an anonymous title search
that matches few problems reads at most 5 items a request, answers short (even empty) pages with a
cursor, and paging on still yields every match exactly once, in order."""

from __future__ import annotations

import uuid
from typing import Any

import httpx
import pytest

from alpaco.kernel.tables import COMPLETED_PROBLEMS_INDEX, PROBLEMS
from alpaco.services.problems import repository
from alpaco.services.problems.views import LIST_ATTRIBUTES

pytestmark = pytest.mark.integration

ITEMS = 48
EVERY = 6  # one problem in six matches


@pytest.fixture(scope="module")
def corpus(dynamodb_endpoint: str) -> tuple[str, str, list[str]]:
    """A creator's problems, oldest first; the matching ones' ids in `createdAt` order."""
    run = uuid.uuid4().hex[:8]
    creator_id, needle = f"budget-{run}", f"needle{run}"
    matching = []
    for i in range(ITEMS):
        problem_id = f"budget-{run}-{i:03d}"
        repository.write_problem(
            {
                "problemId": problem_id,
                "title": f"{needle} {i}" if i % EVERY == 0 else f"hay {i}",
                "title_translated": f"건초 {i}",
                "description": "SECRET-STATEMENT-b5d2",
                "finalTestCases": "[]",
                "generationStatus": "completed",
                "createdAt": f"2032-01-01T00:00:{i:02d}.000Z",
                "creatorId": creator_id,
            }
        )
        if i % EVERY == 0:
            matching.append(problem_id)
    return creator_id, needle, matching


def _walk(
    api: httpx.Client, reads: Any, params: dict[str, str]
) -> list[tuple[dict[str, Any], int]]:
    """Every page of an anonymous list, with the number of items its request read."""
    pages = []
    while True:
        reads.take()
        response = api.get("/problems", params=params)
        assert response.status_code == 200
        pages.append((response.json(), reads.scanned()))
        cursor = pages[-1][0]["lastEvaluatedKey"]
        if cursor is None:
            return pages
        params = {**params, "lastEvaluatedKey": cursor}


@pytest.mark.parametrize("order", ["DESC", "ASC"])
def test_a_sparse_search_reads_within_the_budget_and_pages_every_match_once(
    api: httpx.Client,
    reads: Any,
    small_read_budget: int,
    corpus: tuple[str, str, list[str]],
    order: str,
) -> None:
    creator_id, needle, matching = corpus
    pages = _walk(api, reads, {"creatorId": creator_id, "title": needle, "sortOrder": order})

    assert all(read <= small_read_budget for _, read in pages)
    assert len(pages) >= ITEMS // small_read_budget
    short = [body for body, read in pages if body["lastEvaluatedKey"] and body["count"] < 20]
    assert short, "the budget never cut a page short"
    assert all(
        read == small_read_budget
        for body, read in pages
        if body["lastEvaluatedKey"] and body["count"] < 20
    )
    assert any(body["count"] == 0 and body["lastEvaluatedKey"] for body, _ in pages)
    ids = [item["problemId"] for body, _ in pages for item in body["items"]]
    assert ids == (matching if order == "ASC" else matching[::-1])


def test_a_search_over_every_problem_reads_only_the_budget_and_the_listed_fields(
    api: httpx.Client,
    reads: Any,
    small_read_budget: int,
    corpus: tuple[str, str, list[str]],
) -> None:
    _, needle, _ = corpus
    reads.take()
    response = api.get("/problems", params={"title": needle})

    assert response.status_code == 200
    body = response.json()
    calls = reads.take()
    assert sum(answer["ScannedCount"] for _, answer in calls) <= small_read_budget
    assert body["lastEvaluatedKey"] is not None
    allowed = {*LIST_ATTRIBUTES, *PROBLEMS.key_names(COMPLETED_PROBLEMS_INDEX)}
    for request, answer in calls:
        assert set(request["ExpressionAttributeNames"].values()) <= allowed | {"searchText"}
        assert all(set(item) <= allowed for item in answer["Items"])
    assert "SECRET-STATEMENT-b5d2" not in response.text
