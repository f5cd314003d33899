from __future__ import annotations

from typing import Any

from alpaco.services.grader.problem_cache import CachedProblems


class Source:
    def __init__(self) -> None:
        self.items: dict[str, dict[str, Any]] = {}
        self.reads: list[str] = []
        self.recorded: list[tuple[str, bool]] = []

    def get_problem(self, problem_id: str) -> dict[str, Any] | None:
        self.reads.append(problem_id)
        item = self.items.get(problem_id)
        return dict(item) if item else None

    def record_submission(self, problem_id: str, *, accepted: bool) -> None:
        self.recorded.append((problem_id, accepted))


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def cache(source: Source, clock: Clock, max_items: int = 4) -> CachedProblems:
    return CachedProblems(source, ttl_seconds=30, max_items=max_items, clock=clock)


def test_a_completed_problem_is_read_once_within_the_ttl() -> None:
    source, clock = Source(), Clock()
    source.items["p"] = {"problemId": "p", "generationStatus": "completed", "title": "A"}
    problems = cache(source, clock)
    assert problems.get_problem("p") == source.items["p"]
    clock.now += 29
    assert problems.get_problem("p") == source.items["p"]
    assert source.reads == ["p"]
    source.items["p"] = {**source.items["p"], "title": "B"}
    clock.now += 2
    assert problems.get_problem("p")["title"] == "B"  # type: ignore[index]
    assert source.reads == ["p", "p"]


def test_unfinished_and_unknown_problems_are_always_read_fresh() -> None:
    source, clock = Source(), Clock()
    source.items["g"] = {"problemId": "g", "generationStatus": "step3_complete_attempt_0"}
    problems = cache(source, clock)
    problems.get_problem("g")
    problems.get_problem("g")
    assert problems.get_problem("missing") is None
    assert problems.get_problem("missing") is None
    assert source.reads == ["g", "g", "missing", "missing"]


def test_callers_cannot_change_the_cached_item() -> None:
    source, clock = Source(), Clock()
    source.items["p"] = {"problemId": "p", "generationStatus": "completed"}
    problems = cache(source, clock)
    first = problems.get_problem("p")
    assert first is not None
    first["generationStatus"] = "tampered"
    assert problems.get_problem("p") == {"problemId": "p", "generationStatus": "completed"}


def test_the_least_recently_used_problem_leaves_first() -> None:
    source, clock = Source(), Clock()
    for name in "abc":
        source.items[name] = {"problemId": name, "generationStatus": "completed"}
    problems = cache(source, clock, max_items=2)
    problems.get_problem("a")
    problems.get_problem("b")
    problems.get_problem("a")
    problems.get_problem("c")
    problems.get_problem("a")
    problems.get_problem("b")
    assert source.reads == ["a", "b", "c", "b"]


def test_counters_always_reach_the_source() -> None:
    source = Source()
    cache(source, Clock()).record_submission("p", accepted=True)
    assert source.recorded == [("p", True)]
