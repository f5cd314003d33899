"""Re-seeding a changed bank problem against DynamoDB Local while gradings keep counting."""

from __future__ import annotations

import dataclasses
import uuid
from typing import Any

import pytest

from alpaco.bank.catalog import BankProblem, load_bank, problem_id
from alpaco.bank.seed import REPLACE_ATTEMPTS, bank_hash, seed_bank
from alpaco.kernel.invoke import get_invoker
from alpaco.services.problems import repository

pytestmark = pytest.mark.integration


class GradedDuringVerification:
    """The real repository, with one grading counted right after each of the first `times` reads
    of the problem: the moment the seeder is busy verifying the new version."""

    def __init__(self, times: int) -> None:
        self.times = times
        self.counted = 0
        self.writes = 0

    def get_problem(self, problem_id: str) -> dict[str, Any] | None:
        found = repository.get_problem(problem_id)
        if found is not None and self.counted < self.times:
            repository.record_submission(problem_id, accepted=True)
            self.counted += 1
        return found

    def write_problem(self, item: dict[str, Any], previous: dict[str, Any] | None) -> None:
        self.writes += 1
        repository.write_problem(item, previous)


def seeded_once() -> BankProblem:
    """A bank problem of this test's own, seeded."""
    original = next(bp for bp in load_bank() if bp.legacy_id is None)
    bp = dataclasses.replace(original, bank_id=f"seed-race-{uuid.uuid4().hex[:8]}")
    first = seed_bank(get_invoker(), repository, problems=[bp])
    assert [r.outcome for r in first.results] == ["seeded"], first.summary()
    return bp


def test_a_reseed_keeps_the_submissions_counted_while_it_verified(dynamodb_endpoint: str) -> None:
    bp = seeded_once()
    store = GradedDuringVerification(times=2)
    changed = dataclasses.replace(bp, content_hash="edited")
    second = seed_bank(get_invoker(), store, problems=[changed])

    assert [r.outcome for r in second.results] == ["seeded"], second.summary()
    stored = repository.get_problem(problem_id(bp))
    assert stored is not None
    assert store.counted == 2  # before verifying, and again on the re-read after a conflict
    assert (stored["submissionCount"], stored["acceptedCount"]) == (2, 2)
    assert stored["bankHash"] == bank_hash(changed)


def test_a_problem_that_keeps_changing_is_reported_after_bounded_attempts(
    dynamodb_endpoint: str,
) -> None:
    bp = seeded_once()
    store = GradedDuringVerification(times=1_000)  # a grading lands after every read
    changed = dataclasses.replace(bp, content_hash="edited")

    [result] = seed_bank(get_invoker(), store, problems=[changed]).results

    assert result.outcome == "failed"
    assert "kept changing" in result.message
    assert store.writes == REPLACE_ATTEMPTS
    stored = repository.get_problem(problem_id(bp))
    assert stored is not None
    assert stored["bankHash"] == bank_hash(bp)  # every conditional write lost; the old one stays
    assert stored["submissionCount"] == store.counted == REPLACE_ATTEMPTS + 1
