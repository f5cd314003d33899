"""The bank's input programs cut out of its `tests.py` (stored as `generatorCode`).

A bank problem's tests.py holds both `generate(rng, size)` and `validate(data)` with their helpers
and constants; an offline answer hands on one of them with only what it needs, as a model would
write it. Nothing here runs the code: the syntax tree is read, and constants are evaluated only
when they are plain arithmetic on literals.
"""

from __future__ import annotations

import ast
import operator
import re
from collections.abc import Callable, Iterable
from typing import Any, Final

from alpaco.kernel.syntax import parse

_OPERATORS: Final[dict[type, Callable[[Any, Any], Any]]] = {
    ast.Add: operator.add,
    ast.Sub: operator.sub,
    ast.Mult: operator.mul,
    ast.FloorDiv: operator.floordiv,
    ast.Pow: operator.pow,
}
_SIZE: Final = re.compile(r"size (\d+)")


def extract(source: str, entry: str) -> str:
    """`entry` and every top-level definition it reaches, after the module's imports."""
    tree = parse(source)
    defined = {name: node for node in tree.body for name in _defines(node)}
    wanted: set[str] = set()
    pending = [entry]
    while pending:
        name = pending.pop()
        if name in wanted or name not in defined:
            continue
        wanted.add(name)
        pending += _names_used(defined[name])
    kept = [
        node
        for node in tree.body
        if isinstance(node, ast.Import | ast.ImportFrom) or set(_defines(node)) & wanted
    ]
    return "\n\n".join(ast.get_source_segment(source, node) or "" for node in kept) + "\n"


def constant(source: str, name: str) -> int | None:
    """The integer a module-level `name = <arithmetic on literals and other such names>` holds."""
    tree = parse(source)
    values = {
        target.id: node.value
        for node in tree.body
        if isinstance(node, ast.Assign)
        for target in node.targets
        if isinstance(target, ast.Name)
    }

    def evaluate(node: ast.AST, depth: int = 0) -> Any:
        if depth > 10:
            raise ValueError("too deep")
        if isinstance(node, ast.Constant) and isinstance(node.value, int):
            return node.value
        if isinstance(node, ast.Name) and node.id in values:
            return evaluate(values[node.id], depth + 1)
        if isinstance(node, ast.BinOp) and type(node.op) in _OPERATORS:
            left, right = evaluate(node.left, depth + 1), evaluate(node.right, depth + 1)
            return _OPERATORS[type(node.op)](left, right)
        raise ValueError("not plain arithmetic")

    try:
        value = evaluate(values[name]) if name in values else None
    except (ValueError, OverflowError):
        return None
    return value if isinstance(value, int) else None


def largest_size(rationales: Iterable[str]) -> int | None:
    """The largest `size N` among a seeded bank item's test rationales."""
    sizes = [int(match) for text in rationales for match in _SIZE.findall(text)]
    return max(sizes) if sizes else None


def _defines(node: ast.stmt) -> list[str]:
    if isinstance(node, ast.FunctionDef | ast.ClassDef):
        return [node.name]
    if isinstance(node, ast.Assign):
        return [t.id for t in node.targets if isinstance(t, ast.Name)]
    if isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
        return [node.target.id]
    return []


def _names_used(node: ast.AST) -> list[str]:
    return [n.id for n in ast.walk(node) if isinstance(n, ast.Name)]
