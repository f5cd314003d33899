"""Every table and index, declared once: local creation, key-aware paging and the deploy check read it."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Final, Literal

from alpaco.kernel.config import get_settings

KeyType = Literal["S", "N"]


@dataclass(frozen=True)
class Key:
    hash: str
    range: str | None = None

    @property
    def names(self) -> tuple[str, ...]:
        return (self.hash,) if self.range is None else (self.hash, self.range)


@dataclass(frozen=True)
class Index:
    """A global secondary index. `include` names what it copies besides the keys (which DynamoDB
    always copies); None copies whole items. A global index cannot fetch from its table, so a query
    on it may read or filter on the copied attributes only (DynamoDB refuses anything else)."""

    key: Key
    include: tuple[str, ...] | None = None


@dataclass(frozen=True)
class TableSpec:
    logical: str
    key: Key
    attributes: dict[str, KeyType]
    indexes: dict[str, Index] = field(default_factory=dict)
    # The attribute whose epoch seconds tell DynamoDB's TTL when it may delete an item, if any.
    expires: str | None = None

    @property
    def name(self) -> str:
        return get_settings().table_name(self.logical)

    def key_names(self, index: str | None = None) -> tuple[str, ...]:
        """Attributes that make up a LastEvaluatedKey for a query on the table or one of its indexes."""
        names = list(self.key.names)
        if index is not None:
            names += [n for n in self.indexes[index].key.names if n not in names]
        return tuple(names)


# What the problem list shows (problems.views.LIST_ATTRIBUTES) and filters on: never the statements,
# tests or code, which can be hundreds of KB an item and are not for everyone to read.
PROBLEM_LIST_ATTRIBUTES: Final = (
    "title",
    "title_translated",
    "searchText",
    "difficulty",
    "tags",
    "generationStatus",
    "creatorId",
    "author",
    "mode",
    "submissionCount",
    "acceptedCount",
)
# What the submission list shows (submissions.views.LIST_ATTRIBUTES) and filters on: never
# `userCode` or the per-case `results`. `errorMessage` is copied whole; the list cuts off its
# details (they may quote the owner's stderr) as it reads them.
SUBMISSION_LIST_ATTRIBUTES: Final = (
    "problemId",
    "problemTitle",
    "problemTitleTranslated",
    "userId",
    "author",
    "language",
    "status",
    "executionTime",
    "memoryKb",
    "score",
    "passedCaseCount",
    "totalCaseCount",
    "errorMessage",
)

# Index names, each written once: the specs below create the indexes and repositories query them by
# these names, so a renamed index cannot leave a query behind (tests/unit/kernel/test_tables.py).
COMPLETED_PROBLEMS_INDEX: Final = "CompletedProblemsByCreatedAtGSI"
PROBLEMS_BY_CREATOR_INDEX: Final = "CreatorIdCreatedAtGSI"
SUBMISSIONS_BY_PROBLEM_INDEX: Final = "ProblemIdSubmissionTimeIndex"
SUBMISSIONS_BY_USER_INDEX: Final = "UserIdSubmissionTimeIndex"
SUBMISSIONS_BY_AUTHOR_INDEX: Final = "AuthorSubmissionTimeIndex"
ALL_SUBMISSIONS_INDEX: Final = "AllSubmissionsByTimeIndex"
ALL_POSTS_INDEX: Final = "postOnlyIndex"
POST_COMMENTS_INDEX: Final = "commentSortIndex"
POSTS_BY_USER_INDEX: Final = "postsByUserIndex"
POSTS_BY_PROBLEM_INDEX: Final = "postsByProblemIndex"

PROBLEMS = TableSpec(
    logical="Problems",
    key=Key("problemId"),
    attributes={"problemId": "S", "generationStatus": "S", "createdAt": "S", "creatorId": "S"},
    indexes={
        COMPLETED_PROBLEMS_INDEX: Index(
            Key("generationStatus", "createdAt"), PROBLEM_LIST_ATTRIBUTES
        ),
        PROBLEMS_BY_CREATOR_INDEX: Index(Key("creatorId", "createdAt"), PROBLEM_LIST_ATTRIBUTES),
    },
)

SUBMISSIONS = TableSpec(
    logical="Submissions",
    key=Key("submissionId"),
    attributes={
        "submissionId": "S",
        "problemId": "S",
        "userId": "S",
        "author": "S",
        "is_submission": "S",
        "submissionTime": "N",
    },
    indexes={
        SUBMISSIONS_BY_PROBLEM_INDEX: Index(
            Key("problemId", "submissionTime"), SUBMISSION_LIST_ATTRIBUTES
        ),
        SUBMISSIONS_BY_USER_INDEX: Index(
            Key("userId", "submissionTime"), SUBMISSION_LIST_ATTRIBUTES
        ),
        SUBMISSIONS_BY_AUTHOR_INDEX: Index(
            Key("author", "submissionTime"), SUBMISSION_LIST_ATTRIBUTES
        ),
        ALL_SUBMISSIONS_INDEX: Index(
            Key("is_submission", "submissionTime"), SUBMISSION_LIST_ATTRIBUTES
        ),
    },
)

COMMUNITY = TableSpec(
    logical="Community",
    key=Key("PK", "SK"),
    attributes={
        "PK": "S",
        "SK": "S",
        "GSI1PK": "S",
        "GSI1SK": "S",
        "userId": "S",
        "problemId": "S",
        "createdAt": "S",
        "commentCreatedAt": "S",
    },
    indexes={
        ALL_POSTS_INDEX: Index(Key("GSI1PK", "GSI1SK")),
        POST_COMMENTS_INDEX: Index(Key("PK", "commentCreatedAt")),
        POSTS_BY_USER_INDEX: Index(Key("userId", "createdAt")),
        POSTS_BY_PROBLEM_INDEX: Index(Key("problemId", "createdAt")),
    },
)

# One counter item per user and UTC day (services/chatbot/quota.py); the TTL drops past days.
CHAT_USAGE = TableSpec(
    logical="ChatUsage",
    key=Key("userId", "usageDate"),
    attributes={"userId": "S", "usageDate": "S"},
    expires="expiresAt",
)

# One counter item per user, action and window (kernel.rate_limit); a window's item is never read
# once the window is over, so the TTL only keeps the table small.
RATE_LIMITS = TableSpec(
    logical="RateLimits",
    key=Key("bucket"),
    attributes={"bucket": "S"},
    expires="expiresAt",
)

ALL_TABLES: tuple[TableSpec, ...] = (PROBLEMS, SUBMISSIONS, COMMUNITY, CHAT_USAGE, RATE_LIMITS)


def create_table_request(spec: TableSpec) -> dict[str, Any]:
    def schema(key: Key) -> list[dict[str, str]]:
        parts = [{"AttributeName": key.hash, "KeyType": "HASH"}]
        if key.range:
            parts.append({"AttributeName": key.range, "KeyType": "RANGE"})
        return parts

    request: dict[str, Any] = {
        "TableName": spec.name,
        "KeySchema": schema(spec.key),
        "AttributeDefinitions": [
            {"AttributeName": name, "AttributeType": kind} for name, kind in spec.attributes.items()
        ],
        "BillingMode": "PAY_PER_REQUEST",
    }
    if spec.indexes:
        request["GlobalSecondaryIndexes"] = [
            {
                "IndexName": name,
                "KeySchema": schema(index.key),
                "Projection": _projection(spec, name),
            }
            for name, index in spec.indexes.items()
        ]
    return request


def _projection(spec: TableSpec, index: str) -> dict[str, Any]:
    """The keys stay out of NonKeyAttributes: DynamoDB copies them anyway, and each name listed
    counts against its limits (20 an index, 100 a table)."""
    include = spec.indexes[index].include
    if include is None:
        return {"ProjectionType": "ALL"}
    keys = spec.key_names(index)
    return {
        "ProjectionType": "INCLUDE",
        "NonKeyAttributes": [name for name in include if name not in keys],
    }


def create_missing(client: Any) -> list[str]:
    """Create the tables that do not exist yet; return the names created."""
    existing: set[str] = set()
    for page in client.get_paginator("list_tables").paginate():
        existing.update(page["TableNames"])
    created = []
    for spec in ALL_TABLES:
        if spec.name not in existing:
            client.create_table(**create_table_request(spec))
            client.get_waiter("table_exists").wait(TableName=spec.name)
            if spec.expires:
                client.update_time_to_live(
                    TableName=spec.name,
                    TimeToLiveSpecification={"Enabled": True, "AttributeName": spec.expires},
                )
            created.append(spec.name)
    return created
