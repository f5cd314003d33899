from __future__ import annotations

import pytest

from alpaco.kernel.http import PayloadTooLarge
from alpaco.services.grader.bounds import (
    MAX_CODE_BYTES,
    check_code_size,
    check_custom_cases,
)


def test_code_up_to_64_kib_passes() -> None:
    check_code_size("x" * MAX_CODE_BYTES)
    with pytest.raises(PayloadTooLarge, match="65537 bytes"):
        check_code_size("x" * (MAX_CODE_BYTES + 1))


def test_code_size_counts_utf8_bytes() -> None:
    with pytest.raises(PayloadTooLarge):
        check_code_size("가" * (MAX_CODE_BYTES // 3 + 1))


def test_custom_cases_are_bounded_in_count_and_size() -> None:
    check_custom_cases([1] * 20)
    check_custom_cases(["x" * (64 * 1024 - 2)])
    with pytest.raises(PayloadTooLarge, match="21 inputs"):
        check_custom_cases([1] * 21)
    with pytest.raises(PayloadTooLarge, match="custom test case 2"):
        check_custom_cases([1, "x" * (64 * 1024)])
