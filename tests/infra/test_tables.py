"""Every table and index in Terraform is the one src/alpaco/kernel/tables.py declares: keys,
attribute types, index keys and projections (what the code may read from each index), TTL."""

from __future__ import annotations

from typing import Any

import pytest
from tests.infra import tfconfig

from alpaco.kernel import tables

SETTINGS = [
    ("billing_mode", "PAY_PER_REQUEST"),
    ("deletion_protection_enabled", True),
]


def _terraform_tables() -> dict[str, dict[str, Any]]:
    found = tfconfig.merged(tfconfig.MODULES / "tables")["resource"]["aws_dynamodb_table"]
    return {table["name"].removeprefix("${var.prefix}"): table for table in found.values()}


def _key(spec: tables.Key) -> dict[str, str]:
    return {"hash_key": spec.hash, **({"range_key": spec.range} if spec.range else {})}


def _index(spec: tables.TableSpec, name: str) -> dict[str, Any]:
    projection = tables._projection(spec, name)
    shape: dict[str, Any] = {
        "name": name,
        **_key(spec.indexes[name].key),
        "projection_type": projection["ProjectionType"],
    }
    if "NonKeyAttributes" in projection:
        shape["non_key_attributes"] = projection["NonKeyAttributes"]
    return shape


def test_same_tables() -> None:
    assert sorted(_terraform_tables()) == sorted(spec.logical for spec in tables.ALL_TABLES)


@pytest.mark.parametrize("spec", tables.ALL_TABLES, ids=lambda s: s.logical)
def test_table_matches_kernel(spec: tables.TableSpec) -> None:
    table = _terraform_tables()[spec.logical]
    assert {k: table.get(k) for k in ("hash_key", "range_key")} == {
        "hash_key": spec.key.hash,
        "range_key": spec.key.range,
    }
    assert {a["name"]: a["type"] for a in table["attribute"]} == spec.attributes
    indexes = {i["name"]: i for i in table.get("global_secondary_index", [])}
    assert indexes == {name: _index(spec, name) for name in spec.indexes}
    ttl = table.get("ttl", [{}])[0]
    expected_ttl = {"enabled": True, "attribute_name": spec.expires} if spec.expires else {}
    assert ttl == expected_ttl, "TTL must be on exactly where the code writes an expiry"


@pytest.mark.parametrize("spec", tables.ALL_TABLES, ids=lambda s: s.logical)
def test_table_is_protected(spec: tables.TableSpec) -> None:
    table = _terraform_tables()[spec.logical]
    for key, value in SETTINGS:
        assert table[key] == value, key
    assert table["point_in_time_recovery"] == [{"enabled": True}]
    assert table["server_side_encryption"] == [
        {"enabled": True, "kms_key_arn": "${var.kms_key_arn}"}
    ]
