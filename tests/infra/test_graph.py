"""envs/production deploys in one pass: its modules form no cycle (the original's generator and
execution service needed a three-phase deploy: weakness 30), and the executor depends on none of
the services that call it; they get its ARN from its output."""

from __future__ import annotations

import json
import re
from graphlib import CycleError, TopologicalSorter

from tests.infra import tfconfig

REFERENCE = re.compile(r"module\.(\w+)")


def _edges() -> dict[str, set[str]]:
    production = tfconfig.merged(tfconfig.PRODUCTION)
    edges = {}
    for name, arguments in production["module"].items():
        text = json.dumps(arguments)
        # A module given a local (local.platform, local.layers) depends on what that local names.
        for local in re.findall(r"local\.(\w+)", text):
            text += json.dumps(production["locals"].get(local, ""))
        edges[name] = set(REFERENCE.findall(text)) - {name}
    return edges


def test_modules_form_no_cycle() -> None:
    try:
        order = list(TopologicalSorter(_edges()).static_order())
    except CycleError as exc:
        raise AssertionError(f"modules depend on each other in a cycle: {exc.args[1]}") from exc
    assert order.index("executor") < order.index("grader")
    assert order.index("executor") < order.index("generator")


def test_executor_depends_on_no_service() -> None:
    services = {
        name
        for name, m in tfconfig.merged(tfconfig.PRODUCTION)["module"].items()
        if tfconfig.module_source(m) in ("rest_service", "stream_service")
    }
    assert _edges()["executor"] & services == set()
    assert _edges()["executor"] <= {"tables", "layer"}
