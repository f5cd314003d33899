"""Static checks of a program a model wrote, by reading its syntax tree (nothing is run here).

They catch what would only fail later and more expensively in the sandbox, and they are what
makes a start code's signature match the executor's call: function mode calls one top-level
function with exactly one argument.
"""

from __future__ import annotations

import ast
from typing import Final

from alpaco.kernel.syntax import parse

MAX_SOURCE_BYTES: Final = 60_000  # under the executor's 64 KB
_STDIN_CALLS: Final = frozenset({"input", "open"})
_PLACEHOLDER_MARKS: Final = ("TODO", "FIXME")


def syntax_problems(code: str, what: str) -> tuple[ast.Module | None, list[str]]:
    if not code.strip():
        return None, [f"the {what} is empty"]
    if len(code.encode("utf-8", "replace")) > MAX_SOURCE_BYTES:
        return None, [f"the {what} is longer than {MAX_SOURCE_BYTES} bytes"]
    try:
        return parse(code), []
    except SyntaxError as exc:
        return None, [f"the {what} does not compile: line {exc.lineno}: {exc.msg}"]


def top_function(tree: ast.Module, name: str) -> ast.FunctionDef | None:
    found = [n for n in tree.body if isinstance(n, ast.FunctionDef) and n.name == name]
    return found[-1] if found else None


def arity_problems(tree: ast.Module, name: str, count: int, what: str) -> list[str]:
    """`name` must be a top-level function taking exactly `count` positional arguments."""
    function = top_function(tree, name)
    if function is None:
        return [f"the {what} must define a top-level function `{name}`"]
    args = function.args
    positional = [*args.posonlyargs, *args.args]
    required_keywords = [
        a for a, d in zip(args.kwonlyargs, args.kw_defaults, strict=True) if d is None
    ]
    if len(positional) != count or args.vararg or required_keywords:
        shown = ", ".join(a.arg for a in positional) or "nothing"
        return [
            f"`{name}` must take exactly {count} positional argument(s), it takes {shown}: "
            "the executor passes the whole input as one value"
            if count == 1
            else f"`{name}` must take exactly {count} positional arguments, it takes {shown}"
        ]
    return []


def reads_stdin(tree: ast.Module) -> bool:
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and node.attr in ("stdin", "buffer"):
            return True
        called = node.func if isinstance(node, ast.Call) else None
        if isinstance(called, ast.Name) and called.id in _STDIN_CALLS:
            return True
    return False


def has_loop(node: ast.AST) -> bool:
    loops = (ast.For, ast.While, ast.ListComp, ast.SetComp, ast.DictComp, ast.GeneratorExp)
    return any(isinstance(child, loops) for child in ast.walk(node))


def placeholder_problems(code: str, what: str) -> list[str]:
    marks = [mark for mark in _PLACEHOLDER_MARKS if mark in code]
    return [f"the {what} still holds {' and '.join(marks)} marks"] if marks else []


def program_problems(code: str, mode: str, what: str) -> list[str]:
    """A complete program for `mode`: `solution(data)` in function mode, a stdin reader in stdio."""
    tree, problems = syntax_problems(code, what)
    if tree is None:
        return problems
    problems = placeholder_problems(code, what)
    if mode == "function":
        problems += arity_problems(tree, "solution", 1, what)
        function = top_function(tree, "solution")
        if function is not None and not any(isinstance(n, ast.Return) for n in ast.walk(function)):
            problems.append("`solution` must return the answer")
    elif not reads_stdin(tree):
        problems.append(f"the {what} must read its input from standard input")
    return problems
