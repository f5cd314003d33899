"""Parsing Python source from many threads at once.

CPython 3.11 builds a syntax tree's Python objects with a recursion counter shared by every
thread, so two parses at once can fail with "AST constructor recursion depth mismatch" (fixed in
3.12, the Lambda runtime). Handlers run side by side in the local gateway and the generator runs
its steps in parallel, so every parse of code we are handed goes through this lock.
"""

from __future__ import annotations

import ast
import threading

_PARSING = threading.Lock()


def parse(source: str, filename: str = "<unknown>") -> ast.Module:
    with _PARSING:
        return ast.parse(source, filename=filename)
