"""Every table and index, declared once: local creation, key-aware paging and the deploy check read it."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

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
class TableSpec:
    logical: str
    key: Key
    attributes: dict[str, KeyType]
    indexes: dict[str, Key] = field(default_factory=dict)

    @property
    def name(self) -> str:
        return get_settings().table_name(self.logical)

    def key_names(self, index: str | None = None) -> tuple[str, ...]:
        """Attributes that make up a LastEvaluatedKey for a query on the table or one of its indexes."""
        names = list(self.key.names)
        if index is not None:
            names += [n for n in self.indexes[index].names if n not in names]
        return tuple(names)


PROBLEMS = TableSpec(
    logical="Problems",
    key=Key("problemId"),
    attributes={"problemId": "S", "generationStatus": "S", "createdAt": "S", "creatorId": "S"},
    indexes={
        "CompletedProblemsByCreatedAtGSI": Key("generationStatus", "createdAt"),
        "CreatorIdCreatedAtGSI": Key("creatorId", "createdAt"),
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
        "ProblemIdSubmissionTimeIndex": Key("problemId", "submissionTime"),
        "UserIdSubmissionTimeIndex": Key("userId", "submissionTime"),
        "AuthorSubmissionTimeIndex": Key("author", "submissionTime"),
        "AllSubmissionsByTimeIndex": Key("is_submission", "submissionTime"),
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
        "postOnlyIndex": Key("GSI1PK", "GSI1SK"),
        "commentSortIndex": Key("PK", "commentCreatedAt"),
        "postsByUserIndex": Key("userId", "createdAt"),
        "postsByProblemIndex": Key("problemId", "createdAt"),
    },
)

CHAT_USAGE = TableSpec(
    logical="ChatUsage",
    key=Key("userId", "usageDate"),
    attributes={"userId": "S", "usageDate": "S"},
)

ALL_TABLES: tuple[TableSpec, ...] = (PROBLEMS, SUBMISSIONS, COMMUNITY, CHAT_USAGE)


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
            {"IndexName": name, "KeySchema": schema(key), "Projection": {"ProjectionType": "ALL"}}
            for name, key in spec.indexes.items()
        ]
    return request


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
            created.append(spec.name)
    return created
