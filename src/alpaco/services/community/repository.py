"""Community table access. Every count is changed in the same transaction as the item it counts, and
every ownership rule is a condition expression, so no interleaving of requests can break either.

Layout of one post's partition (PK = postId):
  SK "POST"                the post; GSI1PK/GSI1SK, userId/createdAt and problemId/createdAt index it
  SK "COMMENT#<id>"        a comment; its time is `commentCreatedAt` and its author id `commenterId`, so
                           it appears in commentSortIndex only, never in the post indexes
  SK "LIKE#<userId>"       one like; `likerId`/`likedAt`, in no index

Deleting a post never leaves orphans, however many items it has and whatever runs at the same time:
  1. the post is marked `deleting` by a conditional update (author or admin);
  2. every write that adds to the partition (comment, like) is a transaction that also updates the post
     under `attribute_exists(PK) AND attribute_not_exists(deleting)`. DynamoDB serialises that
     transaction against the mark on the post item, so it either committed completely before the mark
     or it fails; none can commit afterwards;
  3. a strongly consistent query that starts after the mark therefore sees every item that will ever
     exist in the partition; they are removed in batches, then the post itself.
A crash between the steps leaves a hidden, marked post; repeating the DELETE resumes the sweep.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from alpaco.kernel import dynamo
from alpaco.kernel.dynamo_errors import ConditionFailed, Contended, TransactionCancelled
from alpaco.kernel.dynamo_writes import (
    ATTEMPTS,
    batches,
    delete_keys,
    retrying,
    transact,
)
from alpaco.kernel.tables import (
    ALL_POSTS_INDEX,
    COMMUNITY,
    POST_COMMENTS_INDEX,
    POSTS_BY_PROBLEM_INDEX,
    POSTS_BY_USER_INDEX,
)
from alpaco.services.community.domain import (
    Comment,
    Missing,
    NotOwner,
    Post,
    PostDraft,
    PostEdit,
)

POST_SK = "POST"
COMMENT_PREFIX = "COMMENT#"
LIKE_PREFIX = "LIKE#"
ALL_POSTS = "POST"
_LIVE_POST = "attribute_exists(PK) AND attribute_not_exists(deleting)"
_SUMMARY = (
    "title",
    "author",
    "userId",
    "createdAt",
    "updatedAt",
    "likesCount",
    "commentCount",
    "problemId",
)


@dataclass(frozen=True)
class Slice:
    items: list[Any]
    cursor: str | None


@dataclass(frozen=True)
class Removed:
    comments: int
    likes: int


@dataclass(frozen=True)
class Audit:
    """What a post's counters say next to what its partition really holds."""

    post_exists: bool
    comment_count: int
    likes_count: int
    stored_comments: int
    stored_likes: int
    stored_items: int


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def _key(post_id: str, sort_key: str = POST_SK) -> dict[str, Any]:
    return {"PK": {"S": post_id}, "SK": {"S": sort_key}}


def _values(**values: Any) -> dict[str, Any]:
    return {f":{name}": dynamo.to_value(value) for name, value in values.items()}


def create_post(draft: PostDraft, *, user_id: str, author: str) -> Post:
    at = now()
    post = Post(
        post_id=str(uuid.uuid4()),
        user_id=user_id,
        author=author,
        title=draft.title,
        content=draft.content,
        created_at=at,
        updated_at=at,
        likes_count=0,
        comment_count=0,
        problem_id=draft.problem_id,
    )
    item = {
        "PK": post.post_id,
        "SK": POST_SK,
        "GSI1PK": ALL_POSTS,
        "GSI1SK": at,
        "userId": user_id,
        "author": author,
        "title": post.title,
        "content": post.content,
        "createdAt": at,
        "updatedAt": at,
        "likesCount": 0,
        "commentCount": 0,
        "problemId": post.problem_id,
    }
    dynamo.client().put_item(
        TableName=COMMUNITY.name,
        Item=dynamo.to_item(item),
        ConditionExpression="attribute_not_exists(PK)",
    )
    return post


def get_post(post_id: str, *, viewer_id: str | None = None) -> tuple[Post, bool] | None:
    """The post and whether the viewer likes it, read as one snapshot so the two never disagree."""
    keys = [_key(post_id)] + ([_key(post_id, LIKE_PREFIX + viewer_id)] if viewer_id else [])
    response = retrying(
        lambda: dynamo.client().transact_get_items(
            TransactItems=[{"Get": {"TableName": COMMUNITY.name, "Key": k}} for k in keys]
        )
    )
    found = [r.get("Item") for r in response["Responses"]]
    if not found[0] or "deleting" in found[0]:
        return None
    return _post(dynamo.from_item(found[0])), len(found) > 1 and bool(found[1])


def update_post(post_id: str, edit: PostEdit, *, user_id: str, admin: bool) -> Post:
    sets = ["title = :title", "content = :content", "updatedAt = :at"]
    values = _values(title=edit.title, content=edit.content, at=now())
    removes = []
    if edit.relink and edit.problem_id is None:
        removes.append("problemId")
    elif edit.relink:
        sets.append("problemId = :problem")
        values.update(_values(problem=edit.problem_id))
    condition = _LIVE_POST
    if not admin:
        condition += " AND userId = :me"
        values.update(_values(me=user_id))
    expression = "SET " + ", ".join(sets) + (" REMOVE " + ", ".join(removes) if removes else "")
    try:
        response = retrying(
            lambda: dynamo.client().update_item(
                TableName=COMMUNITY.name,
                Key=_key(post_id),
                UpdateExpression=expression,
                ConditionExpression=condition,
                ExpressionAttributeValues=values,
                ReturnValues="ALL_NEW",
                ReturnValuesOnConditionCheckFailure="ALL_OLD",
            )
        )
    except ConditionFailed as failed:
        raise _refusal(failed) from failed
    return _post(dynamo.from_item(response["Attributes"]))


def delete_post(post_id: str, *, user_id: str, admin: bool) -> Removed:
    """Mark, sweep, remove (see the module docstring for why nothing can be left behind)."""
    values = _values(at=now())
    condition = "attribute_exists(PK)"
    if not admin:
        condition += " AND userId = :me"
        values.update(_values(me=user_id))
    try:
        retrying(
            lambda: dynamo.client().update_item(
                TableName=COMMUNITY.name,
                Key=_key(post_id),
                UpdateExpression="SET deleting = :at",
                ConditionExpression=condition,
                ExpressionAttributeValues=values,
                ReturnValuesOnConditionCheckFailure="ALL_OLD",
            )
        )
    except ConditionFailed as failed:
        raise _refusal(failed, hidden_when_deleting=False) from failed
    comments = likes = 0
    for batch in batches(_children(post_id)):
        delete_keys(COMMUNITY.name, [_key(post_id, sort_key) for sort_key in batch])
        comments += sum(sort_key.startswith(COMMENT_PREFIX) for sort_key in batch)
        likes += sum(sort_key.startswith(LIKE_PREFIX) for sort_key in batch)
    retrying(lambda: dynamo.client().delete_item(TableName=COMMUNITY.name, Key=_key(post_id)))
    return Removed(comments=comments, likes=likes)


def toggle_like(post_id: str, *, user_id: str) -> tuple[bool, int]:
    """Flip the caller's like; returns (liked now, likesCount). A request that loses a race with the
    same user's other toggle re-reads and flips again, so each successful call is exactly one flip."""
    like_key = _key(post_id, LIKE_PREFIX + user_id)
    for _ in range(ATTEMPTS):
        liked = _exists(like_key)
        change = _values(delta=-1 if liked else 1)
        if liked:
            like_op = {"Delete": {"Key": like_key, "ConditionExpression": "attribute_exists(PK)"}}
        else:
            item = {**like_key, **dynamo.to_item({"likerId": user_id, "likedAt": now()})}
            like_op = {"Put": {"Item": item, "ConditionExpression": "attribute_not_exists(PK)"}}
        counter = _count_change(post_id, "likesCount", change, _LIVE_POST)
        try:
            transact(COMMUNITY.name, like_op, counter)
        except TransactionCancelled as cancelled:
            if cancelled.failed(1):
                raise Missing from None
            if not cancelled.failed(0):
                raise
            continue
        return not liked, _counter(post_id, "likesCount")
    raise Contended


def add_comment(post_id: str, content: str, *, user_id: str, author: str) -> Comment:
    comment = Comment(
        post_id=post_id,
        comment_id=str(uuid.uuid4()),
        user_id=user_id,
        author=author,
        content=content,
        created_at=now(),
    )
    item = {
        **_key(post_id, COMMENT_PREFIX + comment.comment_id),
        **dynamo.to_item(
            {
                "commentId": comment.comment_id,
                "commenterId": user_id,
                "author": author,
                "content": content,
                "commentCreatedAt": comment.created_at,
            }
        ),
    }
    try:
        transact(
            COMMUNITY.name,
            {"Put": {"Item": item, "ConditionExpression": "attribute_not_exists(PK)"}},
            _count_change(post_id, "commentCount", _values(delta=1), _LIVE_POST),
        )
    except TransactionCancelled as cancelled:
        if not cancelled.failed(1):
            raise
        raise Missing from None
    return comment


def delete_comment(post_id: str, comment_id: str, *, user_id: str, admin: bool) -> None:
    condition = "attribute_exists(PK)" + ("" if admin else " AND commenterId = :me")
    delete: dict[str, Any] = {
        "Key": _key(post_id, COMMENT_PREFIX + comment_id),
        "ConditionExpression": condition,
        "ReturnValuesOnConditionCheckFailure": "ALL_OLD",
    }
    if not admin:
        delete["ExpressionAttributeValues"] = _values(me=user_id)
    try:
        transact(
            COMMUNITY.name,
            {"Delete": delete},
            _count_change(post_id, "commentCount", _values(delta=-1), "attribute_exists(PK)"),
        )
    except TransactionCancelled as cancelled:
        if cancelled.failed(0) and cancelled.reasons[0].item is not None:
            raise NotOwner from None
        if not (cancelled.failed(0) or cancelled.failed(1)):
            raise
        raise Missing from None


def list_posts(
    *, problem_id: str | None, user_id: str | None, page_size: int, cursor: str | None
) -> Slice:
    """Newest first. Posts being deleted are filtered out; query_page still fills every page."""
    live = "attribute_not_exists(deleting)"
    if problem_id is not None:
        values: dict[str, Any] = {":key": problem_id}
        index, condition = POSTS_BY_PROBLEM_INDEX, "problemId = :key"
        if user_id is not None:
            live += " AND userId = :user"
            values[":user"] = user_id
    elif user_id is not None:
        index, condition, values = POSTS_BY_USER_INDEX, "userId = :key", {":key": user_id}
    else:
        index, condition, values = ALL_POSTS_INDEX, "GSI1PK = :key", {":key": ALL_POSTS}
    query = dynamo.Query(
        COMMUNITY,
        condition,
        values,
        index=index,
        filter=live,
        forward=False,
        projection=_SUMMARY,
    )
    page = dynamo.query_page(query, page_size=page_size, cursor=cursor)
    return Slice([_post(i) for i in page.items], page.last_evaluated_key)


def list_comments(post_id: str, *, page_size: int, cursor: str | None) -> Slice:
    """Oldest first, from the index that holds comments only, so no slot of a page is lost."""
    query = dynamo.Query(
        COMMUNITY, "PK = :post", {":post": post_id}, index=POST_COMMENTS_INDEX, forward=True
    )
    page = dynamo.query_page(query, page_size=page_size, cursor=cursor)
    return Slice([_comment(i) for i in page.items], page.last_evaluated_key)


def audit(post_id: str) -> Audit:
    """Counts the partition item by item; for operators checking (or repairing) counters."""
    post: dict[str, Any] = {}
    comments = likes = items = 0
    for sort_key, item in _partition(post_id, projection=None):
        items += 1
        comments += sort_key.startswith(COMMENT_PREFIX)
        likes += sort_key.startswith(LIKE_PREFIX)
        if sort_key == POST_SK:
            post = item
    return Audit(
        post_exists=bool(post),
        comment_count=int(post.get("commentCount", 0)),
        likes_count=int(post.get("likesCount", 0)),
        stored_comments=comments,
        stored_likes=likes,
        stored_items=items,
    )


def _post(item: dict[str, Any]) -> Post:
    return Post(
        post_id=str(item["PK"]),
        user_id=str(item.get("userId", "")),
        author=str(item.get("author", "")),
        title=str(item.get("title", "")),
        content=str(item.get("content", "")),
        created_at=str(item.get("createdAt", "")),
        updated_at=item.get("updatedAt"),
        likes_count=int(item.get("likesCount", 0)),
        comment_count=int(item.get("commentCount", 0)),
        problem_id=item.get("problemId"),
    )


def _comment(item: dict[str, Any]) -> Comment:
    return Comment(
        post_id=str(item["PK"]),
        comment_id=str(item.get("commentId") or str(item["SK"]).removeprefix(COMMENT_PREFIX)),
        user_id=str(item.get("commenterId", "")),
        author=str(item.get("author", "")),
        content=str(item.get("content", "")),
        created_at=str(item.get("commentCreatedAt", "")),
    )


def _refusal(failed: ConditionFailed, *, hidden_when_deleting: bool = True) -> Exception:
    """A failed ownership condition: the old item, returned with the failure, says 404 or 403."""
    old = failed.item
    if not old or (hidden_when_deleting and "deleting" in old):
        return Missing()
    return NotOwner()


def _count_change(
    post_id: str, counter: str, delta: dict[str, Any], condition: str
) -> dict[str, Any]:
    return {
        "Update": {
            "Key": _key(post_id),
            "UpdateExpression": f"ADD {counter} :delta",
            "ConditionExpression": condition,
            "ExpressionAttributeValues": delta,
        }
    }


def _exists(key: dict[str, Any]) -> bool:
    response = dynamo.client().get_item(
        TableName=COMMUNITY.name, Key=key, ConsistentRead=True, ProjectionExpression="PK"
    )
    return "Item" in response


def _counter(post_id: str, name: str) -> int:
    response = dynamo.client().get_item(
        TableName=COMMUNITY.name,
        Key=_key(post_id),
        ConsistentRead=True,
        ProjectionExpression=name,
    )
    return int(dynamo.from_item(response.get("Item") or {}).get(name, 0))


def _partition(post_id: str, *, projection: str | None) -> Iterator[tuple[str, dict[str, Any]]]:
    request: dict[str, Any] = {
        "TableName": COMMUNITY.name,
        "KeyConditionExpression": "PK = :post",
        "ExpressionAttributeValues": _values(post=post_id),
        "ConsistentRead": True,
    }
    if projection:
        request["ProjectionExpression"] = projection
    while True:
        response = dynamo.client().query(**request)
        for raw in response.get("Items", []):
            item = dynamo.from_item(raw)
            yield str(item["SK"]), item
        if "LastEvaluatedKey" not in response:
            return
        request["ExclusiveStartKey"] = response["LastEvaluatedKey"]


def _children(post_id: str) -> Iterator[str]:
    for sort_key, _ in _partition(post_id, projection="PK, SK"):
        if sort_key != POST_SK:
            yield sort_key
