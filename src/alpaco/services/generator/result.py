"""What a generation stores and what it sends back: the original's item fields (contracts §2) and
its SSE ProblemResult (§3.6), plus ours (limits at the top level, mode, tags, the checked
brute force, validator and generator programs)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Final

from alpaco.services.generator.drafts import Drafts
from alpaco.services.generator.steps.base import as_json
from alpaco.services.generator.steps.statement import TARGET_LANGUAGE, TranslationAnswer
from alpaco.services.generator.steps.validation import ValidationAnswer
from alpaco.services.generator.suite import Suite
from alpaco.services.generator.tags import tags_for
from alpaco.services.problems.repository import titles_searched

LANGUAGE: Final = "python3.12"
SCHEMA_VERSION: Final = "alpaco-gen-1"


@dataclass(frozen=True)
class Product:
    drafts: Drafts
    suite: Suite
    start_code: str
    review: ValidationAnswer
    title: str
    description: str
    translation: TranslationAnswer


def utc_now() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def initial_item(
    *, prompt: str, difficulty: str, mode: str, creator_id: str, author: str, created_at: str
) -> dict[str, Any]:
    return {
        "userPrompt": prompt,
        "difficulty": difficulty,
        "mode": mode,
        "createdAt": created_at,
        "language": LANGUAGE,
        "creatorId": creator_id,
        "author": author,
        "schemaVersion": SCHEMA_VERSION,
    }


def constraints(product: Product) -> dict[str, Any]:
    settled = product.drafts.constraints.settled()
    return settled.model_copy(update={"time_limit_seconds": product.suite.time_limit}).model_dump(
        exclude_none=True
    )


def final_fields(product: Product, *, completed_at: str) -> dict[str, Any]:
    drafts, limits = product.drafts, constraints(product)
    tags = tags_for(drafts.intent.concepts)
    fields: dict[str, Any] = {
        "title": product.title,
        "title_translated": product.translation.title,
        "description": product.description,
        "description_translated": product.translation.description,
        "targetLanguage": TARGET_LANGUAGE,
        "intent": as_json(drafts.intent.model_dump(exclude_none=True)),
        "testSpecifications": as_json(drafts.tests.model_dump()["cases"]),
        "finalTestCases": as_json(product.suite.cases),
        "testCaseStats": as_json(product.suite.stats),
        "constraints": as_json(limits),
        "judgeType": limits["judge_type"],
        "epsilon": limits.get("epsilon"),
        "timeLimitSeconds": limits["time_limit_seconds"],
        "memoryLimitMb": limits["memory_limit_mb"],
        "startCode": product.start_code,
        "solutionCode": drafts.solution.code,
        "bruteForceCode": drafts.brute.code,
        "validatorCode": drafts.validator.code,
        "generatorCode": drafts.generator.code,
        "validationDetails": as_json(product.review.model_dump()),
        "tags": tags,
        "algorithmType": tags[0] if tags else None,
        "completedAt": completed_at,
    }
    fields["searchText"] = titles_searched(fields)
    return fields


def payload(item: dict[str, Any], fields: dict[str, Any]) -> dict[str, Any]:
    """The SSE result: as the original, `title` and `description` are the translated texts."""
    keep = {name: value for name, value in {**item, **fields}.items() if value is not None}
    return {
        "problemId": keep["problemId"],
        "userPrompt": keep["userPrompt"],
        "difficulty": keep["difficulty"],
        "language": LANGUAGE,
        "createdAt": keep["createdAt"],
        "schemaVersion": SCHEMA_VERSION,
        "intent": keep["intent"],
        "testInputs": keep["testSpecifications"],
        "finalTestCases": keep["finalTestCases"],
        "validatedSolutionCode": keep["solutionCode"],
        "startCode": keep["startCode"],
        "validationDetails": keep["validationDetails"],
        "constraints": keep["constraints"],
        "judgeType": keep["judgeType"],
        **({"epsilon": keep["epsilon"]} if "epsilon" in keep else {}),
        "description": keep["description_translated"],
        "title": keep["title_translated"],
        "title_translated": keep["title_translated"],
        "description_translated": keep["description_translated"],
        "targetLanguage": TARGET_LANGUAGE,
        "generationStatus": "completed",
        "completedAt": keep["completedAt"],
        "creatorId": keep["creatorId"],
        "author": keep["author"],
        "mode": keep["mode"],
        "tags": keep["tags"],
        "timeLimitSeconds": keep["timeLimitSeconds"],
        "memoryLimitMb": keep["memoryLimitMb"],
    }
