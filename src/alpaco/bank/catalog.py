"""The curated problem bank on disk: one folder per problem, read into frozen values.

A folder is data, not a package: `tests.py` is trusted harness code loaded from its path, while
`reference.py`, `brute.py` and `start.py` are only ever carried as text and run in the sandbox.
Every rule a folder must follow is checked by `format` while the folder is read.
"""

from __future__ import annotations

import hashlib
import importlib.util
import random
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any, Final

from alpaco.bank.format import (
    FILES,
    PlannedTests,
    check_sources,
    check_statements,
    count_tests,
    fail,
    parse_meta,
    read_brute_max_size,
    read_files,
    read_function,
    read_samples,
)

PROBLEMS_DIR: Final = Path(__file__).parent / "problems"
BANK_NAMESPACE: Final = uuid.UUID("6f1d2c9e-8b4a-5e73-a0c1-3d5b7e9f2a48")

Generate = Callable[[random.Random, int], Any]
Validate = Callable[[Any], None]


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
    # tests.py as text: what the seeder stores as the item's `generatorCode`, a program that the
    # generator's offline answers hand on and the executor runs (its `generate(rng, size)`).
    generator_code: str
    samples: tuple[Any, ...]
    brute_max_size: int
    generate: Generate
    validate: Validate
    content_hash: str
    folder: Path


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
            fail(
                bp.folder,
                "legacy_id",
                f"{bp.legacy_id!r} is also used by {holders[bp.legacy_id]!r}",
            )
        holders[bp.legacy_id] = bp.bank_id
    return tuple(sorted(problems, key=_bank_order))


def load_problem(folder: Path) -> BankProblem:
    texts = read_files(folder)
    fields = parse_meta(folder, texts["problem.toml"])
    bank_id = fields.bank_id()
    mode = fields.mode()
    judge_type = fields.judge_type(mode)
    module = _load_tests_module(folder, bank_id)
    check_sources(folder, texts, needs_solution=mode == "function")
    check_statements(folder, texts["statement.en.md"], texts["statement.ko.md"])
    samples = read_samples(folder, module)
    plan = fields.plan()
    limits = fields.limits(mode, count_tests(folder, samples, plan))
    return BankProblem(
        bank_id=bank_id,
        legacy_id=fields.legacy_id(),
        title_en=fields.text("title_en"),
        title_ko=fields.text("title_ko"),
        difficulty=fields.difficulty(),
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
        generator_code=texts["tests.py"],
        samples=samples,
        brute_max_size=read_brute_max_size(folder, module),
        generate=read_function(folder, module, "generate"),
        validate=read_function(folder, module, "validate"),
        content_hash=_content_hash(texts),
        folder=folder,
    )


def _bank_order(bp: BankProblem) -> tuple[int, int, str]:
    if bp.legacy_id is not None:
        return (0, int(bp.legacy_id), bp.bank_id)
    return (1, 0, bp.bank_id)


def _content_hash(texts: dict[str, str]) -> str:
    digest = hashlib.sha256()
    for name in FILES:
        digest.update(name.encode() + b"\0" + texts[name].encode() + b"\0")
    return digest.hexdigest()


def _load_tests_module(folder: Path, bank_id: str) -> ModuleType:
    path = folder / "tests.py"
    spec = importlib.util.spec_from_file_location(f"alpaco_bank_tests_{bank_id}", path)
    if spec is None or spec.loader is None:
        fail(folder, "tests.py", "cannot be loaded")
    module = importlib.util.module_from_spec(spec)
    try:
        spec.loader.exec_module(module)
    except Exception as exc:
        fail(folder, "tests.py", f"import failed: {exc!r}")
    return module
