"""Bank problems to test with: the real a_plus_b, or a private copy of its folder to break; and
what the Problems table holds."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from alpaco.bank.catalog import PROBLEMS_DIR, BankProblem, load_problem
from alpaco.kernel import dynamo
from alpaco.kernel.tables import PROBLEMS


def _rewrite(folder: Path, name: str, old: str, new: str) -> None:
    path = folder / name
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {name}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """A private copy of a_plus_b that a test may break."""
    return Path(shutil.copytree(PROBLEMS_DIR / "a_plus_b", tmp_path / "a_plus_b"))


@pytest.fixture
def a_plus_b() -> BankProblem:
    return load_problem(PROBLEMS_DIR / "a_plus_b")


@pytest.fixture
def rewrite() -> Callable[[Path, str, str, str], None]:
    """`rewrite(folder, name, old, new)` replaces the first `old` in a file, which must hold it."""
    return _rewrite


def _stored_problems() -> dict[str, dict[str, Any]]:
    pages = dynamo.client().get_paginator("scan").paginate(TableName=PROBLEMS.name)
    found = [dynamo.from_item(item) for page in pages for item in page["Items"]]
    return {item["problemId"]: item for item in found}


@pytest.fixture(scope="session")
def stored_problems(dynamodb_endpoint: str) -> Callable[[], dict[str, dict[str, Any]]]:
    """`stored_problems()`: every item of the Problems table in DynamoDB Local, by problemId."""
    return _stored_problems
