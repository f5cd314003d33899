"""Community table access: one function per request's storage work.

The parts each keep one job: `keys` (where items live), `items` (items to and from domain objects),
`conditions` (the guards on every write), `deletion` (the delete protocol), `likes` (the like toggle),
`paging` (lists and partition walks) and, for operators, `audit`.
"""

from __future__ import annotations

import uuid
from typing import Any

from alpaco.kernel import dynamo
from alpaco.kernel.dynamo_errors import ConditionFailed, TransactionCancelled
from alpaco.kernel.dynamo_writes import retrying, transact
from alpaco.kernel.tables import (
    ALL_POSTS_INDEX,
    COMMUNITY,
    POST_COMMENTS_INDEX,
    POSTS_BY_PROBLEM_INDEX,
    POSTS_BY_USER_INDEX,
)
from alpaco.services.community import deletion, likes
from alpaco.services.community.conditions import LIVE_POST, count_change, refusal, values
from alpaco.services.community.domain import (
    Comment,
    Missing,
    NotOwner,
    Post,
    PostDraft,
    PostEdit,
)
from alpaco.services.community.items import (
    SUMMARY,
    comment_from_item,
    comment_to_item,
    now,
    post_from_item,
    post_to_item,
)
from alpaco.services.community.keys import ALL_POSTS, comment_key, key, like_key
from alpaco.services.community.paging import Slice


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
    dynamo.client().put_item(
        TableName=COMMUNITY.name,
        Item=post_to_item(post),
        ConditionExpression="attribute_not_exists(PK)",
    )
    return post


def get_post(post_id: str, *, viewer_id: str | None = None) -> tuple[Post, bool] | None:
    """The post and whether the viewer likes it, read as one snapshot so the two never disagree."""
    keys = [key(post_id)] + ([like_key(post_id, viewer_id)] if viewer_id else [])
    response = retrying(
        lambda: dynamo.client().transact_get_items(
            TransactItems=[{"Get": {"TableName": COMMUNITY.name, "Key": k}} for k in keys]
        )
    )
    found = [r.get("Item") for r in response["Responses"]]
    if not found[0] or "deleting" in found[0]:
        return None
    return post_from_item(dynamo.from_item(found[0])), len(found) > 1 and bool(found[1])


def update_post(post_id: str, edit: PostEdit, *, user_id: str, admin: bool) -> Post:
    sets = ["title = :title", "content = :content", "updatedAt = :at"]
    changed = values(title=edit.title, content=edit.content, at=now())
    removes = []
    if edit.relink and edit.problem_id is None:
        removes.append("problemId")
    elif edit.relink:
        sets.append("problemId = :problem")
        changed.update(values(problem=edit.problem_id))
    condition = LIVE_POST
    if not admin:
        condition += " AND userId = :me"
        changed.update(values(me=user_id))
    expression = "SET " + ", ".join(sets) + (" REMOVE " + ", ".join(removes) if removes else "")
    try:
        response = retrying(
            lambda: dynamo.client().update_item(
                TableName=COMMUNITY.name,
                Key=key(post_id),
                UpdateExpression=expression,
                ConditionExpression=condition,
                ExpressionAttributeValues=changed,
                ReturnValues="ALL_NEW",
                ReturnValuesOnConditionCheckFailure="ALL_OLD",
            )
        )
    except ConditionFailed as failed:
        raise refusal(failed) from failed
    return post_from_item(dynamo.from_item(response["Attributes"]))


def delete_post(post_id: str, *, user_id: str, admin: bool) -> deletion.Removed:
    """Mark, then sweep (`deletion` says why nothing can be left behind)."""
    deletion.mark(post_id, user_id=user_id, admin=admin)
    return deletion.sweep(post_id)


def toggle_like(post_id: str, *, user_id: str) -> tuple[bool, int]:
    """Flip the caller's like; returns (liked now, likesCount). Each successful call is exactly one
    flip, whatever the same user's other requests do."""
    liked = likes.flip(post_id, user_id=user_id)
    return liked, likes.likes_count(post_id)


def add_comment(post_id: str, content: str, *, user_id: str, author: str) -> Comment:
    comment = Comment(
        post_id=post_id,
        comment_id=str(uuid.uuid4()),
        user_id=user_id,
        author=author,
        content=content,
        created_at=now(),
    )
    try:
        transact(
            COMMUNITY.name,
            {
                "Put": {
                    "Item": comment_to_item(comment),
                    "ConditionExpression": "attribute_not_exists(PK)",
                }
            },
            count_change(post_id, "commentCount", values(delta=1), LIVE_POST),
        )
    except TransactionCancelled as cancelled:
        if not cancelled.failed(1):
            raise
        raise Missing from None
    return comment


def delete_comment(post_id: str, comment_id: str, *, user_id: str, admin: bool) -> None:
    condition = "attribute_exists(PK)" + ("" if admin else " AND commenterId = :me")
    delete: dict[str, Any] = {
        "Key": comment_key(post_id, comment_id),
        "ConditionExpression": condition,
        "ReturnValuesOnConditionCheckFailure": "ALL_OLD",
    }
    if not admin:
        delete["ExpressionAttributeValues"] = values(me=user_id)
    try:
        transact(
            COMMUNITY.name,
            {"Delete": delete},
            count_change(post_id, "commentCount", values(delta=-1), "attribute_exists(PK)"),
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
        bound: dict[str, Any] = {":key": problem_id}
        index, condition = POSTS_BY_PROBLEM_INDEX, "problemId = :key"
        if user_id is not None:
            live += " AND userId = :user"
            bound[":user"] = user_id
    elif user_id is not None:
        index, condition, bound = POSTS_BY_USER_INDEX, "userId = :key", {":key": user_id}
    else:
        index, condition, bound = ALL_POSTS_INDEX, "GSI1PK = :key", {":key": ALL_POSTS}
    query = dynamo.Query(
        COMMUNITY,
        condition,
        bound,
        index=index,
        filter=live,
        forward=False,
        projection=SUMMARY,
    )
    page = dynamo.query_page(query, page_size=page_size, cursor=cursor)
    return Slice([post_from_item(i) for i in page.items], page.last_evaluated_key)


def list_comments(post_id: str, *, page_size: int, cursor: str | None) -> Slice:
    """Oldest first, from the index that holds comments only, so no slot of a page is lost."""
    query = dynamo.Query(
        COMMUNITY, "PK = :post", {":post": post_id}, index=POST_COMMENTS_INDEX, forward=True
    )
    page = dynamo.query_page(query, page_size=page_size, cursor=cursor)
    return Slice([comment_from_item(i) for i in page.items], page.last_evaluated_key)
