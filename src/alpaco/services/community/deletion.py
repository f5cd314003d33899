"""Deleting a post never leaves orphans, however many items it has and whatever runs at the same time:
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

from collections.abc import Iterator
from dataclasses import dataclass

from alpaco.kernel import dynamo
from alpaco.kernel.dynamo_errors import ConditionFailed
from alpaco.kernel.dynamo_writes import batches, delete_keys, retrying
from alpaco.kernel.tables import COMMUNITY
from alpaco.services.community.conditions import refusal, values
from alpaco.services.community.items import now
from alpaco.services.community.keys import COMMENT_PREFIX, LIKE_PREFIX, POST_SK, key
from alpaco.services.community.paging import partition


@dataclass(frozen=True)
class Removed:
    comments: int
    likes: int


def mark(post_id: str, *, user_id: str, admin: bool) -> None:
    """Step 1; a post already marked is marked again, so a repeated DELETE goes on to the sweep."""
    marked = values(at=now())
    condition = "attribute_exists(PK)"
    if not admin:
        condition += " AND userId = :me"
        marked.update(values(me=user_id))
    try:
        retrying(
            lambda: dynamo.client().update_item(
                TableName=COMMUNITY.name,
                Key=key(post_id),
                UpdateExpression="SET deleting = :at",
                ConditionExpression=condition,
                ExpressionAttributeValues=marked,
                ReturnValuesOnConditionCheckFailure="ALL_OLD",
            )
        )
    except ConditionFailed as failed:
        raise refusal(failed, hidden_when_deleting=False) from failed


def sweep(post_id: str) -> Removed:
    """Step 3, on a marked post: its comments and likes in batches, then the post."""
    comments = likes = 0
    for batch in batches(_children(post_id)):
        delete_keys(COMMUNITY.name, [key(post_id, sort_key) for sort_key in batch])
        comments += sum(sort_key.startswith(COMMENT_PREFIX) for sort_key in batch)
        likes += sum(sort_key.startswith(LIKE_PREFIX) for sort_key in batch)
    retrying(lambda: dynamo.client().delete_item(TableName=COMMUNITY.name, Key=key(post_id)))
    return Removed(comments=comments, likes=likes)


def _children(post_id: str) -> Iterator[str]:
    for sort_key, _ in partition(post_id, projection="PK, SK"):
        if sort_key != POST_SK:
            yield sort_key
