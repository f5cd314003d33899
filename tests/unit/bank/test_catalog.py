from __future__ import annotations

import shutil
import uuid
from collections.abc import Callable
from pathlib import Path

import pytest

from alpaco.bank.catalog import (
    BANK_NAMESPACE,
    PROBLEMS_DIR,
    BankProblem,
    load_bank,
    load_problem,
    problem_id,
)
from alpaco.bank.format import BankFormatError

STARTERS = (
    "a_plus_b",
    "array_maximum",
    "fibonacci_dp",
    "string_reverse",
    "binary_search",
    "dijkstra_shortest_paths",
)


def test_load_bank_reads_every_problem_folder() -> None:
    folders = {p.name for p in PROBLEMS_DIR.iterdir() if p.is_dir() and p.name[0] not in "_."}
    bank = load_bank()
    assert {bp.bank_id for bp in bank} == folders
    assert len(bank) >= 12


def test_the_six_starters_come_first_in_the_original_order() -> None:
    bank = load_bank()
    assert [(bp.legacy_id, bp.bank_id) for bp in bank[:6]] == [
        (str(number), bank_id) for number, bank_id in enumerate(STARTERS, start=1)
    ]
    rest = [bp.bank_id for bp in bank[6:]]
    assert rest == sorted(rest)
    assert all(bp.legacy_id is None for bp in bank[6:])


def test_problem_ids_are_stable_and_distinct() -> None:
    bank = load_bank()
    by_bank_id = {bp.bank_id: bp for bp in bank}
    assert problem_id(by_bank_id["a_plus_b"]) == "1"
    assert problem_id(by_bank_id["dijkstra_shortest_paths"]) == "6"
    # Pinned: changing the namespace would orphan every seeded item.
    assert problem_id(by_bank_id["pair_sum_count"]) == "b1dd2f3b-76e8-56f2-8007-082bcefa2c93"
    assert problem_id(by_bank_id["meeting_rooms"]) == str(
        uuid.uuid5(BANK_NAMESPACE, "alpaco-bank:meeting_rooms")
    )
    assert len({problem_id(bp) for bp in bank}) == len(bank)


def test_a_loaded_problem_carries_metadata_statements_and_sources(a_plus_b: BankProblem) -> None:
    assert a_plus_b.title_en == "A + B"
    assert a_plus_b.difficulty == "Easy"
    assert a_plus_b.tags == ("math", "implementation")
    assert (a_plus_b.mode, a_plus_b.judge_type, a_plus_b.epsilon) == ("function", "equal", None)
    assert a_plus_b.time_limit_seconds == 1.0
    assert a_plus_b.memory_limit_mb == 256
    assert "def solution(data" in a_plus_b.reference_code
    assert "def solution(data" in a_plus_b.brute_code
    assert "### Examples" in a_plus_b.statement_en
    assert "### 예제" in a_plus_b.statement_ko
    assert len(a_plus_b.hints) == 2
    assert a_plus_b.samples == ({"a": 1, "b": 2}, {"a": -7, "b": 3})
    assert a_plus_b.brute_max_size == 1000


def test_float_eps_problems_carry_their_epsilon() -> None:
    bp = load_problem(PROBLEMS_DIR / "average_rating")
    assert (bp.judge_type, bp.epsilon) == ("float_eps", 1e-6)


def test_two_folders_cannot_share_a_legacy_id(
    folder: Path, rewrite: Callable[[Path, str, str, str], None]
) -> None:
    twin = Path(shutil.copytree(folder, folder.parent / "a_plus_c"))
    rewrite(twin, "problem.toml", 'bank_id = "a_plus_b"', 'bank_id = "a_plus_c"')
    with pytest.raises(
        BankFormatError, match="'a_plus_c': legacy_id: '1' is also used by 'a_plus_b'"
    ):
        load_bank(folder.parent)


def test_load_bank_skips_private_folders_and_files(folder: Path) -> None:
    (folder.parent / "_drafts").mkdir()
    (folder.parent / ".cache").mkdir()
    (folder.parent / "README.md").write_text("notes", encoding="utf-8")
    assert [bp.bank_id for bp in load_bank(folder.parent)] == ["a_plus_b"]


def test_the_content_hash_follows_every_file(
    folder: Path, rewrite: Callable[[Path, str, str, str], None]
) -> None:
    before = load_problem(folder).content_hash
    assert load_problem(folder).content_hash == before
    rewrite(folder, "statement.ko.md", "헛간", "창고")
    assert load_problem(folder).content_hash != before
