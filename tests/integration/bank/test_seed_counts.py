"""Re-seeding a changed bank problem against DynamoDB Local while gradings keep counting."""

from __future__ import annotations

import dataclasses
import uuid
from typing import Any

import pytest

from alpaco.bank.catalog import load_bank, problem_id
from alpaco.bank.seed import bank_hash, seed_bank
from alpaco.kernel.invoke import get_invoker
from alpaco.services.problems import repository

pytestmark = pytest.mark.integration


class GradedDuringVerification:
    """The real repository, with one grading counted right after each read of the problem:
    the moment the seeder is busy verifying the new version."""

    def __init__(self) -> None:
        self.counted = 0

    def get_problem(self, problem_id: str) -> dict[str, Any] | None:
        found = repository.get_problem(problem_id)
        if found is not None and self.counted < 2:
            repository.record_submission(problem_id, accepted=True)
            self.counted += 1
        return found

    def write_problem(self, item: dict[str, Any], previous: dict[str, Any] | None) -> None:
        repository.write_problem(item, previous)


def test_a_reseed_keeps_the_submissions_counted_while_it_verified(dynamodb_endpoint: str) -> None:
    original = next(bp for bp in load_bank() if bp.legacy_id is None)
    bp = dataclasses.replace(original, bank_id=f"seed-race-{uuid.uuid4().hex[:8]}")
    first = seed_bank(get_invoker(), repository, problems=[bp])
    assert [r.outcome for r in first.results] == ["seeded"], first.summary()

    store = GradedDuringVerification()
    changed = dataclasses.replace(bp, content_hash="edited")
    second = seed_bank(get_invoker(), store, problems=[changed])

    assert [r.outcome for r in second.results] == ["seeded"], second.summary()
    stored = repository.get_problem(problem_id(bp))
    assert stored is not None
    assert store.counted == 2  # before verifying, and again on the re-read after a conflict
    assert (stored["submissionCount"], stored["acceptedCount"]) == (2, 2)
    assert stored["bankHash"] == bank_hash(changed)
