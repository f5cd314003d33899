"""Races over real HTTP: counters always equal the items stored, and deleting a post leaves nothing.

Each test releases all of its requests at once from a pool of threads (an Event, not a sleep) and then
checks the partition item by item through the repository.
"""

from __future__ import annotations

import threading
import uuid
from collections import Counter
from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest

from alpaco.services.community.audit import audit

pytestmark = pytest.mark.integration

USERS = 50


@pytest.fixture
def client(gateway_url):
    limits = httpx.Limits(max_connections=USERS, max_keepalive_connections=USERS)
    with httpx.Client(base_url=gateway_url, timeout=60, limits=limits) as shared:
        yield shared


@pytest.fixture
def crowd(auth_headers):
    tag = uuid.uuid4().hex[:6]
    return [auth_headers(f"crowd-{tag}-{i}") for i in range(USERS)]


def _all_at_once(calls):
    """Run every call in its own thread, released together; return the responses in order."""
    start = threading.Event()

    def run(call):
        start.wait()
        return call()

    with ThreadPoolExecutor(max_workers=len(calls)) as pool:
        futures = [pool.submit(run, call) for call in calls]
        start.set()
        return [f.result() for f in futures]


def _like(client, post_id, headers):
    return lambda: client.post(f"/community/{post_id}/like", headers=headers)


def test_fifty_users_liking_and_unliking_at_once_keep_an_exact_count(client, board, cast, crowd):
    post = board.post(cast.headers["owner"])["postId"]
    first = _all_at_once([_like(client, post, h) for h in crowd])
    assert [r.status_code for r in first] == [200] * USERS
    assert all(r.json()["isLiked"] for r in first)
    assert audit(post).likes_count == USERS

    # Everyone toggles again; every other user toggles twice at the same moment (a double click).
    second = [_like(client, post, h) for h in crowd] + [_like(client, post, h) for h in crowd[::2]]
    responses = _all_at_once(second)
    assert [r.status_code for r in responses] == [200] * len(second)

    counted = audit(post)
    expected = len(crowd[::2])
    assert counted.stored_likes == counted.likes_count == expected
    assert board.read(post)["likesCount"] == expected
    states = _all_at_once([lambda h=h: client.get(f"/community/{post}", headers=h) for h in crowd])
    liked = [r.json()["isLiked"] for r in states]
    assert liked == [i % 2 == 0 for i in range(USERS)]


def test_fifty_comments_created_and_deleted_at_once_keep_an_exact_count(client, board, cast, crowd):
    post = board.post(cast.headers["owner"])["postId"]
    created = _all_at_once(
        [
            lambda h=h: client.post(f"/community/{post}/comments", json={"content": "c"}, headers=h)
            for h in crowd
        ]
    )
    assert [r.status_code for r in created] == [201] * USERS
    assert audit(post).comment_count == USERS
    ids = [r.json()["commentId"] for r in created]

    def delete(comment_id, headers):
        return lambda: client.delete(f"/community/{post}/comments/{comment_id}", headers=headers)

    deletes = [delete(c, h) for c, h in zip(ids, crowd, strict=True)]
    admin_duplicates = [delete(c, cast.headers["admin"]) for c in ids[:10]]
    fresh = [
        lambda h=h: client.post(f"/community/{post}/comments", json={"content": "n"}, headers=h)
        for h in crowd[:20]
    ]
    statuses = Counter(r.status_code for r in _all_at_once(deletes + admin_duplicates + fresh))

    assert statuses == {200: USERS, 404: 10, 201: 20}, "a lost delete is never reported as done"
    counted = audit(post)
    assert counted.stored_comments == counted.comment_count == 20
    listed = board.walk(f"/community/{post}/comments", "comments", pageSize=100)
    assert sum(len(p) for p in listed) == 20


def test_deleting_a_post_while_comments_pour_in_leaves_nothing(client, board, cast, crowd):
    post = board.post(cast.headers["owner"])["postId"]
    writers = crowd[:8]
    enough = threading.Event()
    lock = threading.Lock()
    outcomes: Counter[int] = Counter()

    def keep_commenting(headers):
        for _ in range(400):
            status = client.post(
                f"/community/{post}/comments", json={"content": "race"}, headers=headers
            ).status_code
            with lock:
                outcomes[status] += 1
                if outcomes[201] >= 30:
                    enough.set()
            if status != 201:
                return

    def keep_liking(headers):
        for _ in range(400):
            if client.post(f"/community/{post}/like", headers=headers).status_code != 200:
                return

    with ThreadPoolExecutor(max_workers=len(writers) + 2) as pool:
        running = [pool.submit(keep_commenting, h) for h in writers]
        running += [pool.submit(keep_liking, h) for h in crowd[8:10]]
        assert enough.wait(timeout=30)
        deleted = client.delete(f"/community/{post}", headers=cast.headers["owner"])
        for future in running:
            future.result()

    assert deleted.status_code == 200, deleted.text
    assert set(outcomes) == {201, 404}, outcomes
    assert outcomes[404] == len(writers), "every writer was refused once the post was going"
    assert deleted.json()["deletedCommentsCount"] == outcomes[201], "every accepted comment swept"
    assert audit(post).stored_items == 0
    assert client.get(f"/community/{post}").status_code == 404
    assert client.get(f"/community/{post}/comments").json()["comments"] == []
