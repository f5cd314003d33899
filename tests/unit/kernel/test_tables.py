"""The declared indexes: list indexes copy only what lists show and filter on, within DynamoDB's
limits, and DynamoDB Local is created from the same declarations the tests then exercise."""

from __future__ import annotations

from typing import Any

import pytest

from alpaco.kernel import dynamo
from alpaco.kernel.tables import (
    ALL_TABLES,
    COMMUNITY,
    PROBLEMS,
    SUBMISSIONS,
    TableSpec,
    create_table_request,
)

# Never for everyone to read, and hundreds of KB an item: no list index may copy them.
PRIVATE = (
    "userCode",
    "results",
    "description",
    "description_translated",
    "finalTestCases",
    "solutionCode",
    "bruteForceCode",
    "hints",
    "intent",
    "userPrompt",
    "validationDetails",
    "constraints",
    "startCode",
)


def _indexes(spec: TableSpec) -> dict[str, dict[str, Any]]:
    return {g["IndexName"]: g for g in create_table_request(spec).get("GlobalSecondaryIndexes", [])}


@pytest.mark.parametrize("spec", [PROBLEMS, SUBMISSIONS], ids=lambda s: s.logical)
def test_list_indexes_copy_only_listed_attributes_and_never_private_ones(spec: TableSpec) -> None:
    for name, index in _indexes(spec).items():
        projection = index["Projection"]
        assert projection["ProjectionType"] == "INCLUDE", name
        copied = projection["NonKeyAttributes"]
        assert not set(copied) & set(PRIVATE), name
        assert not set(copied) & set(spec.key_names(name)), f"{name} lists a key"
        assert 1 <= len(copied) <= 20, name


@pytest.mark.parametrize("spec", ALL_TABLES, ids=lambda s: s.logical)
def test_each_table_stays_within_dynamodbs_limit_on_copied_attributes(spec: TableSpec) -> None:
    copied = [
        attribute
        for index in _indexes(spec).values()
        for attribute in index["Projection"].get("NonKeyAttributes", [])
    ]
    assert len(copied) <= 100


def test_community_indexes_still_copy_whole_items() -> None:
    """Its comment list reads whole items (no projection), so its indexes copy everything until
    its lists declare what they read; that is a change of its own."""
    assert {i["Projection"]["ProjectionType"] for i in _indexes(COMMUNITY).values()} == {"ALL"}


@pytest.mark.parametrize("spec", ALL_TABLES, ids=lambda s: s.logical)
def test_dynamodb_local_holds_the_declared_projections(
    dynamodb_endpoint: str, spec: TableSpec
) -> None:
    table = dynamo.client().describe_table(TableName=spec.name)["Table"]
    created = {
        g["IndexName"]: (
            g["Projection"]["ProjectionType"],
            sorted(g["Projection"].get("NonKeyAttributes", [])),
        )
        for g in table.get("GlobalSecondaryIndexes", [])
    }
    declared = {
        name: (
            g["Projection"]["ProjectionType"],
            sorted(g["Projection"].get("NonKeyAttributes", [])),
        )
        for name, g in _indexes(spec).items()
    }
    assert created == declared
