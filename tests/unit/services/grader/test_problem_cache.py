"""The cache in front of the real problems repository, in DynamoDB Local, on a clock of its own."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from alpaco.kernel import dynamo
from alpaco.services.grader.problem_cache import CachedProblems
from alpaco.services.problems import repository

CASES = [{"input": [1], "expected_output": 1}]


class Reads:
    """The real repository, noting every problem it is asked for."""

    def __init__(self) -> None:
        self.reads: list[str] = []

    def get_problem(self, problem_id: str) -> dict[str, Any] | None:
        self.reads.append(problem_id)
        return repository.get_problem(problem_id)

    def submission_counted(self, problem_id: str, *, accepted: bool) -> dict[str, Any]:
        return repository.submission_counted(problem_id, accepted=accepted)


@pytest.fixture
def problem(put_problem: Callable[..., str]) -> Callable[..., str]:
    """`problem(**fields)`: a stored problem (completed unless a field says otherwise); its id."""
    return lambda **fields: put_problem(CASES, **fields)


def cache(source: Reads, clock: Callable[[], float], max_items: int = 4) -> CachedProblems:
    return CachedProblems(source, ttl_seconds=30, max_items=max_items, clock=clock)


def test_a_completed_problem_is_read_once_within_the_ttl(
    problem: Callable[..., str], clock: Any
) -> None:
    source, p = Reads(), problem(title="A")
    problems = cache(source, clock)
    first = problems.get_problem(p)
    assert first is not None
    assert first == repository.get_problem(p)
    clock.now += 29
    assert problems.get_problem(p) == first
    assert source.reads == [p]
    repository.write_problem({**first, "title": "B"}, first)
    clock.now += 2
    assert problems.get_problem(p)["title"] == "B"  # type: ignore[index]
    assert source.reads == [p, p]


def test_unfinished_and_unknown_problems_are_always_read_fresh(
    problem: Callable[..., str], clock: Any
) -> None:
    source = Reads()
    g = problem(generationStatus="step3_complete_attempt_0")
    problems = cache(source, clock)
    problems.get_problem(g)
    problems.get_problem(g)
    assert problems.get_problem("missing") is None
    assert problems.get_problem("missing") is None
    assert source.reads == [g, g, "missing", "missing"]


def test_callers_cannot_change_the_cached_item(problem: Callable[..., str], clock: Any) -> None:
    p = problem()
    problems = cache(Reads(), clock)
    first = problems.get_problem(p)
    assert first is not None
    first["generationStatus"] = "tampered"
    assert problems.get_problem(p) == repository.get_problem(p)
    assert repository.get_problem(p)["generationStatus"] == "completed"  # type: ignore[index]


def test_the_least_recently_used_problem_leaves_first(
    problem: Callable[..., str], clock: Any
) -> None:
    source = Reads()
    a, b, c = problem(), problem(), problem()
    problems = cache(source, clock, max_items=2)
    for name in (a, b, a, c, a, b):
        problems.get_problem(name)
    assert source.reads == [a, b, c, b]


def test_counters_always_reach_the_table(problem: Callable[..., str], clock: Any) -> None:
    """The cache hands out the counter update as the table's own, never one made from its copy."""
    p = problem()
    problems = cache(Reads(), clock)
    problems.get_problem(p)
    for accepted in (True, False):
        update = problems.submission_counted(p, accepted=accepted)["Update"]
        dynamo.client().update_item(**update)
    stored = repository.get_problem(p)
    assert stored is not None
    assert (stored["submissionCount"], stored["acceptedCount"]) == (2, 1)
