from __future__ import annotations

from typing import Any

import pytest

from alpaco.kernel.auth import Claims
from alpaco.services.submissions.views import (
    is_owner,
    owner_view,
    public_error_message,
    summary,
    view_for,
)

OWNER = Claims("owner-sub", "owner", "Owner", ())
OTHER = Claims("other-sub", "other", None, ())
ADMIN = Claims("admin-sub", "admin", None, ("Admins",))


def _submission(**overrides: Any) -> dict[str, Any]:
    item: dict[str, Any] = {
        "submissionId": "s-1",
        "problemId": "p-1",
        "problemTitle": "Sum (Easy)",
        "problemTitleTranslated": "합 (쉬움)",
        "userId": "owner-sub",
        "author": "Owner",
        "language": "python",
        "status": "RUNTIME_ERROR",
        "executionTime": 0.012,
        "memoryKb": 9000,
        "results": [{"caseNumber": 1, "status": "RUNTIME_ERROR", "stderr": "SECRET-TRACE"}],
        "submissionTime": 1_750_000_000,
        "userCode": "def solution(x):\n    return SECRET_CODE\n",
        "errorMessage": "Failed at test case 1: RUNTIME_ERROR. Details: line 2 return SECRET_CODE",
        "is_submission": "Y",
        "score": 0,
        "passedCaseCount": 0,
        "totalCaseCount": 3,
        "internalNote": "SECRET-NEW-FIELD",
    }
    item.update(overrides)
    return item


def test_summary_has_no_code_results_details_or_unknown_fields() -> None:
    view = summary(_submission())
    assert "SECRET" not in repr(view)
    assert view["errorMessage"] == "Failed at test case 1: RUNTIME_ERROR"
    assert view["score"] == 0
    assert view["totalCaseCount"] == 3
    assert view["submissionTime"] == 1_750_000_000
    assert "is_submission" not in view


def test_owner_view_has_code_results_and_the_whole_message() -> None:
    view = owner_view(_submission())
    assert "SECRET_CODE" in view["userCode"]
    assert view["results"][0]["stderr"] == "SECRET-TRACE"
    assert view["errorMessage"].endswith("return SECRET_CODE")
    assert "internalNote" not in view


def test_the_owner_learns_when_results_were_clipped_to_fit_the_item() -> None:
    assert owner_view(_submission())["resultsClipped"] is False
    assert owner_view(_submission(resultsClipped=True))["resultsClipped"] is True
    assert "resultsClipped" not in summary(_submission(resultsClipped=True))


def test_accepted_submission_has_no_error_message() -> None:
    item = _submission(status="ACCEPTED")
    del item["errorMessage"]
    assert "errorMessage" not in summary(item)
    assert "errorMessage" not in owner_view(item)


@pytest.mark.parametrize(
    ("caller", "owner"), [(None, False), (OTHER, False), (OWNER, True), (ADMIN, True)]
)
def test_owner_matrix(caller: Claims | None, owner: bool) -> None:
    assert is_owner(_submission(), caller) is owner
    assert ("userCode" in view_for(_submission(), caller)) is owner


@pytest.mark.parametrize(
    ("message", "public"),
    [
        (None, None),
        ("Failed at test case 2: WRONG_ANSWER", "Failed at test case 2: WRONG_ANSWER"),
        (
            "Failed at test case 1: RUNTIME_ERROR. Details: x",
            "Failed at test case 1: RUNTIME_ERROR",
        ),
        ("Grading failed: problem not found", "Grading failed: problem not found"),
    ],
)
def test_public_error_message(message: str | None, public: str | None) -> None:
    assert public_error_message(message) == public
