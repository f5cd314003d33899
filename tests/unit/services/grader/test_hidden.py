from __future__ import annotations

from typing import Any

import pytest

from alpaco.services.grader.hidden import UNKNOWN_EXCEPTION, exception_line, exception_type


@pytest.mark.parametrize(
    "name",
    [
        "ValueError",
        "ZeroDivisionError",
        "RecursionError",
        "KeyboardInterrupt",
        "SystemExit",
        "ExceptionGroup",
        "SIGSEGV",
        "SIGKILL",
        "UserException",
        "SolutionFunctionNotFoundError",
        "SerializationError",
        "CompileTimeLimitExceeded",
    ],
)
def test_names_nobody_can_choose_are_kept(name: str) -> None:
    assert exception_type(name) == name


@pytest.mark.parametrize(
    "name",
    [
        "HIDDEN-7f3a-1",
        "{'tag': 'secret'}",
        "valueerror",
        "ValueError ",
        "print",
        "Warning2",
        "signal 77",
        "X" * 30_000,
    ],
)
def test_any_other_name_is_the_generic_label(name: str) -> None:
    assert exception_type(name) == UNKNOWN_EXCEPTION == "UserException"


@pytest.mark.parametrize("reported", [None, "", 7, ["ValueError"]])
def test_no_name_stays_no_name(reported: Any) -> None:
    assert exception_type(reported) is None


@pytest.mark.parametrize(("reported", "shown"), [(1, 1), (4, 4), (10, 10)])
def test_a_line_of_the_code_is_kept(reported: int, shown: int) -> None:
    assert exception_line(reported, 10) == shown


@pytest.mark.parametrize("reported", [0, -1, 11, 99_999, True, 4.0, "4", None])
def test_a_line_outside_the_code_is_dropped(reported: Any) -> None:
    assert exception_line(reported, 10) is None
