"""What each caller may see of a Problems item.

Public shapes are built from allow-lists, so an attribute a writer adds later (hidden tests, solutions,
prompts, error text) stays private until someone decides to show it. The original returned the whole
item to anyone (reference §11.2); here hidden tests, reference and brute-force code, hints, intent and
error fields reach only the problem's creator and admins, through the full view.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any, Final

from alpaco.kernel.auth import Claims
from alpaco.kernel.difficulty import canonical_difficulty
from alpaco.services.problems.stored import decode, stored_cases
from alpaco.services.problems.trust import trust_card

COMPLETED: Final = "completed"
DEFAULT_MODE: Final = "function"
DEFAULT_JUDGE: Final = "equal"
_PUBLIC_CONSTRAINTS: Final = (
    "time_limit_seconds",
    "memory_limit_mb",
    "input_constraints",
    "judge_type",
    "epsilon",
)
_COPIED: Final = (
    "problemId",
    "title",
    "title_translated",
    "description",
    "description_translated",
    "targetLanguage",
    "startCode",
    "language",
    "generationStatus",
    "createdAt",
    "completedAt",
    "creatorId",
    "author",
)
_INTERNAL: Final = ("searchText",)


def is_completed(item: Mapping[str, Any]) -> bool:
    return item.get("generationStatus") == COMPLETED


def is_manager(item: Mapping[str, Any], caller: Claims | None) -> bool:
    """The creator and admins may see everything about a problem."""
    return manages(item.get("creatorId"), caller)


def manages(creator_id: Any, caller: Claims | None) -> bool:
    if caller is None:
        return False
    return caller.is_admin or caller.user_id == creator_id


def is_visible(item: Mapping[str, Any], caller: Claims | None) -> bool:
    """A problem still being generated (or failed) exists only for those who manage it."""
    return is_completed(item) or is_manager(item, caller)


# What a list reads from its index. The list indexes (kernel.tables) copy these and what the filters
# match on, nothing else: never the statements or tests, which can be hundreds of KB.
LIST_ATTRIBUTES: Final = (
    "problemId",
    "title",
    "title_translated",
    "difficulty",
    "tags",
    "createdAt",
    "creatorId",
    "author",
    "mode",
    "submissionCount",
    "acceptedCount",
    "generationStatus",
)


def list_item(item: Mapping[str, Any]) -> dict[str, Any]:
    return {
        "problemId": item.get("problemId"),
        "title": item.get("title"),
        "title_translated": item.get("title_translated"),
        "difficulty": _difficulty(item),
        "tags": _tags(item),
        "createdAt": item.get("createdAt"),
        "creatorId": item.get("creatorId"),
        "author": item.get("author"),
        "mode": item.get("mode") or DEFAULT_MODE,
        "submissionCount": _count(item, "submissionCount"),
        "acceptedCount": _count(item, "acceptedCount"),
        "generationStatus": item.get("generationStatus"),
    }


def public_view(item: Mapping[str, Any]) -> dict[str, Any]:
    """Statements, limits, judge, start code, sample cases and the trust card; `constraints` and
    `finalTestCases` stay JSON strings because the original client parses them."""
    constraints = public_constraints(item)
    samples = sample_cases(item.get("finalTestCases"))
    view: dict[str, Any] = {name: item.get(name) for name in _COPIED}
    submissions, accepted = _count(item, "submissionCount"), _count(item, "acceptedCount")
    view.update(
        difficulty=_difficulty(item),
        tags=_tags(item),
        mode=item.get("mode") or DEFAULT_MODE,
        judgeType=constraints.get("judge_type", DEFAULT_JUDGE),
        timeLimitSeconds=constraints.get("time_limit_seconds"),
        memoryLimitMb=constraints.get("memory_limit_mb"),
        constraints=json.dumps(constraints, ensure_ascii=False),
        sampleCases=samples,
        finalTestCases=json.dumps(samples, ensure_ascii=False),
        submissionCount=submissions,
        acceptedCount=accepted,
        trust=trust_card(
            item,
            time_limit_seconds=constraints.get("time_limit_seconds"),
            submissions=submissions,
            accepted=accepted,
        ),
    )
    if "epsilon" in constraints:
        view["epsilon"] = constraints["epsilon"]
    return view


def full_view(item: Mapping[str, Any]) -> dict[str, Any]:
    """The record as stored, for its creator and admins, without our own search helper."""
    return {name: value for name, value in item.items() if name not in _INTERNAL}


def public_constraints(item: Mapping[str, Any]) -> dict[str, Any]:
    """The stored constraints' public fields, completed from the top-level copies (the original
    only had the JSON string; our bank writes both)."""
    stored = decode(item.get("constraints"))
    constraints = {
        name: stored[name]
        for name in _PUBLIC_CONSTRAINTS
        if isinstance(stored, Mapping) and stored.get(name) is not None
    }
    for field, name in (
        ("timeLimitSeconds", "time_limit_seconds"),
        ("memoryLimitMb", "memory_limit_mb"),
        ("judgeType", "judge_type"),
        ("epsilon", "epsilon"),
    ):
        if item.get(field) is not None:
            constraints[name] = item[field]
    if constraints.get("judge_type") != "float_eps":
        constraints.pop("epsilon", None)
    return constraints


def sample_cases(raw: Any) -> list[dict[str, Any]]:
    """Only cases marked `isSample: true`; a case without the mark is hidden."""
    return [
        {
            "input": case.get("input"),
            "expected_output": case.get("expected_output"),
            "rationale": case.get("rationale") if isinstance(case.get("rationale"), str) else "",
            "isSample": True,
        }
        for case in stored_cases(raw)
        if case.get("isSample") is True
    ]


def _difficulty(item: Mapping[str, Any]) -> Any:
    stored = item.get("difficulty")
    return (canonical_difficulty(stored) or stored) if isinstance(stored, str) else stored


def _tags(item: Mapping[str, Any]) -> list[str]:
    tags = item.get("tags")
    return [t for t in tags if isinstance(t, str)] if isinstance(tags, list) else []


def _count(item: Mapping[str, Any], name: str) -> int:
    value = item.get(name)
    return value if isinstance(value, int) and not isinstance(value, bool) else 0
