"""The POST /grade body, validated into one of two requests with the original's field names.

A client-sent `submissionId` is ignored: the server makes it, so nobody can overwrite a submission.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Final

from alpaco.kernel.http import BadRequest
from alpaco.services.grader.bounds import check_code_size, check_custom_cases
from alpaco.services.grader.text import is_unicode

GRADE_SUBMISSION: Final = "GRADE_SUBMISSION"
RUN_CUSTOM_TESTS: Final = "RUN_CUSTOM_TESTS"
FIND_MY_BUG: Final = "FIND_MY_BUG"
MODES: Final = (GRADE_SUBMISSION, RUN_CUSTOM_TESTS, FIND_MY_BUG)
LANGUAGE: Final = "python3.12"
_PYTHON_NAMES: Final = frozenset({"python", "python3", "python3.12", "py", "py3"})
_MAX_PROBLEM_ID_CHARS: Final = 128


@dataclass(frozen=True)
class GradeRequest:
    problem_id: str
    code: str
    language: str


@dataclass(frozen=True)
class FindBugRequest:
    problem_id: str
    code: str
    language: str


@dataclass(frozen=True)
class CustomRunRequest:
    problem_id: str | None
    code: str
    language: str
    inputs: tuple[Any, ...]


def parse_request(
    body: Mapping[str, Any],
) -> GradeRequest | CustomRunRequest | FindBugRequest:
    """Raises `BadRequest` for a missing or malformed field and `PayloadTooLarge` past a bound."""
    mode = body.get("executionMode") or GRADE_SUBMISSION
    if mode not in MODES:
        raise BadRequest(f"Unknown executionMode: {str(mode)[:40]}")
    code = body.get("userCode")
    if not isinstance(code, str) or not code.strip() or not is_unicode(code):
        raise BadRequest("Invalid input: userCode must be a non-empty string.")
    check_code_size(code)
    language = _language(body.get("language"))
    problem_id = _problem_id(body.get("problemId"))
    if mode != RUN_CUSTOM_TESTS:
        if problem_id is None:
            raise BadRequest(f"Invalid input: Missing problemId for {mode}")
        if mode == FIND_MY_BUG:
            return FindBugRequest(problem_id=problem_id, code=code, language=language)
        return GradeRequest(problem_id=problem_id, code=code, language=language)
    cases = body.get("customTestCases")
    if not isinstance(cases, list):
        raise BadRequest("customTestCases must be a list.")
    check_custom_cases(cases)
    return CustomRunRequest(
        problem_id=problem_id, code=code, language=language, inputs=tuple(cases)
    )


def _language(raw: Any) -> str:
    """Only Python runs; the original accepted any name and ran Python anyway."""
    if raw is None or raw == "":
        return LANGUAGE
    if not isinstance(raw, str) or raw.strip().lower() not in _PYTHON_NAMES:
        raise BadRequest(f"Unsupported language {str(raw)[:40]!r}: only Python is supported.")
    return LANGUAGE


def _problem_id(raw: Any) -> str | None:
    if raw is None or raw == "":
        return None
    if (
        not isinstance(raw, str)
        or len(raw) > _MAX_PROBLEM_ID_CHARS
        or not raw.strip()
        or not is_unicode(raw)
    ):
        raise BadRequest("Invalid input: problemId must be a short non-empty string.")
    return raw
