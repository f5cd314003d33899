"""Items and domain objects convert both ways without losing a field, and keys follow the layout."""

from __future__ import annotations

import re
from dataclasses import replace

from alpaco.kernel import dynamo
from alpaco.services.community.domain import Comment, Post
from alpaco.services.community.items import (
    comment_from_item,
    comment_to_item,
    like_to_item,
    now,
    post_from_item,
    post_to_item,
)

AT = "2025-01-02T03:04:05.678Z"
POST = Post("p1", "u1", "A", "t", "# c", AT, AT, 3, 2, "two-sum")


def test_a_post_survives_the_round_trip_and_is_listed_newest_first():
    item = post_to_item(POST)

    assert post_from_item(dynamo.from_item(item)) == POST
    assert (item["PK"], item["SK"]) == ({"S": "p1"}, {"S": "POST"})
    assert (item["GSI1PK"], item["GSI1SK"]) == ({"S": "POST"}, {"S": POST.created_at})


def test_a_post_without_a_problem_stores_no_problem_id():
    item = post_to_item(replace(POST, problem_id=None))

    assert "problemId" not in item
    assert post_from_item(dynamo.from_item(item)).problem_id is None


def test_a_comment_survives_the_round_trip_and_stays_out_of_the_post_indexes():
    comment = Comment("p1", "c1", "u2", "B", "hi", AT)
    item = comment_to_item(comment)

    assert comment_from_item(dynamo.from_item(item)) == comment
    assert item["SK"] == {"S": "COMMENT#c1"}
    assert not {"userId", "createdAt", "GSI1PK", "problemId"} & item.keys()


def test_a_like_is_keyed_by_its_user():
    item = like_to_item("p1", "u3")

    assert (item["PK"], item["SK"], item["likerId"]) == ({"S": "p1"}, {"S": "LIKE#u3"}, {"S": "u3"})


def test_times_are_utc_milliseconds():
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z", now())
