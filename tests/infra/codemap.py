"""What a service's code calls on AWS, read from the source: DynamoDB actions, tables, invokes and
environment variables, so the tests can hold Terraform's roles and environments to the code.

Reachability is by name, statically: a service's own package counts whole; from there, every
function or class of ours it names (through imports, `module.name`, or a name in its module) is
followed, and a class's methods count once their name is used as an attribute anywhere reachable.
Module-level code of every module it imports counts too (it runs at import). DynamoDB calls are
the boto3 client methods called on something named `...client()`; a transaction's item actions are
the `Put`/`Update`/`Delete`/`ConditionCheck` keys its callers build.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache

from infra.packaging.imports import closure, is_package, module_path

TABLES_MODULE = "alpaco.kernel.tables"
MODULE_OBJECT = "<module>"
INVOKER = "alpaco.kernel.invoke.get_invoker"
# boto3 DynamoDB client method → the IAM action it needs (a transaction: its items' actions).
ACTIONS = {
    "get_item": "dynamodb:GetItem",
    "put_item": "dynamodb:PutItem",
    "update_item": "dynamodb:UpdateItem",
    "delete_item": "dynamodb:DeleteItem",
    "query": "dynamodb:Query",
    "scan": "dynamodb:Scan",
    "batch_get_item": "dynamodb:BatchGetItem",
    "batch_write_item": "dynamodb:BatchWriteItem",
    "transact_get_items": "dynamodb:GetItem",
    "describe_table": "dynamodb:DescribeTable",
    "list_tables": "dynamodb:ListTables",
}
TRANSACTION_ITEMS = {
    "Put": "dynamodb:PutItem",
    "Update": "dynamodb:UpdateItem",
    "Delete": "dynamodb:DeleteItem",
    "ConditionCheck": "dynamodb:ConditionCheckItem",
}
_PAGINATED = {"query": "dynamodb:Query", "scan": "dynamodb:Scan"}
# Names the code can read from the environment: ours, AWS's and the model providers' keys.
_ENV_NAME = re.compile(r"^(ALPACO|AWS|GEMINI|GOOGLE|OPENAI)_[A-Z0-9_]+$")


@dataclass
class Unit:
    """A top-level function or class, or a module's own statements (`name` None)."""

    module: str
    name: str | None
    nodes: list[ast.AST]
    methods: dict[str, ast.AST] = field(default_factory=dict)


@dataclass
class Calls:
    actions: set[str] = field(default_factory=set)
    tables: set[str] = field(default_factory=set)
    # (action, table) seen in one function: those two certainly go together.
    pairs: set[tuple[str, str]] = field(default_factory=set)
    invokes: bool = False
    environment: set[str] = field(default_factory=set)
    environment_prefixes: set[str] = field(default_factory=set)


@cache
def _parsed(module: str) -> ast.Module:
    path = module_path(module)
    assert path is not None, module
    return ast.parse(path.read_text(encoding="utf-8"))


@cache
def _imports(module: str) -> dict[str, str]:
    names: dict[str, str] = {}
    package = module if is_package(module) else module.rpartition(".")[0]
    for node in ast.walk(_parsed(module)):
        if isinstance(node, ast.Import):
            for alias in node.names:
                names[alias.asname or alias.name.split(".")[0]] = (
                    alias.name if alias.asname else alias.name.split(".")[0]
                )
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = package.split(".")
                base = ".".join([*parts[: len(parts) - node.level + 1], *([base] if base else [])])
            for alias in node.names:
                names[alias.asname or alias.name] = f"{base}.{alias.name}"
    return names


@cache
def _units(module: str) -> dict[str | None, Unit]:
    units: dict[str | None, Unit] = {None: Unit(module, None, [])}
    for node in _parsed(module).body:
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            units[node.name] = Unit(module, node.name, [node])
        elif isinstance(node, ast.ClassDef):
            methods = {
                item.name: item
                for item in node.body
                if isinstance(item, ast.FunctionDef | ast.AsyncFunctionDef)
            }
            others = [item for item in node.body if item not in methods.values()]
            units[node.name] = Unit(
                module, node.name, [*node.bases, *node.decorator_list, *others], methods
            )
        elif not isinstance(node, ast.Import | ast.ImportFrom):
            units[None].nodes.append(node)
    return units


def _resolve(module: str, dotted: str) -> tuple[str, str] | None:
    """(module, top-level name) that `dotted`, as written in `module`, refers to, if it is ours."""
    head, _, rest = dotted.partition(".")
    if head in _imports(module):
        qualified = _imports(module)[head] + (f".{rest}" if rest else "")
    elif head in _units(module):
        return module, head
    else:
        return None
    parts = qualified.split(".")
    for cut in range(len(parts) - 1, 0, -1):
        owner = ".".join(parts[:cut])
        if module_path(owner) is not None:
            return owner, parts[cut]
    return None


def _dotted(node: ast.AST) -> str | None:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        base = _dotted(node.value)
        return f"{base}.{node.attr}" if base else None
    return None


def _walk(nodes: Iterable[ast.AST]) -> Iterator[ast.AST]:
    for node in nodes:
        yield from ast.walk(node)


def _client_call(node: ast.AST) -> bool:
    """`dynamo.client()`, `self._client()`, `client()`: the receiver of a boto3 call."""
    if not isinstance(node, ast.Call):
        return False
    name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
    return str(name).endswith("client")


def _scan(
    unit_module: str, nodes: list[ast.AST], calls: Calls, table_names: dict[str, str]
) -> tuple[set[tuple[str, str]], set[str]]:
    """Record what these nodes call; return the units they name and the attribute names they use."""
    named: set[tuple[str, str]] = set()
    attributes: set[str] = set()
    actions: set[str] = set()
    tables: set[str] = set()
    for node in _walk(nodes):
        if isinstance(node, ast.Attribute):
            attributes.add(node.attr)
        if isinstance(node, ast.Name) and module_path(_imports(unit_module).get(node.id, "")):
            # A module passed around as a value (`Ports(submissions=repository)`): its functions
            # are then called as attributes, like a class's methods.
            named.add((_imports(unit_module)[node.id], MODULE_OBJECT))
        if isinstance(node, ast.Name | ast.Attribute) and (dotted := _dotted(node)):
            target = _resolve(unit_module, dotted)
            if target is not None:
                named.add(target)
                if (
                    target[0] == TABLES_MODULE
                    and target[1] in table_names
                    and unit_module != TABLES_MODULE
                ):
                    tables.add(table_names[target[1]])
                if f"{target[0]}.{target[1]}" == INVOKER:
                    calls.invokes = True
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            method = node.func.attr
            if method in ACTIONS and _client_call(node.func.value):
                actions.add(ACTIONS[method])
            if method == "transact_write_items" and _client_call(node.func.value):
                calls.actions.add("dynamodb:TransactWriteItems")
            if method == "get_paginator" and node.args and isinstance(node.args[0], ast.Constant):
                actions.add(
                    _PAGINATED.get(str(node.args[0].value), f"unknown:{node.args[0].value}")
                )
        if isinstance(node, ast.Dict):
            for key in node.keys:
                if isinstance(key, ast.Constant) and key.value in TRANSACTION_ITEMS:
                    calls.actions.add(f"item:{TRANSACTION_ITEMS[key.value]}")
        _environment(node, calls)
    calls.actions |= actions
    calls.tables |= tables
    calls.pairs |= {(action, table) for action in actions for table in tables}
    return named, attributes


def _environment(node: ast.AST, calls: Calls) -> None:
    """A string that names an environment variable (`os.environ.get("ALPACO_X")`, a tuple of
    names the settings check), or an f-string that starts one (`f"ALPACO_RATE_LIMIT_{action}"`)."""
    if (
        isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and _ENV_NAME.match(node.value)
    ):
        calls.environment.add(node.value)
    if isinstance(node, ast.JoinedStr) and node.values and isinstance(node.values[0], ast.Constant):
        head = str(node.values[0].value)
        if _ENV_NAME.match(head.rstrip("_") + "_X") and head.endswith("_"):
            calls.environment_prefixes.add(head)


def service_calls(entries: Iterable[str], table_names: dict[str, str]) -> Calls:
    """What importing `entries` and running any of their functions can call: every module-level
    statement that runs at import, every function a decorator registers (routes), every function
    of the entries themselves, and all they name."""
    entries = list(entries)
    modules = closure(entries)
    pending: set[tuple[str, str | None]] = {(m, None) for m in modules}
    pending |= {(m, name) for m in entries for name in _units(m) if name}
    pending |= {(m, name) for m in modules for name, unit in _units(m).items() if _registered(unit)}
    calls = Calls()
    seen: set[tuple[str, str | None]] = set()
    methods_seen: set[tuple[str, str, str]] = set()
    attributes: set[str] = set()
    classes: set[tuple[str, str]] = set()
    modules_used: set[str] = set()
    while pending:
        for key in list(pending):
            pending.discard(key)
            if key in seen:
                continue
            seen.add(key)
            if key[1] == MODULE_OBJECT:
                modules_used.add(key[0])
                continue
            unit = _units(key[0]).get(key[1])
            if unit is None:
                continue
            named, used = _scan(unit.module, unit.nodes, calls, table_names)
            attributes |= used
            pending |= {target for target in named if target not in seen}
            if unit.methods:
                classes.add((unit.module, str(unit.name)))
        for module in modules_used:
            pending |= {
                (module, name)
                for name, unit in _units(module).items()
                if name in attributes and not unit.methods and (module, name) not in seen
            }
        for module, cls in classes:
            for method, node in _units(module)[cls].methods.items():
                reached = method in attributes or (
                    method.startswith("__") and method.endswith("__")
                )
                if reached and (module, cls, method) not in methods_seen:
                    methods_seen.add((module, cls, method))
                    named, used = _scan(module, [node], calls, table_names)
                    attributes |= used
                    pending |= {target for target in named if target not in seen}
    return calls


def _registered(unit: Unit) -> bool:
    return any(
        isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and node.decorator_list
        for node in unit.nodes
    )


def iam_actions(calls: Calls) -> set[str]:
    """The IAM actions behind the calls: a TransactWriteItems needs its items' own actions."""
    actions = {
        a for a in calls.actions if a.startswith("dynamodb:") and a != "dynamodb:TransactWriteItems"
    }
    if "dynamodb:TransactWriteItems" in calls.actions:
        actions |= {a.removeprefix("item:") for a in calls.actions if a.startswith("item:")}
    return actions
