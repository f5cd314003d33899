"""Every environment variable a function needs on AWS is set on it, and nothing else: each name
set is one its code reads (tests/infra/codemap.py finds the names in what the function can
reach), and REQUIRED says, per function, which of those must be set and why."""

from __future__ import annotations

import re
from typing import Any

import pytest
from infra.packaging.functions import Function, functions
from tests.infra import codemap, tfconfig

from alpaco.kernel import config, tables

# The kernel's settings refuse to start without these off a developer's machine (config.py), and
# two more have defaults that are wrong on AWS: the table names and the browser origins.
KERNEL = {*config.REQUIRED_OUTSIDE_LOCAL, "ALPACO_TABLE_PREFIX", "ALPACO_CORS_ORIGINS"}
MODEL = {"ALPACO_LLM_PROVIDER", "GEMINI_API_KEY"}
REQUIRED: dict[str, set[str]] = {
    "problems": KERNEL,
    "submissions": KERNEL,
    "community": KERNEL,
    # the executor's function name; the lease limiter said out loud (its default there already)
    "grader": KERNEL | {"ALPACO_LAMBDA_PREFIX", "ALPACO_GRADER_LIMITER"},
    "generator": KERNEL | MODEL | {"ALPACO_LAMBDA_PREFIX"},
    "chatbot": KERNEL | MODEL,
    # the only sandbox mode Lambda allows; nothing else, least of all a secret
    "executor": {"ALPACO_SANDBOX"},
}
VALUES = {
    ("grader", "ALPACO_GRADER_LIMITER"): "dynamodb",
    ("executor", "ALPACO_SANDBOX"): "thin",
}
# Read by Lambda Web Adapter, not by our code (its README's names).
WEB_ADAPTER = {
    "AWS_LAMBDA_EXEC_WRAPPER": "/opt/bootstrap",
    "AWS_LWA_INVOKE_MODE": "response_stream",
    "AWS_LWA_AUTHORIZATION_SOURCE": "X-Custom-Auth-Token",
    "AWS_LWA_READINESS_CHECK_PROTOCOL": "tcp",
}
_TABLE_NAMES = {n: v.logical for n, v in vars(tables).items() if isinstance(v, tables.TableSpec)}
SERVICES = [f for f in functions() if f.kind != "trigger"]


def _split(arguments: str) -> list[str]:
    """`merge(a, {b = 1, c = 2})`'s arguments: commas at the outer level only."""
    parts, depth, start = [], 0, 0
    for i, char in enumerate(arguments):
        if char in "({[":
            depth += 1
        elif char in ")}]":
            depth -= 1
        elif char == "," and depth == 0:
            parts.append(arguments[start:i].strip())
            start = i + 1
    parts.append(arguments[start:].strip())
    return [p for p in parts if p]


def environment(expression: Any, locals_: dict[str, Any]) -> dict[str, str]:
    """The variables an `environment` argument sets: a map, `local.x`, `merge(...)` of those, or
    an object literal `{A = "v", B = local.y}` (values kept as written)."""
    if isinstance(expression, dict):
        return {k: str(v) for k, v in expression.items()}
    text = str(expression).removeprefix("${").removesuffix("}").strip()
    if text.startswith("merge(") and text.endswith(")"):
        merged: dict[str, str] = {}
        for argument in _split(text[len("merge(") : -1]):
            merged |= environment(argument, locals_)
        return merged
    if text.startswith("local."):
        return environment(locals_[text.removeprefix("local.")], locals_)
    if text.startswith("{"):
        return {k: v.strip('"') for k, v in re.findall(r'(\w+)\s*=\s*("[^"]*"|[\w.]+)', text)}
    raise AssertionError(f"cannot read environment expression {expression!r}")


def _set_on(function: Function) -> dict[str, str]:
    production = tfconfig.merged(tfconfig.PRODUCTION)
    instance = production["module"][function.name]
    if function.name == "executor":
        inner = tfconfig.merged(tfconfig.MODULES / "executor")["module"]["function"]
        return environment(inner["environment"], {})
    found = environment(instance["environment"], production["locals"])
    if tfconfig.module_source(instance) == "stream_service":
        found |= environment(
            tfconfig.merged(tfconfig.MODULES / "stream_service")["locals"]["web_adapter"], {}
        )
    return found


def _reads(function: Function) -> codemap.Calls:
    return codemap.service_calls(function.entry_modules, _TABLE_NAMES)


@pytest.mark.parametrize("function", SERVICES, ids=lambda f: f.name)
def test_sets_what_it_must_and_nothing_else(function: Function) -> None:
    own = set(_set_on(function)) - set(WEB_ADAPTER)
    assert own == REQUIRED[function.name]


@pytest.mark.parametrize("function", SERVICES, ids=lambda f: f.name)
def test_every_name_set_is_read_by_its_code(function: Function) -> None:
    calls = _reads(function)
    unread = {
        name
        for name in set(_set_on(function)) - set(WEB_ADAPTER)
        if name not in calls.environment
        and not any(name.startswith(prefix) for prefix in calls.environment_prefixes)
    }
    assert unread == set(), f"{function.name} sets variables its code never reads"


@pytest.mark.parametrize(("service", "name"), sorted(VALUES))
def test_values_that_matter(service: str, name: str) -> None:
    function = next(f for f in SERVICES if f.name == service)
    assert _set_on(function)[name] == VALUES[(service, name)]


@pytest.mark.parametrize(
    "function", [f for f in SERVICES if f.kind == "stream"], ids=lambda f: f.name
)
def test_stream_functions_run_behind_the_web_adapter(function: Function) -> None:
    found = _set_on(function)
    assert {k: found[k] for k in WEB_ADAPTER} == WEB_ADAPTER
