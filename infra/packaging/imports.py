"""The `alpaco` modules a function can import, found by reading the source (no import is run).

Every `import` counts, at module level or inside a function (the LLM providers import their SDKs
lazily), and importing `a.b.c` imports its packages `a.b` and `a` too. Imports by computed name
(`importlib.import_module(f"...{name}")`) cannot be read; the one a deployed function relies on,
the stream app's service handler, is named in `functions.Function.entry_modules`.
"""

from __future__ import annotations

import ast
from collections.abc import Iterable
from functools import cache
from pathlib import Path
from typing import Final

from infra.packaging.functions import ROOT

SRC: Final = ROOT / "src"
PACKAGE: Final = "alpaco"


def module_path(name: str) -> Path | None:
    """The file of module `name` under src/, or None when it is no module of ours."""
    base = SRC.joinpath(*name.split("."))
    for candidate in (base / "__init__.py", base.with_suffix(".py")):
        if candidate.is_file():
            return candidate
    return None


def is_package(name: str) -> bool:
    path = module_path(name)
    return path is not None and path.name == "__init__.py"


@cache
def direct_imports(name: str) -> frozenset[str]:
    path = module_path(name)
    if path is None:
        raise ModuleNotFoundError(f"{name} is not a module under {SRC}")
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = _absolute(name, node)
            found.add(base)
            # `from pkg import mod` imports a module; `from mod import name` only the module.
            found.update(f"{base}.{alias.name}" for alias in node.names)
    return frozenset(_with_parents(m for m in found if module_path(m) is not None))


def _absolute(importer: str, node: ast.ImportFrom) -> str:
    if not node.level:
        return node.module or ""
    parts = importer.split(".")
    keep = len(parts) - node.level + (1 if is_package(importer) else 0)
    return ".".join([*parts[:keep], *([node.module] if node.module else [])])


def _with_parents(names: Iterable[str]) -> set[str]:
    found: set[str] = set()
    for name in names:
        parts = name.split(".")
        found.update(".".join(parts[:end]) for end in range(1, len(parts) + 1))
    return {name for name in found if module_path(name) is not None}


def closure(entries: Iterable[str]) -> frozenset[str]:
    """Every module of ours that importing `entries` can import, the entries and packages included."""
    seen: set[str] = set()
    pending = list(_with_parents(entries))
    while pending:
        name = pending.pop()
        if name not in seen:
            seen.add(name)
            pending.extend(direct_imports(name) - seen)
    return frozenset(seen)
