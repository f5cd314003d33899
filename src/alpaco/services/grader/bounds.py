"""Bounds on what one request may ask of the executor (the in-flight bound is `inflight.py`)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any, Final

from alpaco.kernel.http import PayloadTooLarge

MAX_CODE_BYTES: Final = 64 * 1024
MAX_CUSTOM_CASES: Final = 20
MAX_CUSTOM_CASE_BYTES: Final = 64 * 1024


def check_code_size(code: str) -> None:
    size = len(code.encode("utf-8", "surrogatepass"))
    if size > MAX_CODE_BYTES:
        raise PayloadTooLarge(f"userCode is {size} bytes; the limit is {MAX_CODE_BYTES} bytes.")


def check_custom_cases(cases: Sequence[Any]) -> None:
    if len(cases) > MAX_CUSTOM_CASES:
        raise PayloadTooLarge(
            f"customTestCases has {len(cases)} inputs; the limit is {MAX_CUSTOM_CASES}."
        )
    for number, case in enumerate(cases, start=1):
        size = len(json.dumps(case, ensure_ascii=False).encode("utf-8", "surrogatepass"))
        if size > MAX_CUSTOM_CASE_BYTES:
            raise PayloadTooLarge(
                f"custom test case {number} is {size} bytes; the limit is "
                f"{MAX_CUSTOM_CASE_BYTES} bytes."
            )
