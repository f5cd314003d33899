"""The list read budget and the list indexes over real HTTP: with `ALPACO_LIST_READ_BUDGET=5`, an
anonymous `problemTitleTranslated` search reads at most 5 items a request and pages on to every match
exactly once, in order; no list request reads `userCode`, and the list indexes do not even hold it."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Sequence
from typing import Any

import httpx
import pytest

from alpaco.kernel import dynamo
from alpaco.kernel.tables import ALL_SUBMISSIONS_INDEX, SUBMISSIONS, SUBMISSIONS_BY_PROBLEM_INDEX

pytestmark = pytest.mark.integration

ITEMS = 40
EVERY = 5  # one submission in five matches
CODE_MARK = "SECRET-CODE-9c1d"


class Corpus:
    """Submissions to one problem by several users, oldest first."""

    def __init__(self, new: Callable[..., dict[str, Any]]) -> None:
        run = uuid.uuid4().hex[:8]
        self.problem_id = f"budget-problem-{run}"
        self.token = f"딸기{run}"
        self.items = [
            new(
                f"budget-user-{run}-{i % 3}",
                submissionId=f"budget-{run}-{i:03d}",
                problemId=self.problem_id,
                problemTitleTranslated=f"{self.token} 합" if i % EVERY == 0 else f"동전 {run}",
                submissionTime=2_000_000_000 + i,
            )
            for i in range(ITEMS)
        ]
        self.matching = [i["submissionId"] for n, i in enumerate(self.items) if n % EVERY == 0]


@pytest.fixture(scope="module")
def corpus(
    new_submission: Callable[..., dict[str, Any]],
    write_submissions: Callable[[Sequence[dict[str, Any]]], None],
) -> Corpus:
    corpus = Corpus(new_submission)
    write_submissions(corpus.items)
    return corpus


def _assert_no_code_read(calls: list[tuple[dict[str, Any], dict[str, Any]]]) -> None:
    for request, answer in calls:
        assert "userCode" not in request.get("ExpressionAttributeNames", {}).values()
        assert all("userCode" not in item for item in answer["Items"])


@pytest.mark.parametrize("order", ["DESC", "ASC"])
def test_an_anonymous_sparse_search_reads_within_the_budget_and_pages_every_match_once(
    api: httpx.Client, reads: Any, small_read_budget: int, corpus: Corpus, order: str
) -> None:
    params = {
        "problemId": corpus.problem_id,
        "problemTitleTranslated": corpus.token,
        "sortOrder": order,
    }
    ids: list[str] = []
    short = 0
    while True:
        reads.take()
        response = api.get("/submissions", params=params)
        assert response.status_code == 200
        body = response.json()
        calls = reads.take()
        read = sum(answer["ScannedCount"] for _, answer in calls)
        assert read <= small_read_budget
        _assert_no_code_read(calls)
        assert "userCode" not in response.text
        assert CODE_MARK not in response.text
        ids += [item["submissionId"] for item in body["items"]]
        if body["lastEvaluatedKey"] is None:
            break
        if body["count"] < 20:
            assert read == small_read_budget, "a page is short only when the budget ran out"
            short += 1
        params["lastEvaluatedKey"] = body["lastEvaluatedKey"]
    assert short >= ITEMS // small_read_budget - 1
    assert ids == (corpus.matching if order == "ASC" else corpus.matching[::-1])


def test_an_anonymous_search_over_every_submission_reads_only_the_budget_and_no_code(
    api: httpx.Client, reads: Any, small_read_budget: int, corpus: Corpus
) -> None:
    reads.take()
    response = api.get("/submissions", params={"problemTitleTranslated": corpus.token})

    assert response.status_code == 200
    calls = reads.take()
    assert [request["IndexName"] for request, _ in calls] == [ALL_SUBMISSIONS_INDEX]
    assert sum(answer["ScannedCount"] for _, answer in calls) <= small_read_budget
    assert response.json()["lastEvaluatedKey"] is not None
    _assert_no_code_read(calls)
    assert CODE_MARK not in response.text


def test_the_list_index_does_not_hold_code_or_case_results(corpus: Corpus) -> None:
    """Asked for everything it has, the index answers without `userCode` or `results`."""
    response = dynamo.client().query(
        TableName=SUBMISSIONS.name,
        IndexName=SUBMISSIONS_BY_PROBLEM_INDEX,
        KeyConditionExpression="problemId = :p",
        ExpressionAttributeValues={":p": {"S": corpus.problem_id}},
    )
    items = response["Items"]
    assert len(items) == ITEMS
    assert all({"userCode", "results"}.isdisjoint(item) for item in items)
    assert all("problemTitleTranslated" in item for item in items)
    assert CODE_MARK not in repr(items)
