"""The curated problem bank on disk: one folder per problem, read strictly into frozen values.

A folder is data, not a package: `tests.py` is trusted harness code loaded from its path, while
`reference.py`, `brute.py` and `start.py` are only ever carried as text and run in the sandbox.
A malformed folder fails loudly, naming the folder and the field, so a broken problem can never
be seeded half right. A problem the grader would refuse (its tests' time limits adding up past the
grader's `MAX_CASE_SECONDS`) is malformed too, checked by the grader's own rule.
"""

from __future__ import annotations

import ast
import copy
import hashlib
import importlib.util
import json
import random
import re
import tomllib
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any, Final, NoReturn

from alpaco.services.grader.problem import InvalidProblem, ProblemLimits, check_case_seconds

PROBLEMS_DIR: Final = Path(__file__).parent / "problems"
BANK_NAMESPACE: Final = uuid.UUID("6f1d2c9e-8b4a-5e73-a0c1-3d5b7e9f2a48")

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

Generate = Callable[[random.Random, int], Any]
Validate = Callable[[Any], None]


class BankProblemError(Exception):
    """A bank problem cannot be loaded, verified or seeded; the message names the problem."""


class BankFormatError(BankProblemError):
    """A problem folder does not follow the bank format (BANK.md)."""


@dataclass(frozen=True)
class PlannedTests:
    size: int
    count: int


@dataclass(frozen=True)
class BankProblem:
    bank_id: str
    legacy_id: str | None
    title_en: str
    title_ko: str
    difficulty: str
    tags: tuple[str, ...]
    mode: str
    judge_type: str
    epsilon: float | None
    time_limit_seconds: float
    memory_limit_mb: int
    input_constraints: str
    hints: tuple[str, ...]
    plan: tuple[PlannedTests, ...]
    statement_en: str
    statement_ko: str
    reference_code: str
    brute_code: str
    start_code: str
    samples: tuple[Any, ...]
    brute_max_size: int
    generate: Generate
    validate: Validate
    content_hash: str
    folder: Path


@dataclass(frozen=True)
class TestInput:
    """One input of a problem's suite; samples come first and have no size or seed."""

    data: Any
    is_sample: bool
    number: int
    size: int | None
    seed: int | None

    @property
    def rationale(self) -> str:
        if self.is_sample:
            return f"sample {self.number}"
        return f"generated, size {self.size}, seed {self.seed}"


def problem_id(bp: BankProblem) -> str:
    """The legacy id for the original's six starters, else a uuid5 that never changes for a bank id."""
    if bp.legacy_id is not None:
        return bp.legacy_id
    return str(uuid.uuid5(BANK_NAMESPACE, f"alpaco-bank:{bp.bank_id}"))


def load_bank(root: Path = PROBLEMS_DIR) -> tuple[BankProblem, ...]:
    """Every problem folder under `root`, starters first (by legacy id), then by bank id."""
    folders = sorted(p for p in root.iterdir() if p.is_dir() and not p.name.startswith(("_", ".")))
    problems = [load_problem(folder) for folder in folders]
    holders: dict[str, str] = {}
    for bp in problems:
        if bp.legacy_id is None:
            continue
        if bp.legacy_id in holders:
            _fail(
                bp.folder,
                "legacy_id",
                f"{bp.legacy_id!r} is also used by {holders[bp.legacy_id]!r}",
            )
        holders[bp.legacy_id] = bp.bank_id
    return tuple(sorted(problems, key=_bank_order))


def load_problem(folder: Path) -> BankProblem:
    texts = {name: _read(folder, name) for name in FILES}
    try:
        meta = tomllib.loads(texts["problem.toml"])
    except tomllib.TOMLDecodeError as exc:
        _fail(folder, "problem.toml", f"not valid TOML ({exc})")
    fields = _Fields(folder, meta)
    unknown = sorted(set(meta) - _META_FIELDS)
    if unknown:
        _fail(folder, unknown[0], "unknown field")
    bank_id = fields.text("bank_id")
    if bank_id != folder.name or not _BANK_ID.fullmatch(bank_id):
        _fail(
            folder, "bank_id", f"{bank_id!r} must be lowercase snake_case equal to the folder name"
        )
    mode = fields.choice("mode", tuple(JUDGES_BY_MODE))
    judge_type = fields.choice("judge_type", JUDGES_BY_MODE[mode])
    module = _load_tests_module(folder, bank_id)
    for name in ("reference.py", "brute.py", "start.py"):
        _check_source(folder, name, texts[name], needs_solution=mode == "function")
    _check_statements(folder, texts["statement.en.md"], texts["statement.ko.md"])
    samples = _samples(folder, module)
    plan = fields.plan()
    total = len(samples) + sum(entry.count for entry in plan)
    if not MIN_TESTS <= total <= MAX_TESTS:
        _fail(
            folder, "tests", f"{total} tests with samples; the bank wants {MIN_TESTS}..{MAX_TESTS}"
        )
    limits = ProblemLimits(
        mode=mode,
        time_limit_seconds=fields.positive_number("time_limit_seconds"),
        memory_limit_mb=fields.positive_int("memory_limit_mb"),
    )
    try:
        check_case_seconds(total, limits)
    except InvalidProblem as exc:
        _fail(folder, "time_limit_seconds", str(exc))
    return BankProblem(
        bank_id=bank_id,
        legacy_id=fields.legacy_id(),
        title_en=fields.text("title_en"),
        title_ko=fields.text("title_ko"),
        difficulty=DIFFICULTIES[fields.choice("difficulty", tuple(DIFFICULTIES))],
        tags=fields.tags(),
        mode=mode,
        judge_type=judge_type,
        epsilon=fields.epsilon(judge_type),
        time_limit_seconds=limits.time_limit_seconds,
        memory_limit_mb=limits.memory_limit_mb,
        input_constraints=fields.text("input_constraints"),
        hints=fields.hints(),
        plan=plan,
        statement_en=texts["statement.en.md"],
        statement_ko=texts["statement.ko.md"],
        reference_code=texts["reference.py"],
        brute_code=texts["brute.py"],
        start_code=texts["start.py"],
        samples=samples,
        brute_max_size=_brute_max_size(folder, module),
        generate=_callable(folder, module, "generate"),
        validate=_callable(folder, module, "validate"),
        content_hash=_content_hash(texts),
        folder=folder,
    )


def build_inputs(bp: BankProblem) -> list[TestInput]:
    """Samples, then the planned generated tests; seed i depends only on the bank id and i."""
    inputs = [
        TestInput(_as_input(bp, copy.deepcopy(s), f"sample {n}"), True, n, None, None)
        for n, s in enumerate(bp.samples, start=1)
    ]
    index = 0
    for entry in bp.plan:
        for _ in range(entry.count):
            seed = derive_seed(bp.bank_id, index)
            label = f"generated test {index + 1} (size {entry.size}, seed {seed})"
            try:
                data = bp.generate(random.Random(seed), entry.size)
            except Exception as exc:
                raise BankProblemError(
                    f"{bp.bank_id}: generate failed for {label}: {exc!r}"
                ) from exc
            inputs.append(TestInput(_as_input(bp, data, label), False, index + 1, entry.size, seed))
            index += 1
    return inputs


def derive_seed(bank_id: str, index: int) -> int:
    digest = hashlib.sha256(f"alpaco-bank:{bank_id}:{index}".encode()).digest()
    return int.from_bytes(digest[:8], "big")


def _as_input(bp: BankProblem, data: Any, label: str) -> Any:
    """The input exactly as the sandbox will see it after the wire's JSON round trip."""
    if bp.mode == "stdio" and not isinstance(data, str):
        raise BankProblemError(f"{bp.bank_id}: {label}: a stdio input must be the stdin text")
    try:
        return json.loads(json.dumps(data, allow_nan=False))
    except (TypeError, ValueError) as exc:
        raise BankProblemError(f"{bp.bank_id}: {label}: input is not a JSON value ({exc})") from exc


def _bank_order(bp: BankProblem) -> tuple[int, int, str]:
    if bp.legacy_id is not None:
        return (0, int(bp.legacy_id), bp.bank_id)
    return (1, 0, bp.bank_id)


def _fail(folder: Path, field: str, why: str) -> NoReturn:
    raise BankFormatError(f"bank problem {folder.name!r}: {field}: {why}")


def _read(folder: Path, name: str) -> str:
    path = folder / name
    if not path.is_file():
        _fail(folder, name, "file is missing")
    text = path.read_text(encoding="utf-8")
    if not text.strip():
        _fail(folder, name, "file is empty")
    return text


def _content_hash(texts: dict[str, str]) -> str:
    digest = hashlib.sha256()
    for name in FILES:
        digest.update(name.encode() + b"\0" + texts[name].encode() + b"\0")
    return digest.hexdigest()


def _check_source(folder: Path, name: str, source: str, *, needs_solution: bool) -> None:
    try:
        tree = ast.parse(source, filename=name)
    except SyntaxError as exc:
        _fail(folder, name, f"syntax error on line {exc.lineno}: {exc.msg}")
    defines = {n.name for n in tree.body if isinstance(n, ast.FunctionDef)}
    if needs_solution and "solution" not in defines:
        _fail(folder, name, "a function-mode problem must define solution(data) at top level")


def _check_statements(folder: Path, english: str, korean: str) -> None:
    for section in EN_SECTIONS:
        if section not in english:
            _fail(folder, "statement.en.md", f"missing the {section!r} section")
    if not any("\uac00" <= ch <= "\ud7a3" for ch in korean):
        _fail(folder, "statement.ko.md", "contains no Korean text")


def _load_tests_module(folder: Path, bank_id: str) -> ModuleType:
    path = folder / "tests.py"
    spec = importlib.util.spec_from_file_location(f"alpaco_bank_tests_{bank_id}", path)
    if spec is None or spec.loader is None:
        _fail(folder, "tests.py", "cannot be loaded")
    module = importlib.util.module_from_spec(spec)
    try:
        spec.loader.exec_module(module)
    except Exception as exc:
        _fail(folder, "tests.py", f"import failed: {exc!r}")
    return module


def _samples(folder: Path, module: ModuleType) -> tuple[Any, ...]:
    samples = getattr(module, "SAMPLES", None)
    if not isinstance(samples, list) or not 1 <= len(samples) <= 3:
        _fail(folder, "tests.py SAMPLES", "must be a list of 1..3 sample inputs")
    return tuple(samples)


def _brute_max_size(folder: Path, module: ModuleType) -> int:
    value = getattr(module, "BRUTE_MAX_SIZE", None)
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        _fail(folder, "tests.py BRUTE_MAX_SIZE", "must be an int >= 0")
    return value


def _callable(folder: Path, module: ModuleType, name: str) -> Any:
    value = getattr(module, name, None)
    if not callable(value):
        _fail(folder, f"tests.py {name}", "must be a function")
    return value


class _Fields:
    """Typed reads of problem.toml that fail with the folder and field name."""

    def __init__(self, folder: Path, meta: dict[str, Any]) -> None:
        self._folder = folder
        self._meta = meta

    def _get(self, name: str) -> Any:
        if name not in self._meta:
            _fail(self._folder, name, "required field is missing")
        return self._meta[name]

    def text(self, name: str) -> str:
        value = self._get(name)
        if not isinstance(value, str) or not value.strip():
            _fail(self._folder, name, "must be a non-empty string")
        return value.strip()

    def choice(self, name: str, allowed: tuple[str, ...]) -> str:
        value = self.text(name)
        if value not in allowed:
            _fail(self._folder, name, f"{value!r} is not one of {', '.join(allowed)}")
        return value

    def legacy_id(self) -> str | None:
        if "legacy_id" not in self._meta:
            return None
        value = self.text("legacy_id")
        if not value.isdecimal() or value.startswith("0"):
            _fail(self._folder, "legacy_id", f"{value!r} must be a positive decimal string")
        return value

    def positive_number(self, name: str) -> float:
        value = self._get(name)
        if isinstance(value, bool) or not isinstance(value, int | float) or not value > 0:
            _fail(self._folder, name, "must be a number > 0")
        return float(value)

    def positive_int(self, name: str) -> int:
        value = self._get(name)
        if isinstance(value, bool) or not isinstance(value, int) or value <= 0:
            _fail(self._folder, name, "must be an integer > 0")
        return value

    def epsilon(self, judge_type: str) -> float | None:
        if judge_type != "float_eps":
            if "epsilon" in self._meta:
                _fail(self._folder, "epsilon", "only a float_eps problem has an epsilon")
            return None
        return self.positive_number("epsilon")

    def strings(self, name: str) -> tuple[str, ...]:
        value = self._get(name)
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            _fail(self._folder, name, "must be a list of non-empty strings")
        return tuple(v.strip() for v in value)

    def tags(self) -> tuple[str, ...]:
        tags = self.strings("tags")
        unknown = [t for t in tags if t not in TAGS]
        if not tags or unknown or len(set(tags)) != len(tags):
            _fail(self._folder, "tags", f"need distinct known tags; unknown: {unknown}")
        return tags

    def hints(self) -> tuple[str, ...]:
        hints = self.strings("hints")
        if not 2 <= len(hints) <= 3:
            _fail(self._folder, "hints", f"need 2..3 hints, got {len(hints)}")
        return hints

    def plan(self) -> tuple[PlannedTests, ...]:
        value = self._get("tests")
        if not isinstance(value, list) or not value:
            _fail(self._folder, "tests", "must be a non-empty array of [[tests]] tables")
        plan = []
        for number, entry in enumerate(value, start=1):
            field = f"tests[{number}]"
            if not isinstance(entry, dict) or set(entry) != {"size", "count"}:
                _fail(self._folder, field, "must have exactly `size` and `count`")
            size, count = entry["size"], entry["count"]
            if isinstance(size, bool) or not isinstance(size, int) or size < 0:
                _fail(self._folder, f"{field}.size", "must be an integer >= 0")
            if isinstance(count, bool) or not isinstance(count, int) or count < 1:
                _fail(self._folder, f"{field}.count", "must be an integer >= 1")
            plan.append(PlannedTests(size, count))
        return tuple(plan)
