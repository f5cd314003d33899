"""The inputs a generation checks its programs on: the model's hand-picked tests, the generator
program's small random inputs (for the brute-force cross-check) and its largest ones (so a slow
solution times out), plus the near-valid probes the validator must refuse.

Seeds derive from the problem's id, so a generation's inputs can be reproduced from its record.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any, Final, Literal

SMALL_INPUTS: Final = 48
SMALL_SIZE_CAP: Final = 1000
SMALL_GROUP: Final = 12  # small inputs made per executor case
LARGE_FRACTIONS: Final = (0.25, 0.5, 1.0, 1.0)
Origin = Literal["llm", "small", "large"]


@dataclass(frozen=True)
class Case:
    data: Any
    origin: Origin
    rationale: str
    size: int | None = None

    @property
    def key(self) -> str:
        return canonical(self.data)


def canonical(value: Any) -> str:
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def as_input(value: Any) -> Any:
    """The value as the sandbox will see it after the wire's JSON round trip; raises ValueError."""
    return json.loads(json.dumps(value, allow_nan=False))


def seed(problem_id: str, index: int) -> int:
    digest = hashlib.sha256(f"{problem_id}:{index}".encode()).digest()
    return int.from_bytes(digest[:6], "big")


def small_jobs(problem_id: str, small_size: int) -> list[tuple[int, int]]:
    """(seed, size) pairs from size 1 up to `small_size` (at most SMALL_SIZE_CAP, so that the
    cross-check stays cheap), the small sizes most often: most bugs show on tiny inputs."""
    top = min(small_size, SMALL_SIZE_CAP)
    sizes = [1, 1, 2, 2] + [
        max(1, round(top * ((i % 12 + 1) / 12) ** 2)) for i in range(SMALL_INPUTS - 4)
    ]
    return [(seed(problem_id, i), size) for i, size in enumerate(sizes)]


def large_jobs(problem_id: str, max_size: int) -> list[tuple[int, int]]:
    return [
        (seed(problem_id, 1000 + i), max(1, round(max_size * fraction)))
        for i, fraction in enumerate(LARGE_FRACTIONS)
    ]


def distinct(cases: Iterable[Case]) -> list[Case]:
    """First occurrence of each input wins (the model's tests come first, with their reasons)."""
    seen: set[str] = set()
    kept = []
    for case in cases:
        if case.key not in seen:
            seen.add(case.key)
            kept.append(case)
    return kept


def probes(valid: Sequence[Any], mode: str) -> list[tuple[str, Any]]:
    """Inputs that break any input format, each with what is wrong; derived from valid inputs."""
    if mode == "stdio":
        return list(_text_probes([v for v in valid if isinstance(v, str)][:2]))
    found: dict[str, tuple[str, Any]] = {"null": ("no input at all (null)", None)}
    for value in valid[:3]:
        for what, probe in _value_probes(value):
            found.setdefault(canonical(probe), (what, probe))
    return list(found.values())


def _value_probes(value: Any) -> Iterator[tuple[str, Any]]:
    if isinstance(value, dict):
        yield "an object given as a list", list(value.values())
        for key in list(value)[:4]:
            yield f"the field {key!r} missing", {k: v for k, v in value.items() if k != key}
    elif isinstance(value, list):
        yield "a list given as an object", {"items": value}
    elif isinstance(value, str):
        yield "a string given as a number", 12345
    elif isinstance(value, int | float) and not isinstance(value, bool):
        yield "a number given as a string", str(value)
    leaf = _first_leaf(value)
    if leaf is not None:
        path, found = leaf
        wrong = "a string" if not isinstance(found, str) else 7
        yield f"the value at {path} replaced by {wrong!r}", _replace(value, path, wrong)


def _text_probes(texts: Sequence[str]) -> Iterator[tuple[str, str]]:
    yield "empty input", ""
    for text in texts:
        tokens = text.split()
        if tokens:
            yield "the first token replaced by a word", text.replace(tokens[0], "x", 1)
        lines = text.splitlines(keepends=True)
        if len(lines) > 1:
            yield "the last line cut off", "".join(lines[:-1])


def _first_leaf(value: Any, path: tuple[Any, ...] = ()) -> tuple[tuple[Any, ...], Any] | None:
    if isinstance(value, dict):
        items: Iterable[tuple[Any, Any]] = value.items()
    elif isinstance(value, list):
        items = enumerate(value)
    else:
        return (path, value) if path and not isinstance(value, bool) and value is not None else None
    for key, item in items:
        found = _first_leaf(item, (*path, key))
        if found is not None:
            return found
    return None


def _replace(value: Any, path: tuple[Any, ...], new: Any) -> Any:
    if not path:
        return new
    head, rest = path[0], path[1:]
    if isinstance(value, dict):
        return {k: (_replace(v, rest, new) if k == head else v) for k, v in value.items()}
    return [(_replace(v, rest, new) if i == head else v) for i, v in enumerate(value)]
