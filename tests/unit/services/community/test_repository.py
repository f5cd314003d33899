"""The repository against DynamoDB Local: counters, refusals, the delete sweep and its resumption."""

from __future__ import annotations

import uuid

import pytest

from alpaco.kernel import dynamo
from alpaco.kernel.tables import COMMUNITY
from alpaco.services.community import repository
from alpaco.services.community.audit import audit
from alpaco.services.community.domain import Missing, NotOwner, PostDraft, PostEdit
from alpaco.services.community.items import now

pytestmark = pytest.mark.usefixtures("dynamodb_endpoint")


def _user() -> str:
    return f"u-{uuid.uuid4().hex[:10]}"


def _post(user_id: str, problem_id: str | None = None) -> str:
    draft = PostDraft(title="t", content="c", problem_id=problem_id)
    return repository.create_post(draft, user_id=user_id, author="A").post_id


def _mark_deleting(post_id: str) -> None:
    """What a delete that crashed right after its first step leaves behind."""
    dynamo.client().update_item(
        TableName=COMMUNITY.name,
        Key={"PK": {"S": post_id}, "SK": {"S": "POST"}},
        UpdateExpression="SET deleting = :at",
        ExpressionAttributeValues={":at": {"S": now()}},
    )


def _seed(post_id: str, comments: int, likes: int) -> None:
    """Items laid out as the repository writes them, in bulk, with counters to match."""
    keys = [f"COMMENT#{uuid.uuid4()}" for _ in range(comments)]
    keys += [f"LIKE#{_user()}" for _ in range(likes)]
    client = dynamo.client()
    for start in range(0, len(keys), 25):
        requests = [
            {"PutRequest": {"Item": {"PK": {"S": post_id}, "SK": {"S": sk}}}}
            for sk in keys[start : start + 25]
        ]
        assert not client.batch_write_item(RequestItems={COMMUNITY.name: requests}).get(
            "UnprocessedItems"
        )
    client.update_item(
        TableName=COMMUNITY.name,
        Key={"PK": {"S": post_id}, "SK": {"S": "POST"}},
        UpdateExpression="SET commentCount = :c, likesCount = :l",
        ExpressionAttributeValues={":c": {"N": str(comments)}, ":l": {"N": str(likes)}},
    )


def test_delete_sweeps_every_comment_and_like_however_many():
    owner = _user()
    post = _post(owner)
    _seed(post, comments=230, likes=70)
    repository.add_comment(post, "one more", user_id=_user(), author="B")
    before = audit(post)
    assert (before.comment_count, before.stored_comments) == (231, 231)
    assert (before.likes_count, before.stored_likes) == (70, 70)

    removed = repository.delete_post(post, user_id=owner, admin=False)

    assert (removed.comments, removed.likes) == (231, 70)
    assert audit(post).stored_items == 0


def test_a_half_finished_delete_hides_the_post_and_is_resumed_by_its_author():
    owner, stranger = _user(), _user()
    post = _post(owner, problem_id=f"p-{uuid.uuid4().hex[:6]}")
    repository.add_comment(post, "c", user_id=stranger, author="B")
    _mark_deleting(post)

    assert repository.get_post(post) is None
    listed = repository.list_posts(problem_id=None, user_id=owner, page_size=10, cursor=None)
    assert listed.items == []
    with pytest.raises(Missing):
        repository.add_comment(post, "late", user_id=stranger, author="B")
    with pytest.raises(Missing):
        repository.toggle_like(post, user_id=stranger)
    with pytest.raises(Missing):
        repository.update_post(post, PostEdit("t", "c", None, False), user_id=owner, admin=False)
    with pytest.raises(NotOwner):
        repository.delete_post(post, user_id=stranger, admin=False)

    assert repository.delete_post(post, user_id=owner, admin=False).comments == 1
    assert audit(post).stored_items == 0


def test_refusals_tell_missing_from_not_yours():
    owner, stranger = _user(), _user()
    post = _post(owner)
    edit = PostEdit("new", "body", None, False)
    with pytest.raises(NotOwner):
        repository.update_post(post, edit, user_id=stranger, admin=False)
    with pytest.raises(Missing):
        repository.update_post(str(uuid.uuid4()), edit, user_id=owner, admin=True)
    assert repository.update_post(post, edit, user_id=stranger, admin=True).title == "new"

    comment = repository.add_comment(post, "c", user_id=owner, author="A").comment_id
    with pytest.raises(NotOwner):
        repository.delete_comment(post, comment, user_id=stranger, admin=False)
    repository.delete_comment(post, comment, user_id=owner, admin=False)
    with pytest.raises(Missing):
        repository.delete_comment(post, comment, user_id=owner, admin=False)
    counted = audit(post)
    assert (counted.comment_count, counted.stored_comments) == (0, 0)


def test_writes_to_a_missing_post_leave_no_item():
    ghost = str(uuid.uuid4())
    with pytest.raises(Missing):
        repository.add_comment(ghost, "c", user_id=_user(), author="B")
    with pytest.raises(Missing):
        repository.toggle_like(ghost, user_id=_user())
    assert audit(ghost).stored_items == 0


def test_like_state_and_count_are_read_together():
    owner, fan = _user(), _user()
    post = _post(owner)
    assert repository.toggle_like(post, user_id=fan) == (True, 1)
    found = repository.get_post(post, viewer_id=fan)
    assert found is not None
    assert (found[0].likes_count, found[1]) == (1, True)
    found = repository.get_post(post, viewer_id=owner)
    assert found is not None
    assert found[1] is False
    assert repository.toggle_like(post, user_id=fan) == (False, 0)
