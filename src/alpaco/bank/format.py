"""The bank format: what a problem folder must hold, checked strictly.

A malformed folder fails loudly, naming the folder and the field, so a broken problem can never
be seeded half right. A problem the grader would refuse (its tests' time limits adding up past the
grader's `MAX_CASE_SECONDS`) is malformed too, checked by the grader's own rule.
"""

from __future__ import annotations

import ast
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any, Final, NoReturn

from alpaco.services.grader.problem import InvalidProblem, ProblemLimits, check_case_seconds

DIFFICULTIES: Final = {
    "Easy": "Easy",
    "Medium": "Medium",
    "Hard": "Hard",
    "쉬움": "Easy",
    "보통": "Medium",
    "어려움": "Hard",
}
TAGS: Final = frozenset(
    {
        "implementation", "math", "strings", "sorting", "binary-search", "two-pointers",
        "prefix-sums", "greedy", "stack", "queue", "hashing", "recursion", "backtracking", "dp",
        "knapsack", "bfs", "dfs", "dijkstra", "union-find", "trees", "bitmasks", "graphs",
        "simulation",
    }
)  # fmt: skip
JUDGES_BY_MODE: Final = {
    "function": ("equal", "unordered_equal", "float_eps"),
    "stdio": ("equal", "tokens", "lines"),
}
MIN_TESTS: Final = 10
MAX_TESTS: Final = 20
FILES: Final = (
    "problem.toml",
    "statement.en.md",
    "statement.ko.md",
    "reference.py",
    "brute.py",
    "start.py",
    "tests.py",
)
EN_SECTIONS: Final = ("### Input", "### Output", "### Constraints", "### Examples")

_META_FIELDS: Final = frozenset(
    {
        "bank_id", "legacy_id", "title_en", "title_ko", "difficulty", "tags", "mode",
        "judge_type", "epsilon", "time_limit_seconds", "memory_limit_mb", "input_constraints",
        "hints", "tests",
    }
)  # fmt: skip

_BANK_ID: Final = re.compile(r"[a-z][a-z0-9]*(?:_[a-z0-9]+)*")


class BankProblemError(Exception):
    """A bank problem cannot be loaded, verified or seeded; the message names the problem."""


class BankFormatError(BankProblemError):
    """A problem folder does not follow the bank format (BANK.md)."""


@dataclass(frozen=True)
class PlannedTests:
    size: int
    count: int


def fail(folder: Path, field: str, why: str) -> NoReturn:
    raise BankFormatError(f"bank problem {folder.name!r}: {field}: {why}")


def read_files(folder: Path) -> dict[str, str]:
    return {name: _read(folder, name) for name in FILES}


def parse_meta(folder: Path, text: str) -> Fields:
    try:
        meta = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        fail(folder, "problem.toml", f"not valid TOML ({exc})")
    fields = Fields(folder, meta)
    unknown = sorted(set(meta) - _META_FIELDS)
    if unknown:
        fail(folder, unknown[0], "unknown field")
    return fields


def check_sources(folder: Path, texts: dict[str, str], *, needs_solution: bool) -> None:
    for name in ("reference.py", "brute.py", "start.py"):
        _check_source(folder, name, texts[name], needs_solution=needs_solution)


def check_statements(folder: Path, english: str, korean: str) -> None:
    for section in EN_SECTIONS:
        if section not in english:
            fail(folder, "statement.en.md", f"missing the {section!r} section")
    if not any("\uac00" <= ch <= "\ud7a3" for ch in korean):
        fail(folder, "statement.ko.md", "contains no Korean text")


def count_tests(folder: Path, samples: tuple[Any, ...], plan: tuple[PlannedTests, ...]) -> int:
    total = len(samples) + sum(entry.count for entry in plan)
    if not MIN_TESTS <= total <= MAX_TESTS:
        fail(
            folder, "tests", f"{total} tests with samples; the bank wants {MIN_TESTS}..{MAX_TESTS}"
        )
    return total


def read_samples(folder: Path, module: ModuleType) -> tuple[Any, ...]:
    samples = getattr(module, "SAMPLES", None)
    if not isinstance(samples, list) or not 1 <= len(samples) <= 3:
        fail(folder, "tests.py SAMPLES", "must be a list of 1..3 sample inputs")
    return tuple(samples)


def read_brute_max_size(folder: Path, module: ModuleType) -> int:
    value = getattr(module, "BRUTE_MAX_SIZE", None)
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        fail(folder, "tests.py BRUTE_MAX_SIZE", "must be an int >= 0")
    return value


def read_function(folder: Path, module: ModuleType, name: str) -> Any:
    value = getattr(module, name, None)
    if not callable(value):
        fail(folder, f"tests.py {name}", "must be a function")
    return value


def _read(folder: Path, name: str) -> str:
    path = folder / name
    if not path.is_file():
        fail(folder, name, "file is missing")
    text = path.read_text(encoding="utf-8")
    if not text.strip():
        fail(folder, name, "file is empty")
    return text


def _check_source(folder: Path, name: str, source: str, *, needs_solution: bool) -> None:
    try:
        tree = ast.parse(source, filename=name)
    except SyntaxError as exc:
        fail(folder, name, f"syntax error on line {exc.lineno}: {exc.msg}")
    defines = {n.name for n in tree.body if isinstance(n, ast.FunctionDef)}
    if needs_solution and "solution" not in defines:
        fail(folder, name, "a function-mode problem must define solution(data) at top level")


class Fields:
    """Typed reads of problem.toml that fail with the folder and field name."""

    def __init__(self, folder: Path, meta: dict[str, Any]) -> None:
        self._folder = folder
        self._meta = meta

    def _get(self, name: str) -> Any:
        if name not in self._meta:
            fail(self._folder, name, "required field is missing")
        return self._meta[name]

    def text(self, name: str) -> str:
        value = self._get(name)
        if not isinstance(value, str) or not value.strip():
            fail(self._folder, name, "must be a non-empty string")
        return value.strip()

    def choice(self, name: str, allowed: tuple[str, ...]) -> str:
        value = self.text(name)
        if value not in allowed:
            fail(self._folder, name, f"{value!r} is not one of {', '.join(allowed)}")
        return value

    def bank_id(self) -> str:
        value = self.text("bank_id")
        if value != self._folder.name or not _BANK_ID.fullmatch(value):
            fail(
                self._folder,
                "bank_id",
                f"{value!r} must be lowercase snake_case equal to the folder name",
            )
        return value

    def legacy_id(self) -> str | None:
        if "legacy_id" not in self._meta:
            return None
        value = self.text("legacy_id")
        if not value.isdecimal() or value.startswith("0"):
            fail(self._folder, "legacy_id", f"{value!r} must be a positive decimal string")
        return value

    def mode(self) -> str:
        return self.choice("mode", tuple(JUDGES_BY_MODE))

    def judge_type(self, mode: str) -> str:
        return self.choice("judge_type", JUDGES_BY_MODE[mode])

    def difficulty(self) -> str:
        return DIFFICULTIES[self.choice("difficulty", tuple(DIFFICULTIES))]

    def positive_number(self, name: str) -> float:
        value = self._get(name)
        if isinstance(value, bool) or not isinstance(value, int | float) or not value > 0:
            fail(self._folder, name, "must be a number > 0")
        return float(value)

    def positive_int(self, name: str) -> int:
        value = self._get(name)
        if isinstance(value, bool) or not isinstance(value, int) or value <= 0:
            fail(self._folder, name, "must be an integer > 0")
        return value

    def limits(self, mode: str, tests: int) -> ProblemLimits:
        limits = ProblemLimits(
            mode=mode,
            time_limit_seconds=self.positive_number("time_limit_seconds"),
            memory_limit_mb=self.positive_int("memory_limit_mb"),
        )
        try:
            check_case_seconds(tests, limits)
        except InvalidProblem as exc:
            fail(self._folder, "time_limit_seconds", str(exc))
        return limits

    def epsilon(self, judge_type: str) -> float | None:
        if judge_type != "float_eps":
            if "epsilon" in self._meta:
                fail(self._folder, "epsilon", "only a float_eps problem has an epsilon")
            return None
        return self.positive_number("epsilon")

    def strings(self, name: str) -> tuple[str, ...]:
        value = self._get(name)
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            fail(self._folder, name, "must be a list of non-empty strings")
        return tuple(v.strip() for v in value)

    def tags(self) -> tuple[str, ...]:
        tags = self.strings("tags")
        unknown = [t for t in tags if t not in TAGS]
        if not tags or unknown or len(set(tags)) != len(tags):
            fail(self._folder, "tags", f"need distinct known tags; unknown: {unknown}")
        return tags

    def hints(self) -> tuple[str, ...]:
        hints = self.strings("hints")
        if not 2 <= len(hints) <= 3:
            fail(self._folder, "hints", f"need 2..3 hints, got {len(hints)}")
        return hints

    def plan(self) -> tuple[PlannedTests, ...]:
        value = self._get("tests")
        if not isinstance(value, list) or not value:
            fail(self._folder, "tests", "must be a non-empty array of [[tests]] tables")
        plan = []
        for number, entry in enumerate(value, start=1):
            field = f"tests[{number}]"
            if not isinstance(entry, dict) or set(entry) != {"size", "count"}:
                fail(self._folder, field, "must have exactly `size` and `count`")
            size, count = entry["size"], entry["count"]
            if isinstance(size, bool) or not isinstance(size, int) or size < 0:
                fail(self._folder, f"{field}.size", "must be an integer >= 0")
            if isinstance(count, bool) or not isinstance(count, int) or count < 1:
                fail(self._folder, f"{field}.count", "must be an integer >= 1")
            plan.append(PlannedTests(size, count))
        return tuple(plan)
