"""Marshalling, signed cursors, and pages against a real DynamoDB Local table: full within the read
budget, short only when it runs out, and every item once either way."""

from __future__ import annotations

import math
import uuid
from collections.abc import Iterator
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from alpaco.kernel import dynamo
from alpaco.kernel.config import reset_settings
from alpaco.kernel.dynamo import CursorCodec, Query, item_bytes, query_page
from alpaco.kernel.http import BadRequest
from alpaco.kernel.tables import PROBLEMS

json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-(10**15), 10**15)
    | st.text(max_size=20)
    | st.floats(allow_nan=False, allow_infinity=False, width=32).filter(
        lambda f: not f.is_integer()
    ),
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.dictionaries(st.text(min_size=1, max_size=5), inner, max_size=4)
    ),
    max_leaves=12,
)


@given(st.dictionaries(st.text(min_size=1, max_size=8), json_values, max_size=6))
def test_item_round_trip_gives_plain_values(item: dict[str, object]) -> None:
    back = dynamo.from_item(dynamo.to_item(item))
    expected = {k: v for k, v in item.items() if v is not None}
    assert _close(back, expected)


def _close(a: object, b: object) -> bool:
    if isinstance(a, float) or isinstance(b, float):
        return (
            isinstance(a, int | float)
            and isinstance(b, int | float)
            and math.isclose(a, b, rel_tol=1e-6)
        )
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(_close(a[k], b[k]) for k in a)
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(_close(x, y) for x, y in zip(a, b, strict=True))
    return a == b and type(a) is type(b)


def test_item_bytes_counts_names_and_utf8_values() -> None:
    assert item_bytes({"a": "xyz"}) == 4
    assert item_bytes({"title": "한"}) == 5 + 3
    assert item_bytes({"tags": ["ab", "c"]}) == 4 + 3 + (1 + 2) + (1 + 1)
    assert item_bytes({"n": 12345, "ok": True, "gone": None}) == 1 + (5 // 2 + 2) + 2 + 1
    assert item_bytes({"m": {"k": None}}) == 1 + 3 + (1 + 1 + 1)
    assert item_bytes({"s": "\ud800"}) == 1 + 3


def test_cursor_round_trip_and_scope() -> None:
    codec = CursorCodec(b"secret")
    key = {"problemId": {"S": "p1"}, "createdAt": {"S": "2026-01-01"}}
    token = codec.encode(key, "scope-a")
    assert codec.decode(token, "scope-a") == key
    with pytest.raises(BadRequest, match="does not belong"):
        codec.decode(token, "scope-b")


@pytest.mark.parametrize(
    "mutate",
    [
        lambda t: t[:-2] + ("AA" if not t.endswith("AA") else "BB"),
        lambda t: "x" + t,
        lambda t: t.split(".")[0],
        lambda t: "",
        lambda t: "%%%.%%%",
        lambda t: "a" * 5000,
    ],
)
def test_tampered_cursor_is_rejected(mutate: object) -> None:
    codec = CursorCodec(b"secret")
    token = codec.encode({"k": {"S": "v"}}, "s")
    with pytest.raises(BadRequest):
        codec.decode(mutate(token), "s")  # type: ignore[operator]


def test_cursor_from_another_secret_is_rejected() -> None:
    token = CursorCodec(b"other").encode({"k": {"S": "v"}}, "s")
    with pytest.raises(BadRequest):
        CursorCodec(b"secret").decode(token, "s")


@pytest.fixture(scope="module")
def creator(dynamodb_endpoint: str) -> str:
    """57 problems of one creator, every third one not completed (so filters and index both matter),
    every tenth one titled `needle` (a sparse filter)."""
    creator_id = f"pager-{uuid.uuid4().hex[:8]}"
    client = dynamo.client()
    for i in range(57):
        client.put_item(
            TableName=PROBLEMS.name,
            Item=dynamo.to_item(
                {
                    "problemId": f"{creator_id}-{i:03d}",
                    "creatorId": creator_id,
                    "createdAt": f"2026-01-01T00:00:{i:02d}.000Z",
                    "generationStatus": "completed" if i % 3 else "started",
                    "title": "needle" if i % 10 == 0 else "hay",
                }
            ),
        )
    return creator_id


def _number(item: dict[str, Any]) -> int:
    """The problem's place in the fixture, read from its id: the index copies only listed fields."""
    return int(str(item["problemId"]).rsplit("-", 1)[1])


class Reads:
    """Stands in for the client and keeps every Query request with DynamoDB's answer."""

    def __init__(self, real: Any) -> None:
        self._real = real
        self.calls: list[tuple[dict[str, Any], dict[str, Any]]] = []

    def query(self, **request: Any) -> Any:
        response = self._real.query(**request)
        self.calls.append((dict(request), response))
        return response

    def take(self) -> list[tuple[dict[str, Any], dict[str, Any]]]:
        calls, self.calls = self.calls, []
        return calls


@pytest.fixture
def reads(creator: str, monkeypatch: pytest.MonkeyPatch) -> Reads:
    log = Reads(dynamo.client())
    monkeypatch.setattr(dynamo, "client", lambda: log)
    return log


@pytest.fixture
def read_budget(request: pytest.FixtureRequest) -> Iterator[int]:
    """The list read budget for one test, given by indirect parametrization."""
    budget: int = request.param
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("ALPACO_LIST_READ_BUDGET", str(budget))
        reset_settings()
        yield budget
    reset_settings()


@pytest.mark.parametrize("page_size", [1, 2, 5, 7, 19, 37, 100])
@pytest.mark.parametrize("forward", [True, False])
def test_pages_are_full_and_every_item_appears_once(
    creator: str, page_size: int, forward: bool
) -> None:
    query = Query(
        PROBLEMS,
        key_condition="creatorId = :c",
        values={":c": creator, ":done": "completed"},
        index="CreatorIdCreatedAtGSI",
        filter="generationStatus = :done",
        forward=forward,
    )
    seen: list[int] = []
    cursor = None
    while True:
        page = query_page(query, page_size=page_size, cursor=cursor)
        remaining = 38 - len(seen)
        assert page.count == min(page_size, remaining)
        seen += [_number(item) for item in page.items]
        cursor = page.last_evaluated_key
        if cursor is None:
            break
    expected = [i for i in range(57) if i % 3]
    assert seen == (expected if forward else expected[::-1])


def test_cursor_of_one_list_is_refused_by_another(creator: str) -> None:
    def query(who: str) -> Query:
        return Query(PROBLEMS, "creatorId = :c", {":c": who}, index="CreatorIdCreatedAtGSI")

    first = query_page(query(creator), page_size=3, cursor=None)
    assert first.last_evaluated_key
    other = query("someone-else")
    with pytest.raises(BadRequest):
        query_page(other, page_size=3, cursor=first.last_evaluated_key)


@pytest.mark.parametrize("read_budget", [1, 5, 7, 40], indirect=True)
@pytest.mark.parametrize("page_size", [1, 3, 20])
@pytest.mark.parametrize("sparse", [True, False])
def test_the_read_budget_bounds_each_page_and_paging_on_finds_every_item_once(
    creator: str, reads: Reads, read_budget: int, page_size: int, sparse: bool
) -> None:
    query = Query(
        PROBLEMS,
        key_condition="creatorId = :c",
        values={":c": creator, ":t": "needle"} if sparse else {":c": creator},
        index="CreatorIdCreatedAtGSI",
        names={"#t": "title"} if sparse else None,
        filter="#t = :t" if sparse else None,
    )
    seen: list[int] = []
    cursor = None
    while True:
        page = query_page(query, page_size=page_size, cursor=cursor)
        calls = reads.take()
        read = sum(response["ScannedCount"] for _, response in calls)
        assert read <= read_budget
        assert all(request["Limit"] <= read_budget for request, _ in calls)
        if page.count < page_size and page.last_evaluated_key:
            assert read == read_budget, "a page is short only when the budget ran out"
        seen += [_number(item) for item in page.items]
        cursor = page.last_evaluated_key
        if cursor is None:
            break
    assert seen == [i for i in range(57) if i % 10 == 0 or not sparse]
