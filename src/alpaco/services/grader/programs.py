"""A problem's own programs, made runnable by the executor: its reference, its input validator
and its input generator.

Two layouts are stored. A bank item keeps its whole `tests.py` as `generatorCode`, which defines
both `generate(rng, size)` and `validate(data)`; a generated problem keeps `validate` in
`validatorCode` and `generate` in `generatorCode`. Each function is looked for in both (by the
syntax tree: nothing runs here), so either layout works and a missing one is None.

The executor only calls an entry point (`solution` first), so each program gets a small harness
appended: its `solution` is defined last and so wins over anything the program itself names so.
The validator's harness reports a refusal as data, with the validator's own message, which names
the broken constraint; the generator's makes one input from `[seed, size]`. Like the student's
code, these programs only ever run in the sandbox.
"""

from __future__ import annotations

import ast
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Final

from alpaco.kernel.syntax import parse

REASON_CHARS: Final = 300
_SOURCES: Final = ("validatorCode", "generatorCode")
_VALIDATE_HARNESS: Final = f"""


def solution(data):
    try:
        validate(data)
    except Exception as exc:
        return [False, (str(exc) or type(exc).__name__)[:{REASON_CHARS}]]
    return [True, None]
"""
_GENERATE_HARNESS: Final = """


def solution(job):
    import random as _alpaco_random

    return generate(_alpaco_random.Random(job[0]), job[1])
"""


@dataclass(frozen=True)
class Programs:
    """Sources ready for the executor; None where the problem lacks that program."""

    reference: str | None
    validator: str | None
    generator: str | None


def programs_of(item: Mapping[str, Any]) -> Programs:
    reference = item.get("solutionCode")
    validate = _defining(item, "validate")
    generate = _defining(item, "generate")
    return Programs(
        reference=reference if isinstance(reference, str) and reference.strip() else None,
        validator=validate + _VALIDATE_HARNESS if validate else None,
        generator=generate + _GENERATE_HARNESS if generate else None,
    )


def validity(result: Mapping[str, Any]) -> tuple[bool, str | None]:
    """(valid, the broken constraint) from one validator run; a validator that could not finish
    on an input does not vouch for it."""
    value = result.get("returnValue")
    if result.get("status") != "OK" or not isinstance(value, list) or len(value) != 2:
        status = result.get("status") or "no result"
        return False, f"the input could not be checked (the validator ended with {status})"
    accepted, reason = value
    if accepted is True:
        return True, None
    return False, str(reason)[:REASON_CHARS] if reason else "the validator rejected the input"


def _defining(item: Mapping[str, Any], function: str) -> str | None:
    for field in _SOURCES:
        source = item.get(field)
        if isinstance(source, str) and function in _top_level_functions(source):
            return source
    return None


def _top_level_functions(source: str) -> set[str]:
    try:
        tree = parse(source)
    except (SyntaxError, ValueError):
        return set()
    return {node.name for node in tree.body if isinstance(node, ast.FunctionDef)}
