"""Each role grants exactly what its service calls.

GRANTS is the table, derived from the code (tests/infra/codemap.py reads every boto3 DynamoDB call
each function can reach, through its own package and the kernel helpers and other services'
repositories it names) and written out here so a reviewer sees it. The test holds the table to
the code (the same tables, the same actions, and every action-table pair the code makes in one
function) and Terraform to the table. A transaction's items need their own actions (PutItem,
UpdateItem, ...), which is why no role names TransactWriteItems.
"""

from __future__ import annotations

from typing import Any

import pytest
from infra.packaging.functions import Function, functions
from tests.infra import codemap, tfconfig

from alpaco.kernel import tables

GRANTS: dict[str, dict[str, set[str]]] = {
    "problems": {
        # get_problem, list_problems (both indexes), error_messages for a creator's failed ones
        "Problems": {"dynamodb:GetItem", "dynamodb:Query", "dynamodb:BatchGetItem"},
    },
    "submissions": {
        "Submissions": {"dynamodb:GetItem", "dynamodb:Query"},
    },
    "grader": {
        # the submission (alone or in a transaction with its counters) and the in-flight lease
        "Submissions": {"dynamodb:PutItem", "dynamodb:UpdateItem"},
        # the problem it grades, and its counters in that transaction
        "Problems": {"dynamodb:GetItem", "dynamodb:UpdateItem"},
        "RateLimits": {"dynamodb:UpdateItem"},
    },
    "community": {
        # posts, comments and likes: items, transactions on counters, batch deletes of a post's comments
        "Community": {
            "dynamodb:GetItem",
            "dynamodb:PutItem",
            "dynamodb:UpdateItem",
            "dynamodb:DeleteItem",
            "dynamodb:Query",
            "dynamodb:BatchWriteItem",
        },
        "RateLimits": {"dynamodb:UpdateItem"},
    },
    "executor": {},
    "generator": {
        # the generated problem's record, the bank's problems for the offline provider
        "Problems": {
            "dynamodb:GetItem",
            "dynamodb:PutItem",
            "dynamodb:UpdateItem",
            "dynamodb:Query",
        },
        # the one-generation lease (put, delete) and the daily budget (update)
        "RateLimits": {"dynamodb:PutItem", "dynamodb:DeleteItem", "dynamodb:UpdateItem"},
    },
    "chatbot": {
        # the daily message counter, the problem and the student's last submission by id
        "ChatUsage": {"dynamodb:UpdateItem"},
        "Problems": {"dynamodb:GetItem"},
        "Submissions": {"dynamodb:GetItem"},
    },
}
# Who invokes the executor (kernel.invoke.get_invoker).
INVOKERS = {"grader", "generator"}

_TABLE_NAMES = {
    name: value.logical
    for name, value in vars(tables).items()
    if isinstance(value, tables.TableSpec)
}
SERVICES = [f for f in functions() if f.kind != "trigger"]


def _instance(name: str) -> dict[str, Any]:
    return tfconfig.merged(tfconfig.PRODUCTION)["module"][name]


def _calls(function: Function) -> codemap.Calls:
    return codemap.service_calls(function.entry_modules, _TABLE_NAMES)


@pytest.mark.parametrize("function", SERVICES, ids=lambda f: f.name)
def test_grant_table_matches_the_code(function: Function) -> None:
    calls = _calls(function)
    grants = GRANTS[function.name]
    assert calls.tables == set(grants), "tables the code uses"
    assert codemap.iam_actions(calls) == set().union(*grants.values()), "actions the code calls"
    for action, table in calls.pairs:
        assert action in grants.get(table, set()), f"{function.name} calls {action} on {table}"
    assert calls.invokes == (function.name in INVOKERS)


@pytest.mark.parametrize("name", sorted(GRANTS))
def test_terraform_grants_the_table(name: str) -> None:
    granted = {
        table: set(actions) for table, actions in _instance(name).get("dynamodb_grants", {}).items()
    }
    assert granted == GRANTS[name]
    invokes = _instance(name).get("invokes", [])
    assert invokes == (["${module.executor.arn}"] if name in INVOKERS else [])


def test_every_service_has_a_row() -> None:
    assert {f.name for f in SERVICES} <= set(GRANTS)


def test_role_holds_only_logs_tables_invokes_and_network_interfaces() -> None:
    """The function module's policy: its logs, then one statement per granted table (its index
    ARNs only for Query), the invoke grant, and the interfaces only a VPC function gets."""
    policy = tfconfig.merged(tfconfig.MODULES / "function")["data"]["aws_iam_policy_document"][
        "this"
    ]
    assert [s["sid"] for s in policy["statement"]] == ["Logs"]
    assert policy["statement"][0]["actions"] == ["logs:CreateLogStream", "logs:PutLogEvents"]
    dynamic = [block["statement"] for block in policy["dynamic"]]
    assert [d["for_each"] for d in dynamic] == [
        "${var.dynamodb_grants}",
        "${length(var.invokes) > 0 ? [1] : []}",
        "${var.vpc == null ? [] : [1]}",
    ]
    assert dynamic[0]["content"][0]["actions"] == "${statement.value}"
    assert dynamic[1]["content"][0]["actions"] == ["lambda:InvokeFunction"]
    vpc_users = [
        n for n, m in tfconfig.merged(tfconfig.MODULES / "executor")["module"].items() if "vpc" in m
    ]
    assert vpc_users == ["function"], "only the executor is attached to a network"


def test_executor_has_nothing_but_its_logs() -> None:
    executor = tfconfig.merged(tfconfig.MODULES / "executor")["module"]["function"]
    assert "dynamodb_grants" not in executor
    assert "invokes" not in executor
    assert executor["reserved_concurrency"] == "${var.reserved_concurrency}"
    network = tfconfig.merged(tfconfig.MODULES / "executor")["resource"]
    assert "egress" not in network["aws_security_group"]["executor"]
    assert "ingress" not in network["aws_security_group"]["executor"]
    for kind in ("aws_internet_gateway", "aws_nat_gateway", "aws_vpc_endpoint", "aws_route"):
        assert kind not in network, f"the executor's network must have no {kind}"
