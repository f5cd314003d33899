"""The declared indexes: list indexes copy only what lists show and filter on, within DynamoDB's
limits, DynamoDB Local is created from the same declarations the tests then exercise, and no module
names an index except through them."""

from __future__ import annotations

import ast
import re
from pathlib import Path
from typing import Any

import pytest

import alpaco
from alpaco.kernel import dynamo, tables
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
    "generatorCode",
    "validatorCode",
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


DECLARED = {name for spec in ALL_TABLES for name in spec.indexes}
_INDEX_LIKE = re.compile(r"[A-Za-z][A-Za-z0-9]*(Index|GSI)")


def index_literals(source: str) -> list[tuple[int, str]]:
    """The index names a module spells out: any string given as `IndexName=` or `index=`, and any
    string that is a declared name or is shaped like one (ending in Index or GSI)."""
    tree = ast.parse(source)
    given = {
        id(node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.keyword) and node.arg in {"IndexName", "index"}
    }
    return sorted(
        (node.lineno, node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and (id(node) in given or node.value in DECLARED or _INDEX_LIKE.fullmatch(node.value))
    )


def test_the_scan_sees_an_index_name_however_it_is_spelled() -> None:
    source = (
        'client.query(IndexName="byOwner")\n'
        'Query(spec, key, values, index="postsByColourIndex")\n'
        'index, condition = "CreatorIdCreatedAtGSI", "creatorId = :c"\n'
        'title = "Index"\n'
    )
    assert index_literals(source) == [
        (1, "byOwner"),
        (2, "postsByColourIndex"),
        (3, "CreatorIdCreatedAtGSI"),
    ]


def test_every_declared_index_is_shaped_for_the_scan() -> None:
    assert all(_INDEX_LIKE.fullmatch(name) for name in DECLARED)


def test_modules_name_indexes_only_through_the_declarations() -> None:
    """A typed name may name no index at all, which DynamoDB reports only when the query runs, or
    outlive a rename; the constants of kernel/tables.py can do neither."""
    package = Path(alpaco.__file__).parent
    spelled = {
        str(path.relative_to(package)): hits
        for path in sorted(package.rglob("*.py"))
        if path != Path(tables.__file__) and (hits := index_literals(path.read_text()))
    }
    undeclared = {
        module: [hit for hit in hits if hit[1] not in DECLARED] for module, hits in spelled.items()
    }
    assert not any(undeclared.values()), f"indexes kernel/tables.py does not declare: {undeclared}"
    assert spelled == {}, f"import these names from kernel/tables.py: {spelled}"
