from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from alpaco.bank.catalog import load_problem
from alpaco.bank.format import BankFormatError


@pytest.mark.parametrize(
    ("label", "english"), [("쉬움", "Easy"), ("보통", "Medium"), ("어려움", "Hard")]
)
def test_korean_difficulty_labels_map_to_english(
    folder: Path, rewrite: Callable[[Path, str, str, str], None], label: str, english: str
) -> None:
    rewrite(folder, "problem.toml", 'difficulty = "Easy"', f'difficulty = "{label}"')
    assert load_problem(folder).difficulty == english


MALFORMED = [
    ("problem.toml", 'title_ko = "A + B"\n', "", "title_ko: required field is missing"),
    ("problem.toml", 'difficulty = "Easy"', 'difficulty = "Tutorial"', "difficulty:"),
    ("problem.toml", '"implementation"]', '"sorcery"]', "tags:"),
    ("problem.toml", 'judge_type = "equal"', 'judge_type = "tokens"', "judge_type:"),
    ("problem.toml", 'mode = "function"', 'mode = "batch"', "mode:"),
    ("problem.toml", 'judge_type = "equal"', 'judge_type = "equal"\nepsilon = 1e-6', "epsilon:"),
    ("problem.toml", "memory_limit_mb = 256", "memory_limit_mb = 0", "memory_limit_mb:"),
    ("problem.toml", "time_limit_seconds = 1.0", 'time_limit_seconds = "1"', "time_limit_seconds:"),
    (
        "problem.toml",
        "time_limit_seconds = 1.0",
        "time_limit_seconds = 1.5",
        "time_limit_seconds: problem has 14 test cases of 1.5 s each, 21 s in all; the bound is 20 s",
    ),
    (
        "problem.toml",
        'mode = "function"',
        'mode = "function"\nauthor = "x"',
        "author: unknown field",
    ),
    ("problem.toml", 'bank_id = "a_plus_b"', 'bank_id = "a_plus_c"', "bank_id:"),
    ("problem.toml", 'legacy_id = "1"', 'legacy_id = "01"', "legacy_id:"),
    ("problem.toml", '    "Either number', '    # "Either number', "hints: need 2..3 hints, got 1"),
    ("problem.toml", "size = 10\ncount = 4", "size = 10\ncount = 40", "tests: 50 tests"),
    ("problem.toml", "size = 10\ncount = 4", "size = 10", "tests[1]:"),
    ("problem.toml", "size = 10\n", "size = -1\n", "tests[1].size:"),
    ("problem.toml", 'title_en = "A + B"', "title_en = ", "problem.toml: not valid TOML"),
    ("reference.py", "def solution(", "def solution(:", "reference.py: syntax error on line 1"),
    ("start.py", "def solution(", "def solve(", "start.py: a function-mode problem must define"),
    ("tests.py", "LIMIT = 10**9", "LIMIT = 1 // 0", "tests.py: import failed"),
    ("tests.py", "BRUTE_MAX_SIZE = 1000", 'BRUTE_MAX_SIZE = "1000"', "BRUTE_MAX_SIZE"),
    (
        "tests.py",
        "BRUTE_MAX_SIZE = 1000",
        "SAMPLES = []\nBRUTE_MAX_SIZE = 1000",
        "SAMPLES: must be",
    ),
    ("tests.py", "def validate(", "def check(", "tests.py validate: must be a function"),
    (
        "statement.en.md",
        "### Examples",
        "### Samples",
        "statement.en.md: missing the '### Examples'",
    ),
]


@pytest.mark.parametrize(("name", "old", "new", "message"), MALFORMED)
def test_a_malformed_folder_names_the_folder_and_the_field(
    name: str,
    old: str,
    new: str,
    message: str,
    *,
    folder: Path,
    rewrite: Callable[[Path, str, str, str], None],
) -> None:
    rewrite(folder, name, old, new)
    with pytest.raises(BankFormatError) as caught:
        load_problem(folder)
    assert str(caught.value).startswith("bank problem 'a_plus_b': ")
    assert message in str(caught.value)


@pytest.mark.parametrize("name", ["brute.py", "statement.ko.md", "tests.py"])
def test_a_missing_file_is_named(folder: Path, name: str) -> None:
    (folder / name).unlink()
    with pytest.raises(BankFormatError, match=f"'a_plus_b': {name}: file is missing"):
        load_problem(folder)


def test_a_korean_statement_must_be_korean(folder: Path) -> None:
    (folder / "statement.ko.md").write_text("Just English.\n", encoding="utf-8")
    with pytest.raises(BankFormatError, match=r"statement\.ko\.md: contains no Korean"):
        load_problem(folder)
