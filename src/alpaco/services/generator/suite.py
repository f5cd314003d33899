"""Step 5, finalisation: the stored test suite, from what execution verified.

Two hand-written cases become the samples the statement shows (typical ones before edge ones, the
shortest first, so an example is readable); then the largest inputs (a slow solution must time
out on them), the other hand-written cases and small generated ones, as many as the grader's time
budget allows at the calibrated limit, and no more bytes than the item can hold.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Final

from alpaco.services.generator import calibration
from alpaco.services.generator.steps.tests import EDGE_WORDS
from alpaco.services.generator.verification import Checked, Evidence

SAMPLES: Final = 2
MAX_SUITE_BYTES: Final = 240_000  # the item's budget is 350 KB; statements and code take the rest


@dataclass(frozen=True)
class Suite:
    cases: list[dict[str, Any]]
    samples: list[dict[str, Any]]
    time_limit: float
    stats: dict[str, Any]


def build_suite(evidence: Evidence) -> Suite:
    limit = calibration.time_limit(evidence.slowest_ms)
    hand = [c for c in evidence.checked if c.case.origin == "llm"]
    samples = sorted(hand, key=_sample_order)[:SAMPLES]
    large = sorted(
        (c for c in evidence.checked if c.case.origin == "large"),
        key=lambda c: -(c.case.size or 0),
    )
    rest = [c for c in hand if c not in samples]
    small = _spread([c for c in evidence.checked if c.case.origin == "small"])
    chosen = [*samples, *large, *rest, *small][: calibration.case_budget(limit)]
    chosen = _within_bytes(chosen, keep=len(samples) + 1)
    ordered = [c for group in (samples, rest, small, large) for c in group if c in chosen]
    cases = [_stored(c, is_sample=c in samples) for c in ordered]
    return Suite(
        cases=cases,
        samples=[{"input": c.case.data, "output": c.outcome.value} for c in samples],
        time_limit=limit,
        stats={
            "totalCases": len(cases),
            "sampleCases": len(samples),
            "handWrittenCases": sum(c.case.origin == "llm" for c in ordered),
            "generatedCases": sum(c.case.origin != "llm" for c in ordered),
            "largestInputSize": max((c.case.size or 0 for c in large), default=0),
            "crossCheckedInputs": evidence.cross_checked,
            "validatorProbesRejected": evidence.probes_rejected,
            "referenceMaxMs": round(evidence.slowest_ms, 1),
            "timeLimitSeconds": limit,
        },
    )


def _sample_order(checked: Checked) -> tuple[bool, int]:
    edge = any(word in checked.case.rationale.lower() for word in EDGE_WORDS)
    return edge, len(checked.case.key)


def _spread(cases: Sequence[Checked], count: int = 8) -> list[Checked]:
    """Evenly spaced, so the small generated cases cover the sizes from smallest to largest."""
    ordered = sorted(cases, key=lambda c: c.case.size or 0)
    if len(ordered) <= count:
        return ordered
    step = (len(ordered) - 1) / (count - 1)
    return [ordered[round(i * step)] for i in range(count)]


def _within_bytes(chosen: list[Checked], *, keep: int) -> list[Checked]:
    """Drop the bulkiest cases after the first `keep` (samples and the largest input) until the
    suite fits the item."""
    kept = list(chosen)
    while sum(_bytes(c) for c in kept) > MAX_SUITE_BYTES and len(kept) > keep:
        kept.remove(max(kept[keep:], key=_bytes))
    return kept


def _bytes(checked: Checked) -> int:
    return len(json.dumps([checked.case.data, checked.outcome.value], ensure_ascii=False))


def _stored(checked: Checked, *, is_sample: bool) -> dict[str, Any]:
    return {
        "input": checked.case.data,
        "expected_output": checked.outcome.value,
        "rationale": checked.case.rationale,
        "isSample": is_sample,
    }
