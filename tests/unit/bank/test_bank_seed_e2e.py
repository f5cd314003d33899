"""The whole bank seeded from scratch through the real executor into an empty Problems table in
DynamoDB Local: every problem passes its gates."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from typing import Any

import pytest

from alpaco.bank.catalog import load_bank, problem_id
from alpaco.bank.seed import SeedReport, seed_bank
from alpaco.services.executor.handler import handler
from alpaco.services.problems import repository

Stored = Callable[[], dict[str, dict[str, Any]]]


class HandlerInvoker:
    """The executor's handler called in-process, both ways through JSON like Lambda's wire."""

    def invoke(self, function: str, payload: dict[str, Any]) -> dict[str, Any]:
        assert function == "executor"
        result: dict[str, Any] = json.loads(
            json.dumps(handler(json.loads(json.dumps(payload)), None))
        )
        return result


@pytest.fixture(scope="module")
def seeded(private_tables: Callable[[], AbstractContextManager[str]]) -> Iterator[SeedReport]:
    """The bank seeded into an empty Problems table in DynamoDB Local, through the repository."""
    with private_tables():
        report = seed_bank(HandlerInvoker(), repository)
        print(f"\nseeded {len(report.seeded)} bank problems through the executor")
        for result in report.results:
            print(
                f"  {result.bank_id:28} {result.outcome:8} {result.seconds:6.2f} s  {result.message}"
            )
        yield report


def test_every_bank_problem_seeds_from_scratch(seeded: SeedReport, stored_problems: Stored) -> None:
    assert [(r.bank_id, r.message) for r in seeded.failed] == []
    bank = load_bank()
    assert [r.bank_id for r in seeded.seeded] == [bp.bank_id for bp in bank]
    assert set(stored_problems()) == {problem_id(bp) for bp in bank}
    assert len(bank) >= 24
    assert repository.has_bank_problems()


def test_seeding_again_changes_nothing(seeded: SeedReport, stored_problems: Stored) -> None:
    before = stored_problems()
    again = seed_bank(HandlerInvoker(), repository)
    assert {r.outcome for r in again.results} == {"skipped"}
    assert stored_problems() == before


def _squeezed(text: str) -> str:
    return re.sub(r"\s+", "", text)


def test_the_statements_show_the_reference_outputs_of_the_samples(
    seeded: SeedReport, stored_problems: Stored
) -> None:
    for item in stored_problems().values():
        samples = [c for c in json.loads(item["finalTestCases"]) if c["isSample"]]
        assert samples, item["bankId"]
        for case in samples:
            output = case["expected_output"]
            shown = output if item["mode"] == "stdio" else json.dumps(output, ensure_ascii=False)
            for field in ("description", "description_translated"):
                assert _squeezed(shown) in _squeezed(item[field]), (item["bankId"], field, shown)
