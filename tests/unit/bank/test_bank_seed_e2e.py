"""The whole bank seeded from scratch through the real executor: every problem passes its gates."""

from __future__ import annotations

import copy
import json
import re
import time
from typing import Any

import pytest

from alpaco.bank.catalog import load_bank
from alpaco.bank.seed import SeedReport, seed_bank
from alpaco.services.executor.handler import handler


class HandlerInvoker:
    """The executor's handler called in-process, both ways through JSON like Lambda's wire."""

    def invoke(self, function: str, payload: dict[str, Any]) -> dict[str, Any]:
        assert function == "executor"
        result: dict[str, Any] = json.loads(
            json.dumps(handler(json.loads(json.dumps(payload)), None))
        )
        return result


class MemoryStore:
    def __init__(self) -> None:
        self.items: dict[str, dict[str, Any]] = {}

    def get_problem(self, problem_id: str) -> dict[str, Any] | None:
        item = self.items.get(problem_id)
        return copy.deepcopy(item) if item is not None else None

    def write_problem(self, item: dict[str, Any], previous: dict[str, Any] | None) -> None:
        self.items[item["problemId"]] = copy.deepcopy(item)


@pytest.fixture(scope="module")
def seeded() -> tuple[SeedReport, MemoryStore]:
    store = MemoryStore()
    started = time.perf_counter()
    report = seed_bank(HandlerInvoker(), store)
    elapsed = time.perf_counter() - started
    print(f"\nseeded {len(report.seeded)} bank problems through the executor in {elapsed:.1f} s")
    for result in report.results:
        print(f"  {result.bank_id:28} {result.outcome:8} {result.seconds:6.2f} s  {result.message}")
    return report, store


def test_every_bank_problem_seeds_from_scratch(seeded: tuple[SeedReport, MemoryStore]) -> None:
    report, store = seeded
    assert [(r.bank_id, r.message) for r in report.failed] == []
    bank = load_bank()
    assert [r.bank_id for r in report.seeded] == [bp.bank_id for bp in bank]
    assert len(store.items) == len(bank) >= 24


def test_seeding_again_changes_nothing(seeded: tuple[SeedReport, MemoryStore]) -> None:
    _, store = seeded
    before = copy.deepcopy(store.items)
    again = seed_bank(HandlerInvoker(), store)
    assert {r.outcome for r in again.results} == {"skipped"}
    assert store.items == before


def _squeezed(text: str) -> str:
    return re.sub(r"\s+", "", text)


def test_the_statements_show_the_reference_outputs_of_the_samples(
    seeded: tuple[SeedReport, MemoryStore],
) -> None:
    _, store = seeded
    for item in store.items.values():
        samples = [c for c in json.loads(item["finalTestCases"]) if c["isSample"]]
        assert samples, item["bankId"]
        for case in samples:
            output = case["expected_output"]
            shown = output if item["mode"] == "stdio" else json.dumps(output, ensure_ascii=False)
            for field in ("description", "description_translated"):
                assert _squeezed(shown) in _squeezed(item[field]), (item["bankId"], field, shown)
