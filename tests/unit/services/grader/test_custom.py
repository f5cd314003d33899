"""RUN_CUSTOM_TESTS with expected outputs, on a toy problem with the executor run in-process."""

from __future__ import annotations

from typing import Any

from alpaco.services.grader.request import CustomRunRequest
from alpaco.services.grader.service import Ports, run_custom_tests

SKIPS_THE_FIRST = "def solution(data):\n    return sum(data[1:])\n"


def run(
    code: str, inputs: tuple[Any, ...], item: dict[str, Any], executor: Any, problems_of: Any
) -> list[dict[str, Any]]:
    request = CustomRunRequest(item["problemId"], code, "python3.12", inputs)
    ports = Ports(invoker=executor, problems=problems_of(item), submissions=None)  # type: ignore[arg-type]
    response = run_custom_tests(request, "user-1", ports)
    assert response["executionMode"] == "RUN_CUSTOM_TESTS_RESULTS"
    results: list[dict[str, Any]] = response["results"]
    return results


def test_each_valid_input_gets_the_expected_output_and_a_verdict(
    toy: Any, executor_factory: Any, problems_of: Any
) -> None:
    executor = executor_factory()
    first, second = run(SKIPS_THE_FIRST, ([0, 5], [5, 0]), toy.item(), executor, problems_of)
    assert (first["expectedOutput"], first["verdict"], first["inputValid"]) == (5, "ACCEPTED", True)
    assert (second["expectedOutput"], second["verdict"]) == (5, "WRONG_ANSWER")
    assert second["runCodeOutput"]["returnValue"] == 0
    assert first["caseIdentifier"] == "Custom Case 1"
    assert first["input"] == [0, 5]
    # One batched call each: the validator first, then the student's code and the reference.
    assert [len(payload["inputs"]) for payload in executor.payloads] == [2, 2, 2]


def test_an_invalid_input_names_its_broken_constraint_and_is_not_run(
    toy: Any, executor_factory: Any, problems_of: Any
) -> None:
    executor = executor_factory()
    valid, invalid = run(SKIPS_THE_FIRST, ([1, 2], [1, 500]), toy.item(), executor, problems_of)
    assert valid["verdict"] == "WRONG_ANSWER"
    assert invalid["inputValid"] is False
    assert invalid["inputError"] == "data[1] must be an integer between -100 and 100"
    assert invalid["runCodeOutput"]["status"] == "INVALID_INPUT"
    assert invalid["runCodeOutput"]["error"] == (
        "Invalid input: data[1] must be an integer between -100 and 100"
    )
    assert (invalid["expectedOutput"], invalid["verdict"]) == (None, None)
    assert executor.inputs_of(SKIPS_THE_FIRST) == [[1, 2]]
    assert executor.inputs_of(toy.reference) == [[1, 2]]


def test_a_reference_that_fails_gives_no_expected_output(
    toy: Any, executor_factory: Any, problems_of: Any
) -> None:
    fragile = "def solution(data):\n    return sum(data) // (len(data) - 3)\n"
    (case,) = run(
        SKIPS_THE_FIRST,
        ([1, 2, 3],),
        toy.item(solutionCode=fragile),
        executor_factory(),
        problems_of,
    )
    assert (case["expectedOutput"], case["verdict"]) == (None, None)
    assert case["expectedError"] == (
        "The reference solution ended with RE on this input, so it has no expected output."
    )
    assert case["runCodeOutput"]["returnValue"] == 5


def test_without_a_validator_inputs_run_unchecked(
    toy: Any, executor_factory: Any, problems_of: Any
) -> None:
    (case,) = run(
        SKIPS_THE_FIRST, ([1, 500],), toy.item(validatorCode=None), executor_factory(), problems_of
    )
    assert (case["inputValid"], case["inputError"]) == (None, None)
    assert (case["expectedOutput"], case["verdict"]) == (501, "WRONG_ANSWER")
