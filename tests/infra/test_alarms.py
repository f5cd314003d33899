"""Every function has its error and throttle alarms, and the single-value index keys that
docs/capacity.md keeps have a throttle alarm on the right table."""

from __future__ import annotations

from tests.infra import tfconfig

from alpaco.kernel import tables

FUNCTION_MODULES = ("rest_service", "stream_service", "executor")


def test_every_function_is_watched() -> None:
    production = tfconfig.merged(tfconfig.PRODUCTION)
    functions = {
        name
        for name, m in production["module"].items()
        if tfconfig.module_source(m) in FUNCTION_MODULES
    }
    watched = production["locals"]["function_names"]
    assert set(watched) == functions
    assert all(value == f"${{module.{name}.function_name}}" for name, value in watched.items())
    assert production["module"]["alarms"]["function_names"] == "${local.function_names}"


def test_hot_indexes_name_their_tables() -> None:
    owner = {index: spec.logical for spec in tables.ALL_TABLES for index in spec.indexes}
    hot = tfconfig.merged(tfconfig.PRODUCTION)["module"]["alarms"]["hot_indexes"]
    assert {index: table.removeprefix("${local.prefix}") for index, table in hot.items()} == {
        index: owner[index] for index in hot
    }
