"""The trust card: how far a problem's tests can be believed, in numbers a student can check.

Both writers store a `trust` map when a problem is completed (`stored_trust`, reached through the
repository): the bank seeder from its verification, the generator from its execution record. It
says how many tests there are, how many inputs an independent brute force agreed on with the
reference, how many tests the generator program made, whether the validator accepted every test,
the reference's slowest run and how the time limit was set. `trust_card` adds what changes after
(the limit as stored now, the acceptance rate) and, for an item written before the map existed,
derives what it can from the stored tests and statistics and leaves the rest null, so a missing
fact never reads as a good one. Only counts are shown, never a test.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Final

from alpaco.services.problems.stored import decode, stored_cases

STORED_FIELDS: Final = (
    "source",
    "testCount",
    "sampleCount",
    "generatedTestCount",
    "bruteForceChecked",
    "validatorAcceptsAll",
    "referenceMaxMs",
    "timeLimitRule",
)


def stored_trust(
    *,
    source: str,
    tests: int,
    samples: int,
    generated: int,
    brute_force_checked: int,
    validator_accepts_all: bool,
    reference_max_ms: float,
    time_limit_rule: str,
) -> dict[str, Any]:
    """The `trust` map a writer stores with a completed problem (its keys: `STORED_FIELDS`)."""
    return {
        "source": source,
        "testCount": tests,
        "sampleCount": samples,
        "generatedTestCount": generated,
        "bruteForceChecked": brute_force_checked,
        "validatorAcceptsAll": validator_accepts_all,
        "referenceMaxMs": reference_max_ms,
        "timeLimitRule": time_limit_rule,
    }


def trust_card(
    item: Mapping[str, Any], *, time_limit_seconds: Any, submissions: int, accepted: int
) -> dict[str, Any]:
    stored = item.get("trust")
    recorded = isinstance(stored, Mapping)
    facts = (
        {name: stored.get(name) for name in STORED_FIELDS}
        if isinstance(stored, Mapping)
        else _derived(item)
    )
    return {
        **facts,
        "recorded": recorded,
        "timeLimitSeconds": time_limit_seconds,
        "timeLimitFactor": _factor(time_limit_seconds, facts["referenceMaxMs"]),
        "submissionCount": submissions,
        "acceptedCount": accepted,
        "acceptanceRate": round(accepted / submissions, 3) if submissions else None,
    }


def _derived(item: Mapping[str, Any]) -> dict[str, Any]:
    """What an item stored before the trust map still tells: its tests' count and marks, and a
    generated problem's `testCaseStats`."""
    cases = stored_cases(item.get("finalTestCases"))
    samples = sum(1 for case in cases if case.get("isSample") is True)
    stats = decode(item.get("testCaseStats"))
    stats = stats if isinstance(stats, Mapping) else {}
    bank = item.get("bankId") is not None
    generated = stats.get("generatedCases")
    if generated is None and bank and cases:
        generated = len(cases) - samples  # every bank test but the samples comes from its generator
    return {
        "source": "bank" if bank else "generated" if stats else None,
        "testCount": len(cases) if cases else None,
        "sampleCount": samples if cases else None,
        "generatedTestCount": generated,
        "bruteForceChecked": stats.get("crossCheckedInputs"),
        "validatorAcceptsAll": None,
        "referenceMaxMs": stats.get("referenceMaxMs"),
        "timeLimitRule": None,
    }


def _factor(seconds: Any, reference_ms: Any) -> float | None:
    """The limit as a multiple of the reference's slowest run: limit = reference time × factor."""
    if not (_is_number(seconds) and _is_number(reference_ms)) or reference_ms <= 0:
        return None
    return round(float(seconds) * 1000 / float(reference_ms), 1)


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)
