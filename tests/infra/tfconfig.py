"""The Terraform files as plain data: python-hcl2 keeps HCL's quotes and marks blocks; this drops
both, so a test reads `resource["aws_dynamodb_table"]["problems"]["hash_key"] == "problemId"`."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import hcl2

ROOT = Path(__file__).resolve().parents[2]
TERRAFORM = ROOT / "infra" / "terraform"
PRODUCTION = TERRAFORM / "envs" / "production"
MODULES = TERRAFORM / "modules"


def files() -> list[Path]:
    return sorted(TERRAFORM.rglob("*.tf"))


def plain(value: Any) -> Any:
    if isinstance(value, dict):
        return {plain(k): plain(v) for k, v in value.items() if not str(k).startswith("__")}
    if isinstance(value, list):
        return [plain(v) for v in value]
    if isinstance(value, str) and len(value) >= 2 and value[0] == value[-1] == '"':
        return value[1:-1]
    return value


@cache
def load(path: Path) -> dict[str, Any]:
    with path.open(encoding="utf-8") as handle:
        parsed: dict[str, Any] = plain(hcl2.load(handle))
    return parsed


def merged(folder: Path) -> dict[str, Any]:
    """One folder's files as one configuration: `resource[type][name]`, `module[name]`, `locals`."""
    config: dict[str, Any] = {
        "resource": {},
        "data": {},
        "module": {},
        "locals": {},
        "variable": {},
    }
    for path in sorted(folder.glob("*.tf")):
        document = load(path)
        for kind in ("resource", "data"):
            for block in document.get(kind, []):
                for type_, named in block.items():
                    config[kind].setdefault(type_, {}).update(named)
        for block in document.get("module", []):
            config["module"].update(block)
        for block in document.get("locals", []):
            config["locals"].update(block)
        for block in document.get("variable", []):
            config["variable"].update(block)
    return config


def module_source(instance: dict[str, Any]) -> str:
    return str(instance["source"]).rsplit("/", 1)[-1]
