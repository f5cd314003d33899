from __future__ import annotations

import dataclasses
import json
import uuid
from collections.abc import Callable, Iterator, Mapping
from contextlib import AbstractContextManager
from typing import Any

import pytest

from alpaco.bank.catalog import BANK_NAMESPACE, PROBLEMS_DIR, BankProblem, load_problem
from alpaco.bank.seed import (
    SCHEMA_VERSION,
    bank_hash,
    problem_item,
    seed_bank,
)
from alpaco.bank.verify import VerifiedProblem, verify_problem
from alpaco.kernel.dynamo import MAX_ITEM_BYTES
from alpaco.services.problems import repository

Program = Callable[[Any], dict[str, Any]]
Stored = Callable[[], dict[str, dict[str, Any]]]
T0 = "2025-03-01T09:00:00.000Z"
T1 = "2025-04-01T09:00:00.000Z"

DOCUMENTED_FIELDS = {
    "problemId", "bankId", "bankHash", "title", "title_translated", "description",
    "description_translated", "targetLanguage", "difficulty", "tags", "mode", "judgeType",
    "timeLimitSeconds", "memoryLimitMb", "constraints", "startCode", "solutionCode",
    "bruteForceCode", "generatorCode", "finalTestCases", "hints", "language", "generationStatus",
    "createdAt", "completedAt", "creatorId", "author", "schemaVersion", "submissionCount",
    "acceptedCount", "trust",
}  # fmt: skip
HIDDEN_FIELDS = {"solutionCode", "bruteForceCode", "generatorCode", "finalTestCases"}


def ok(value: Any) -> dict[str, Any]:
    return {"status": "OK", "stdout": "", "returnValue": value, "executionTimeMs": 7}


class ScriptedExecutor:
    """Answers a batch with the Python function registered for the submitted source."""

    def __init__(self, programs: Mapping[str, Program]) -> None:
        self.programs = dict(programs)
        self.calls: list[dict[str, Any]] = []

    def invoke(self, function: str, payload: dict[str, Any]) -> dict[str, Any]:
        payload = json.loads(json.dumps(payload))
        self.calls.append(payload)
        program = self.programs[payload["code_to_execute"]]
        return {"results": [program(data) for data in payload["inputs"]]}


def best_average(data: Any) -> dict[str, Any]:
    ratings, k = data["ratings"], data["k"]
    sums = [sum(ratings[:k])]
    for day in range(k, len(ratings)):
        sums.append(sums[-1] + ratings[day] - ratings[day - k])
    return ok(max(sums) / k)


PROGRAMS: dict[str, Program] = {
    "a_plus_b": lambda data: ok(data["a"] + data["b"]),
    "string_reverse": lambda data: ok(data[::-1]),
    "average_rating": best_average,
}


@pytest.fixture
def problems() -> list[BankProblem]:
    return [load_problem(PROBLEMS_DIR / bank_id) for bank_id in PROGRAMS]


def executor_for(problems: list[BankProblem]) -> ScriptedExecutor:
    programs: dict[str, Program] = {}
    for bp in problems:
        programs[bp.reference_code] = programs[bp.brute_code] = PROGRAMS[bp.bank_id]
    return ScriptedExecutor(programs)


def verified(bp: BankProblem) -> VerifiedProblem:
    return verify_problem(bp, executor_for([bp]))


def test_a_problem_item_has_exactly_the_documented_fields(problems: list[BankProblem]) -> None:
    bp = problems[0]
    item = problem_item(bp, verified(bp), now=T0)
    assert set(item) == DOCUMENTED_FIELDS
    assert item["problemId"] == "1"
    assert item["bankId"] == "a_plus_b"
    assert item["bankHash"] == bank_hash(bp)
    assert (item["title"], item["title_translated"]) == ("A + B", "A + B")
    assert (item["description"], item["description_translated"]) == (
        bp.statement_en,
        bp.statement_ko,
    )
    assert item["targetLanguage"] == "Korean"
    assert (item["difficulty"], item["tags"], item["mode"]) == (
        "Easy",
        ["math", "implementation"],
        "function",
    )
    assert (item["judgeType"], item["timeLimitSeconds"], item["memoryLimitMb"]) == (
        "equal",
        1.0,
        256,
    )
    assert json.loads(item["constraints"]) == {
        "time_limit_seconds": 1.0,
        "memory_limit_mb": 256,
        "input_constraints": bp.input_constraints,
        "judge_type": "equal",
    }
    assert (item["startCode"], item["solutionCode"], item["bruteForceCode"]) == (
        bp.start_code,
        bp.reference_code,
        bp.brute_code,
    )
    assert item["generatorCode"] == (bp.folder / "tests.py").read_text(encoding="utf-8")
    assert item["hints"] == list(bp.hints)
    assert (item["language"], item["generationStatus"]) == ("python3.12", "completed")
    assert (item["createdAt"], item["completedAt"]) == (T0, T0)
    assert (item["creatorId"], item["author"], item["schemaVersion"]) == (
        "alpaco-bank",
        "ALPACO",
        SCHEMA_VERSION,
    )
    assert (item["submissionCount"], item["acceptedCount"]) == (0, 0)


def test_the_trust_map_holds_what_verification_established(problems: list[BankProblem]) -> None:
    bp = problems[0]
    checked = verified(bp)
    trust = problem_item(bp, checked, now=T0)["trust"]
    assert trust == {
        "source": "bank",
        "testCount": 14,
        "sampleCount": 2,
        "generatedTestCount": 12,
        "bruteForceChecked": checked.brute_checked,
        "validatorAcceptsAll": True,
        "referenceMaxMs": 7,
        "timeLimitRule": "set by the problem's author; the reference must finish every test within it",
    }
    assert 0 < checked.brute_checked < 14  # the size-10^9 tests are too large for the brute force


def test_final_test_cases_put_the_flagged_samples_first(problems: list[BankProblem]) -> None:
    bp = problems[0]
    cases = json.loads(problem_item(bp, verified(bp), now=T0)["finalTestCases"])
    assert len(cases) == 14
    assert all(set(case) == {"input", "expected_output", "rationale", "isSample"} for case in cases)
    assert cases[:2] == [
        {
            "input": {"a": 1, "b": 2},
            "expected_output": 3,
            "rationale": "sample 1",
            "isSample": True,
        },
        {
            "input": {"a": -7, "b": 3},
            "expected_output": -4,
            "rationale": "sample 2",
            "isSample": True,
        },
    ]
    assert not any(case["isSample"] for case in cases[2:])
    assert cases[2]["rationale"].startswith("generated, size 10, seed ")
    assert all(c["expected_output"] == c["input"]["a"] + c["input"]["b"] for c in cases)


def test_a_float_eps_item_carries_its_epsilon(problems: list[BankProblem]) -> None:
    bp = problems[2]
    item = problem_item(bp, verified(bp), now=T0)
    assert item["epsilon"] == 1e-6
    assert json.loads(item["constraints"])["epsilon"] == 1e-6
    assert item["problemId"] == str(uuid.uuid5(BANK_NAMESPACE, "alpaco-bank:average_rating"))


def test_problem_item_is_pure(problems: list[BankProblem]) -> None:
    bp = problems[1]
    checked = verified(bp)
    assert problem_item(bp, checked, now=T0) == problem_item(bp, checked, now=T0)


def test_hidden_data_lives_only_in_the_hidden_fields(problems: list[BankProblem]) -> None:
    bp = problems[1]
    item = problem_item(bp, verified(bp), now=T0)
    public = json.dumps({k: v for k, v in item.items() if k not in HIDDEN_FIELDS})
    assert bp.reference_code not in public
    assert bp.brute_code not in public
    hidden = [case for case in json.loads(item["finalTestCases"]) if not case["isSample"]]
    long_strings = [case["input"] for case in hidden if len(case["input"]) >= 20]
    assert long_strings
    for text in long_strings:
        assert json.dumps(text) not in public
        assert json.dumps(text[::-1]) not in public


@pytest.fixture
def table(
    private_tables: Callable[[], AbstractContextManager[str]], stored_problems: Stored
) -> Iterator[Stored]:
    """An empty Problems table of the test's own (bank ids are fixed); `table()` reads it all."""
    with private_tables():
        yield stored_problems


def test_seeding_from_scratch_writes_every_problem(
    problems: list[BankProblem], table: Stored
) -> None:
    report = seed_bank(executor_for(problems), repository, problems=problems, clock=lambda: T0)
    assert report.ok
    assert [r.bank_id for r in report.seeded] == ["a_plus_b", "string_reverse", "average_rating"]
    assert report.skipped == report.failed == ()
    assert set(table()) == {r.problem_id for r in report.seeded}
    assert table()["1"]["createdAt"] == T0
    assert "14 tests, 8 checked by the brute force" in report.seeded[0].message


def test_seeding_again_skips_unchanged_problems_without_running_them(
    problems: list[BankProblem], table: Stored
) -> None:
    executor = executor_for(problems)
    seed_bank(executor, repository, problems=problems, clock=lambda: T0)
    runs, before = len(executor.calls), table()
    report = seed_bank(executor, repository, problems=problems, clock=lambda: T1)
    assert [(r.outcome, r.message) for r in report.results] == [("skipped", "unchanged")] * 3
    assert len(executor.calls) == runs
    assert table() == before
    assert table()["1"]["completedAt"] == T0


def test_a_changed_problem_is_rewritten_keeping_its_creation_time_and_counters(
    problems: list[BankProblem], table: Stored
) -> None:
    executor = executor_for(problems)
    seed_bank(executor, repository, problems=problems, clock=lambda: T0)
    for accepted in (True, False, True, False, False):
        repository.record_submission("1", accepted=accepted)
    changed = [dataclasses.replace(problems[0], content_hash="edited"), *problems[1:]]
    report = seed_bank(executor, repository, problems=changed, clock=lambda: T1)
    assert [r.outcome for r in report.results] == ["seeded", "skipped", "skipped"]
    item = table()["1"]
    assert (item["createdAt"], item["completedAt"]) == (T0, T1)
    assert (item["submissionCount"], item["acceptedCount"]) == (5, 2)
    assert item["bankHash"] == bank_hash(changed[0]) != bank_hash(problems[0])


def test_a_problem_that_fails_its_gates_is_reported_and_not_written(
    problems: list[BankProblem], table: Stored
) -> None:
    executor = executor_for(problems)
    executor.programs[problems[1].brute_code] = ok
    report = seed_bank(executor, repository, problems=problems, clock=lambda: T0)
    assert not report.ok
    assert [r.bank_id for r in report.seeded] == ["a_plus_b", "average_rating"]
    (failed,) = report.failed
    assert failed.bank_id == "string_reverse"
    assert failed.message.startswith("string_reverse: the brute force disagrees with the reference")
    assert failed.problem_id not in table()
    assert len(table()) == 2


def test_only_seeds_the_named_problems_and_reports_unknown_names(
    problems: list[BankProblem], table: Stored
) -> None:
    report = seed_bank(
        executor_for(problems), repository, only=["a_plus_b", "no_such"], problems=problems
    )
    assert [(r.bank_id, r.outcome) for r in report.results] == [
        ("no_such", "failed"),
        ("a_plus_b", "seeded"),
    ]
    assert report.failed[0].message == "no bank problem has this id"
    assert set(table()) == {"1"}


def test_a_foreign_item_under_a_legacy_id_is_never_overwritten(
    problems: list[BankProblem], table: Stored
) -> None:
    repository.write_problem({"problemId": "1", "title": "someone else's"})
    report = seed_bank(executor_for(problems), repository, problems=problems[:1])
    assert report.failed[0].message == "problemId '1' already holds a non-bank problem"
    assert table()["1"]["title"] == "someone else's"


def test_an_item_over_the_size_budget_is_not_written(
    problems: list[BankProblem], table: Stored
) -> None:
    bloated = dataclasses.replace(problems[0], statement_en="x" * MAX_ITEM_BYTES)
    report = seed_bank(executor_for(problems), repository, problems=[bloated])
    assert "over the 350000 byte budget" in report.failed[0].message
    assert table() == {}


def test_the_summary_lists_every_problem_and_the_totals(
    problems: list[BankProblem], table: Stored
) -> None:
    executor = executor_for(problems)
    executor.programs[problems[1].brute_code] = ok
    report = seed_bank(executor, repository, problems=problems)
    lines = report.summary().splitlines()
    assert len(lines) == 4
    assert lines[0].startswith("seeded   a_plus_b ")
    assert lines[1].startswith("failed   string_reverse ")
    assert "the brute force disagrees" in lines[1]
    assert lines[3].startswith("bank: 2 seeded, 0 skipped, 1 failed in ")
