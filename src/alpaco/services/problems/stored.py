"""Reading what writers stored as JSON text: the original kept `constraints`, `finalTestCases` and
`testCaseStats` as strings, and our writers still do, so every reader decodes them the same way."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any


def decode(raw: Any) -> Any:
    """The value a JSON string holds (None for bad JSON); anything else as it is."""
    if not isinstance(raw, str):
        return raw
    try:
        return json.loads(raw)
    except ValueError:
        return None


def stored_cases(raw: Any) -> list[Mapping[str, Any]]:
    """Every stored test case (hidden ones too: callers decide what to show of them)."""
    decoded = decode(raw)
    # The original's regeneration step sometimes stored {"finalTestCases": [...]} instead of the list.
    if isinstance(decoded, Mapping):
        decoded = decoded.get("finalTestCases")
    if not isinstance(decoded, list):
        return []
    return [case for case in decoded if isinstance(case, Mapping)]
