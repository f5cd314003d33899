"""Seeding the Problems table from the bank: verify each problem, then write its item.

Idempotent: an item carries the bank id and a hash of its folder (and of the item schema), so an
unchanged problem is skipped without running anything, and a changed one is rewritten keeping
its `createdAt` and counters (never losing a submission counted while it was verified). A
problem that fails a gate is reported and left unwritten; the others still seed.
"""

from __future__ import annotations

import hashlib
import json
import time
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Final, Literal, Protocol

from alpaco.bank.catalog import BankProblem, load_bank, problem_id
from alpaco.bank.format import BankProblemError
from alpaco.bank.verify import VerifiedProblem, verify_problem
from alpaco.kernel.dynamo import MAX_ITEM_BYTES, item_bytes
from alpaco.kernel.invoke import Invoker
from alpaco.services.problems.repository import ProblemChanged, stored_trust

SCHEMA_VERSION: Final = "bank-3"  # bank-3: the trust map
CREATOR_ID: Final = "alpaco-bank"
AUTHOR: Final = "ALPACO"
_PRESERVED: Final = ("createdAt", "submissionCount", "acceptedCount")
REPLACE_ATTEMPTS: Final = 5
TIME_LIMIT_RULE: Final = (
    "set by the problem's author; the reference must finish every test within it"
)

Outcome = Literal["seeded", "skipped", "failed"]


class ProblemStore(Protocol):
    """`write_problem` writes only if the counters are still those of `previous` (or the
    problem is still absent) and raises `ProblemChanged` otherwise."""

    def get_problem(self, problem_id: str) -> dict[str, Any] | None: ...

    def write_problem(self, item: dict[str, Any], previous: dict[str, Any] | None) -> None: ...


@dataclass(frozen=True)
class SeedResult:
    bank_id: str
    problem_id: str
    outcome: Outcome
    message: str
    seconds: float


@dataclass(frozen=True)
class SeedReport:
    results: tuple[SeedResult, ...]

    def _with(self, outcome: Outcome) -> tuple[SeedResult, ...]:
        return tuple(r for r in self.results if r.outcome == outcome)

    @property
    def seeded(self) -> tuple[SeedResult, ...]:
        return self._with("seeded")

    @property
    def skipped(self) -> tuple[SeedResult, ...]:
        return self._with("skipped")

    @property
    def failed(self) -> tuple[SeedResult, ...]:
        return self._with("failed")

    @property
    def ok(self) -> bool:
        return not self.failed

    def summary(self) -> str:
        """Human-readable: one line per problem, then the totals."""
        lines = [
            f"{r.outcome:<8} {r.bank_id:<28} {r.seconds:6.2f} s  {r.message}" for r in self.results
        ]
        seconds = sum(r.seconds for r in self.results)
        lines.append(
            f"bank: {len(self.seeded)} seeded, {len(self.skipped)} skipped, "
            f"{len(self.failed)} failed in {seconds:.1f} s"
        )
        return "\n".join(lines)


def utc_now() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def bank_hash(bp: BankProblem) -> str:
    return hashlib.sha256(f"{SCHEMA_VERSION}:{bp.content_hash}".encode()).hexdigest()


def problem_item(bp: BankProblem, verified: VerifiedProblem, *, now: str) -> dict[str, Any]:
    """The Problems item for a verified bank problem (CONTRACTS.md), samples first in the tests."""
    constraints: dict[str, Any] = {
        "time_limit_seconds": bp.time_limit_seconds,
        "memory_limit_mb": bp.memory_limit_mb,
        "input_constraints": bp.input_constraints,
        "judge_type": bp.judge_type,
    }
    cases = [
        {
            "input": case.test.data,
            "expected_output": case.expected,
            "rationale": case.test.rationale,
            "isSample": case.test.is_sample,
        }
        for case in sorted(verified.cases, key=lambda c: not c.test.is_sample)
    ]
    item: dict[str, Any] = {
        "problemId": problem_id(bp),
        "bankId": bp.bank_id,
        "bankHash": bank_hash(bp),
        "title": bp.title_en,
        "title_translated": bp.title_ko,
        "description": bp.statement_en,
        "description_translated": bp.statement_ko,
        "targetLanguage": "Korean",
        "difficulty": bp.difficulty,
        "tags": list(bp.tags),
        "mode": bp.mode,
        "judgeType": bp.judge_type,
        "timeLimitSeconds": bp.time_limit_seconds,
        "memoryLimitMb": bp.memory_limit_mb,
        "startCode": bp.start_code,
        "solutionCode": bp.reference_code,
        "bruteForceCode": bp.brute_code,
        "generatorCode": bp.generator_code,
        "finalTestCases": json.dumps(cases, ensure_ascii=False, separators=(",", ":")),
        "hints": list(bp.hints),
        "language": "python3.12",
        "generationStatus": "completed",
        "createdAt": now,
        "completedAt": now,
        "creatorId": CREATOR_ID,
        "author": AUTHOR,
        "schemaVersion": SCHEMA_VERSION,
        "submissionCount": 0,
        "acceptedCount": 0,
        "trust": trust(verified),
    }
    if bp.epsilon is not None:
        constraints["epsilon"] = bp.epsilon
        item["epsilon"] = bp.epsilon
    item["constraints"] = json.dumps(constraints, ensure_ascii=False)
    return item


def trust(verified: VerifiedProblem) -> dict[str, Any]:
    """The trust card's facts, as verification established them: every test but the samples comes
    from the generator program, and verification fails unless the validator accepts every one."""
    samples = sum(1 for case in verified.cases if case.test.is_sample)
    return stored_trust(
        source="bank",
        tests=len(verified.cases),
        samples=samples,
        generated=len(verified.cases) - samples,
        brute_force_checked=verified.brute_checked,
        validator_accepts_all=True,
        reference_max_ms=verified.reference_max_ms,
        time_limit_rule=TIME_LIMIT_RULE,
    )


def seed_bank(
    invoker: Invoker,
    store: ProblemStore,
    *,
    only: Collection[str] | None = None,
    problems: Sequence[BankProblem] | None = None,
    clock: Callable[[], str] = utc_now,
) -> SeedReport:
    """Seed every bank problem (or only the given bank ids) that is new or changed."""
    bank = load_bank() if problems is None else tuple(problems)
    results: list[SeedResult] = []
    if only is not None:
        known = {bp.bank_id for bp in bank}
        results += [
            SeedResult(name, "", "failed", "no bank problem has this id", 0.0)
            for name in sorted(set(only) - known)
        ]
        bank = tuple(bp for bp in bank if bp.bank_id in only)
    for bp in bank:
        started = time.perf_counter()
        outcome, message = _seed_one(bp, invoker, store, clock)
        seconds = round(time.perf_counter() - started, 3)
        results.append(SeedResult(bp.bank_id, problem_id(bp), outcome, message, seconds))
    return SeedReport(tuple(results))


def _seed_one(
    bp: BankProblem, invoker: Invoker, store: ProblemStore, clock: Callable[[], str]
) -> tuple[Outcome, str]:
    existing = store.get_problem(problem_id(bp))
    if (settled := _settled(bp, existing)) is not None:
        return settled
    try:
        verified = verify_problem(bp, invoker)
    except BankProblemError as exc:
        return "failed", str(exc)
    fresh = problem_item(bp, verified, now=clock())
    size = item_bytes(fresh)
    if size > MAX_ITEM_BYTES:
        return "failed", (
            f"{bp.bank_id}: the item is {size} bytes, over the {MAX_ITEM_BYTES} byte budget "
            "(DynamoDB's limit is 400 KB); shrink the largest tests"
        )
    # Verifying takes seconds, and gradings keep counting meanwhile: the write is conditional
    # on the counters it carries over, and is redone from a fresh read when they moved.
    for _ in range(REPLACE_ATTEMPTS):
        item = dict(fresh)
        if existing is not None:
            item.update({key: existing[key] for key in _PRESERVED if key in existing})
        try:
            store.write_problem(item, existing)
        except ProblemChanged:
            existing = store.get_problem(problem_id(bp))
            if (settled := _settled(bp, existing)) is not None:
                return settled
            continue
        return "seeded", (
            f"{len(verified.cases)} tests, {verified.brute_checked} checked by the brute force, "
            f"reference at most {verified.reference_max_ms} ms, item {size} bytes"
        )
    return "failed", f"problemId {problem_id(bp)!r} kept changing while it was being replaced"


def _settled(bp: BankProblem, existing: dict[str, Any] | None) -> tuple[Outcome, str] | None:
    """The outcome when the stored problem needs no write (or must not get one), else None."""
    if existing is None:
        return None
    if existing.get("bankId") != bp.bank_id:
        return "failed", f"problemId {problem_id(bp)!r} already holds a non-bank problem"
    if existing.get("bankHash") == bank_hash(bp):
        return "skipped", "unchanged"
    return None
