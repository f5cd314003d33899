"""The trust card: the facts a writer stored, or what an older item still tells, never a test."""

from __future__ import annotations

import json
from typing import Any

from alpaco.services.problems.repository import stored_trust
from alpaco.services.problems.trust import trust_card
from alpaco.services.problems.views import public_view

CASES = [
    {"input": [1], "expected_output": 1, "rationale": "sample 1", "isSample": True},
    {"input": "HIDDEN-INPUT", "expected_output": "HIDDEN-OUTPUT", "rationale": "generated, size 9"},
    {"input": [3], "expected_output": 3, "rationale": "generated, size 1"},
]
RECORDED = stored_trust(
    source="generated",
    tests=3,
    samples=1,
    generated=2,
    brute_force_checked=40,
    validator_accepts_all=True,
    reference_max_ms=250.0,
    time_limit_rule="calibrated",
)


def card(
    item: dict[str, Any], *, seconds: Any = 1.0, submissions: int = 0, accepted: int = 0
) -> dict[str, Any]:
    return trust_card(item, time_limit_seconds=seconds, submissions=submissions, accepted=accepted)


def test_a_recorded_card_adds_the_factor_and_the_acceptance_rate() -> None:
    assert card({"trust": RECORDED}, seconds=1.0, submissions=8, accepted=3) == {
        **RECORDED,
        "recorded": True,
        "timeLimitSeconds": 1.0,
        "timeLimitFactor": 4.0,
        "submissionCount": 8,
        "acceptedCount": 3,
        "acceptanceRate": 0.375,
    }


def test_an_older_bank_item_gets_its_counts_and_nulls_for_the_rest() -> None:
    derived = card({"bankId": "a_plus_b", "finalTestCases": json.dumps(CASES)})
    assert derived["source"] == "bank"
    assert (derived["testCount"], derived["sampleCount"], derived["generatedTestCount"]) == (
        3,
        1,
        2,
    )
    assert derived["recorded"] is False
    for unknown in (
        "bruteForceChecked",
        "validatorAcceptsAll",
        "referenceMaxMs",
        "timeLimitRule",
        "timeLimitFactor",
        "acceptanceRate",
    ):
        assert derived[unknown] is None, unknown


def test_an_older_generated_item_reads_its_suite_statistics() -> None:
    stats = {"totalCases": 3, "generatedCases": 1, "crossCheckedInputs": 52, "referenceMaxMs": 100}
    derived = card(
        {"finalTestCases": json.dumps(CASES), "testCaseStats": json.dumps(stats)}, seconds=1.5
    )
    assert derived["source"] == "generated"
    assert (derived["generatedTestCount"], derived["bruteForceChecked"]) == (1, 52)
    assert (derived["referenceMaxMs"], derived["timeLimitFactor"]) == (100, 15.0)
    assert derived["validatorAcceptsAll"] is None


def test_an_item_with_nothing_recorded_is_all_unknown() -> None:
    derived = card({}, seconds=None)
    assert derived["testCount"] is None
    assert derived["source"] is None
    assert derived["timeLimitFactor"] is None


def test_the_public_view_carries_the_card_and_no_test() -> None:
    item = {
        "problemId": "p-1",
        "finalTestCases": json.dumps(CASES),
        "timeLimitSeconds": 2,
        "submissionCount": 4,
        "acceptedCount": 1,
        "trust": RECORDED,
    }
    view = public_view(item)
    assert view["trust"]["timeLimitFactor"] == 8.0
    assert view["trust"]["acceptanceRate"] == 0.25
    assert "HIDDEN" not in json.dumps(view["trust"])
