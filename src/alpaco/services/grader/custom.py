"""RUN_CUSTOM_TESTS with an expected output, as LeetCode's "expected output" does.

Each of the student's inputs is first checked by the problem's validator (one batched call); an
invalid one is not run and says which constraint it breaks, in the validator's own words. The
valid ones run through the student's code and the reference side by side (one batched call each),
and each case adds the reference's output and the judge's verdict to the original's fields.

A problem without a validator runs every input unchecked (`inputValid: null`); one without a
reference, or a playground run without a problem, has no expected output (`expectedOutput` and
`verdict` null). Two deadlines keep the request under API Gateway's 29 s: the validation's, then
the runs'.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, Final

from alpaco.services.grader.oracle import Oracle, Trial

VALIDATION_DEADLINE_MS: Final = 5_000
RUN_DEADLINE_MS: Final = 20_000


def custom_cases(oracle: Oracle, inputs: Sequence[Any]) -> list[dict[str, Any]]:
    """One case per input, in order: the original's three fields plus the oracle's."""
    checks = oracle.check(inputs, deadline_ms=VALIDATION_DEADLINE_MS)
    runnable = [
        value for value, (valid, _) in zip(inputs, checks, strict=True) if valid is not False
    ]
    student, reference = oracle.run(runnable, deadline_ms=RUN_DEADLINE_MS)
    references: list[Mapping[str, Any] | None] = (
        [*reference] if reference is not None else [None] * len(student)
    )
    ran = iter(zip(student, references, strict=True))
    cases = []
    for number, (value, check) in enumerate(zip(inputs, checks, strict=True), start=1):
        student_result, reference_result = next(ran) if check[0] is not False else (None, None)
        cases.append(_case(number, oracle.judge(value, check, student_result, reference_result)))
    return cases


def _case(number: int, trial: Trial) -> dict[str, Any]:
    return {
        "caseIdentifier": f"Custom Case {number}",
        "input": trial.input,
        "runCodeOutput": trial.student if trial.student is not None else _not_run(trial),
        "inputValid": trial.valid,
        "inputError": trial.reason,
        "expectedOutput": trial.expected,
        "expectedError": _expected_error(trial),
        "verdict": trial.verdict.value if trial.verdict is not None else None,
    }


def _expected_error(trial: Trial) -> str | None:
    if trial.reference_status in (None, "OK"):
        return None
    return (
        f"The reference solution ended with {trial.reference_status} on this input, "
        "so it has no expected output."
    )


def _not_run(trial: Trial) -> dict[str, Any]:
    """An executor-shaped result for an input that was refused before it could run."""
    message = f"Invalid input: {trial.reason}"
    return {
        "status": "INVALID_INPUT",
        "errorType": "InvalidInput",
        "error": message,
        "stdout": "",
        "stderr": "",
        "returnValue": None,
        "exitCode": None,
        "executionTimeMs": 0,
        "timedOut": False,
        "isSuccessful": False,
    }
