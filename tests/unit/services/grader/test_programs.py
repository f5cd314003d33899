"""A problem's programs made runnable: both stored layouts, and the validator's harness."""

from __future__ import annotations

from typing import Any

import pytest

from alpaco.services.grader.programs import REASON_CHARS, programs_of, validity


def test_a_generated_problems_layout(toy: Any) -> None:
    programs = programs_of(toy.item())
    assert programs.reference == toy.reference
    assert programs.validator is not None
    assert programs.validator.startswith(toy.validate)
    assert programs.generator is not None
    assert programs.generator.startswith(toy.generate)


def test_a_bank_items_layout_finds_both_functions_in_its_tests_py(toy: Any) -> None:
    both = toy.validate + toy.generate
    programs = programs_of(toy.item(validatorCode=None, generatorCode=both))
    assert programs.validator is not None
    assert programs.validator.startswith(both)
    assert programs.generator is not None
    assert programs.generator.startswith(both)


@pytest.mark.parametrize(
    "fields",
    [
        {"solutionCode": None, "validatorCode": None, "generatorCode": None},
        {"solutionCode": "  ", "validatorCode": "def validate(:", "generatorCode": "x = 1"},
    ],
    ids=["absent", "unusable"],
)
def test_a_missing_or_unusable_program_is_none(toy: Any, fields: dict[str, Any]) -> None:
    programs = programs_of(toy.item(**fields))
    assert (programs.reference, programs.validator, programs.generator) == (None, None, None)


def test_the_harnesses_run_the_programs(toy: Any, executor_factory: Any) -> None:
    programs = programs_of(toy.item())
    executor = executor_factory()
    checked = executor.invoke(
        "executor",
        {"code_to_execute": programs.validator, "inputs": [[1], [], [1, True]], "mode": "function"},
    )["results"]
    assert [validity(result) for result in checked] == [
        (True, None),
        (False, "data must be a list of 1..12 integers"),
        (False, "data[1] must be an integer between -100 and 100"),
    ]
    made = executor.invoke(
        "executor",
        {"code_to_execute": programs.generator, "inputs": [[5, 3], [5, 3]], "mode": "function"},
    )["results"]
    assert made[0]["returnValue"] == made[1]["returnValue"]
    assert len(made[0]["returnValue"]) == 3


@pytest.mark.parametrize(
    ("result", "expected"),
    [
        (
            {"status": "TLE"},
            (False, "the input could not be checked (the validator ended with TLE)"),
        ),
        (
            {"status": "OK", "returnValue": "junk"},
            (False, "the input could not be checked (the validator ended with OK)"),
        ),
        ({"status": "OK", "returnValue": [False, "x" * 999]}, (False, "x" * REASON_CHARS)),
        ({"status": "OK", "returnValue": [False, ""]}, (False, "the validator rejected the input")),
    ],
)
def test_a_validator_that_cannot_vouch_for_an_input_refuses_it(
    result: dict[str, Any], expected: tuple[bool, str]
) -> None:
    assert validity(result) == expected
