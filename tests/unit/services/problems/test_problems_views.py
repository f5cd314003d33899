from __future__ import annotations

import json
from typing import Any

import pytest

from alpaco.kernel.auth import Claims
from alpaco.services.problems.views import (
    full_view,
    is_manager,
    is_visible,
    list_item,
    public_constraints,
    public_view,
    sample_cases,
)

CREATOR = Claims("creator-sub", "creator", None, ())
OTHER = Claims("other-sub", "other", None, ())
ADMIN = Claims("admin-sub", "admin", None, ("Admins",))

HIDDEN_MARKERS = (
    "HIDDEN-INPUT",
    "HIDDEN-OUTPUT",
    "SECRET-SOLUTION",
    "SECRET-BRUTE",
    "SECRET-HINT",
    "SECRET-INTENT",
    "SECRET-PROMPT",
    "SECRET-ERROR",
    "SECRET-NEW-FIELD",
)


def _problem(**overrides: Any) -> dict[str, Any]:
    cases = [
        {"input": [1, 2], "expected_output": 3, "rationale": "sample", "isSample": True},
        {"input": "HIDDEN-INPUT", "expected_output": "HIDDEN-OUTPUT", "rationale": "edge"},
        {"input": 5, "expected_output": 5, "rationale": "x", "isSample": False},
    ]
    item: dict[str, Any] = {
        "problemId": "p-1",
        "title": "Sum (Easy)",
        "title_translated": "합 (쉬움)",
        "description": "Add.",
        "description_translated": "더하세요.",
        "targetLanguage": "Korean",
        "difficulty": "Easy",
        "tags": ["math"],
        "mode": "function",
        "judgeType": "float_eps",
        "epsilon": 1e-6,
        "timeLimitSeconds": 1.5,
        "memoryLimitMb": 128,
        "constraints": json.dumps(
            {
                "time_limit_seconds": 1.5,
                "memory_limit_mb": 128,
                "input_constraints": "1 <= n",
                "judge_type": "float_eps",
                "epsilon": 1e-6,
                "reference_notes": "SECRET-SOLUTION",
            }
        ),
        "startCode": "def solution(data):\n    return 0\n",
        "solutionCode": "SECRET-SOLUTION",
        "bruteForceCode": "SECRET-BRUTE",
        "finalTestCases": json.dumps(cases),
        "hints": ["SECRET-HINT"],
        "intent": json.dumps({"goal": "SECRET-INTENT"}),
        "userPrompt": "SECRET-PROMPT",
        "errorMessage": "SECRET-ERROR",
        "translationError": "SECRET-ERROR",
        "someFutureInternalField": "SECRET-NEW-FIELD",
        "generationStatus": "completed",
        "createdAt": "2025-01-01T00:00:00.000Z",
        "creatorId": "creator-sub",
        "author": "creator",
        "submissionCount": 4,
        "acceptedCount": 1,
        "searchText": "sum (easy)\n합 (쉬움)",
    }
    item.update(overrides)
    return item


def test_public_view_never_carries_hidden_data() -> None:
    text = json.dumps(public_view(_problem()), ensure_ascii=False)
    for marker in HIDDEN_MARKERS:
        assert marker not in text


def test_public_view_keeps_statements_limits_and_samples() -> None:
    view = public_view(_problem())
    assert view["title_translated"] == "합 (쉬움)"
    assert view["description_translated"] == "더하세요."
    assert view["timeLimitSeconds"] == 1.5
    assert view["memoryLimitMb"] == 128
    assert view["judgeType"] == "float_eps"
    assert view["epsilon"] == 1e-6
    assert view["startCode"].startswith("def solution")
    assert view["sampleCases"] == [
        {"input": [1, 2], "expected_output": 3, "rationale": "sample", "isSample": True}
    ]
    assert json.loads(view["finalTestCases"]) == view["sampleCases"]
    assert json.loads(view["constraints"]) == {
        "time_limit_seconds": 1.5,
        "memory_limit_mb": 128,
        "input_constraints": "1 <= n",
        "judge_type": "float_eps",
        "epsilon": 1e-6,
    }
    assert (view["submissionCount"], view["acceptedCount"]) == (4, 1)
    assert "searchText" not in view


def test_original_items_get_limits_from_their_constraints_string() -> None:
    item = _problem()
    for name in ("timeLimitSeconds", "memoryLimitMb", "judgeType", "epsilon", "mode"):
        del item[name]
    item["constraints"] = json.dumps(
        {"time_limit_seconds": 3, "memory_limit_mb": 256, "judge_type": "equal", "epsilon": 0.1}
    )
    view = public_view(item)
    assert (view["timeLimitSeconds"], view["memoryLimitMb"]) == (3, 256)
    assert (view["judgeType"], view["mode"]) == ("equal", "function")
    assert "epsilon" not in view
    assert "epsilon" not in json.loads(view["constraints"])


def test_unreadable_constraints_and_tests_degrade_to_empty() -> None:
    view = public_view(_problem(constraints="{not json", finalTestCases="nope", judgeType=None))
    assert view["sampleCases"] == []
    assert view["judgeType"] == "equal"


def test_samples_from_the_originals_wrapper_object() -> None:
    wrapped = json.dumps(
        {"finalTestCases": [{"input": 1, "expected_output": 2, "isSample": True}], "success": True}
    )
    assert sample_cases(wrapped) == [
        {"input": 1, "expected_output": 2, "rationale": "", "isSample": True}
    ]


def test_cases_without_the_sample_mark_are_hidden() -> None:
    assert sample_cases(json.dumps([{"input": 1, "expected_output": 2}])) == []
    assert sample_cases(None) == []


def test_public_constraints_drop_unknown_fields() -> None:
    assert "reference_notes" not in public_constraints(_problem())


def test_list_item_shape_and_korean_difficulty_is_mapped() -> None:
    item = list_item(_problem(difficulty="보통", mode=None, submissionCount=None))
    assert item == {
        "problemId": "p-1",
        "title": "Sum (Easy)",
        "title_translated": "합 (쉬움)",
        "difficulty": "Medium",
        "tags": ["math"],
        "createdAt": "2025-01-01T00:00:00.000Z",
        "creatorId": "creator-sub",
        "author": "creator",
        "mode": "function",
        "submissionCount": 0,
        "acceptedCount": 1,
        "generationStatus": "completed",
    }


def test_full_view_is_the_record_without_the_search_helper() -> None:
    item = _problem()
    view = full_view(item)
    assert view["solutionCode"] == "SECRET-SOLUTION"
    assert view["finalTestCases"] == item["finalTestCases"]
    assert "searchText" not in view


@pytest.mark.parametrize(
    ("caller", "manager"), [(None, False), (OTHER, False), (CREATOR, True), (ADMIN, True)]
)
def test_only_creator_and_admins_manage(caller: Claims | None, manager: bool) -> None:
    assert is_manager(_problem(), caller) is manager


@pytest.mark.parametrize("caller", [None, OTHER, CREATOR, ADMIN])
def test_completed_problems_are_visible_to_all(caller: Claims | None) -> None:
    assert is_visible(_problem(), caller)


@pytest.mark.parametrize(
    ("caller", "visible"), [(None, False), (OTHER, False), (CREATOR, True), (ADMIN, True)]
)
def test_unfinished_problems_are_visible_only_to_managers(
    caller: Claims | None, visible: bool
) -> None:
    assert is_visible(_problem(generationStatus="step4_failed_attempt_2"), caller) is visible
