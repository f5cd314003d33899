from __future__ import annotations

from typing import Any

import pytest

from alpaco.services.grader.verdicts import Verdict, case_verdict, output_of


def run(status: str | None, **fields: Any) -> dict[str, Any]:
    result: dict[str, Any] = {"stdout": "", "returnValue": None, **fields}
    if status is not None:
        result["status"] = status
    return result


@pytest.mark.parametrize(
    ("status", "verdict"),
    [
        ("TLE", Verdict.TIME_LIMIT_EXCEEDED),
        ("MLE", Verdict.MEMORY_LIMIT_EXCEEDED),
        ("RE", Verdict.RUNTIME_ERROR),
        ("OLE", Verdict.OUTPUT_LIMIT_EXCEEDED),
        ("CE", Verdict.COMPILATION_ERROR),
        ("IE", Verdict.INTERNAL_ERROR),
        ("WEIRD", Verdict.INTERNAL_ERROR),
        (None, Verdict.INTERNAL_ERROR),
    ],
)
def test_executor_statuses_map_to_verdicts(status: str | None, verdict: Verdict) -> None:
    result = run(status, returnValue=3)
    assert case_verdict(result, 3, mode="function", judge_type="equal") is verdict


def test_a_clean_function_run_is_judged_on_its_return_value() -> None:
    result = run("OK", returnValue=[3, 1], stdout="debug print")
    assert case_verdict(result, [3, 1], mode="function", judge_type="equal") is Verdict.ACCEPTED
    assert case_verdict(result, [1, 3], mode="function", judge_type="equal") is (
        Verdict.WRONG_ANSWER
    )
    assert case_verdict(result, [1, 3], mode="function", judge_type="unordered_equal") is (
        Verdict.ACCEPTED
    )


def test_a_clean_stdio_run_is_judged_on_its_stdout() -> None:
    result = run("OK", stdout="1 2\n3\n", returnValue=None)
    assert case_verdict(result, "1 2 3", mode="stdio", judge_type="tokens") is Verdict.ACCEPTED
    assert case_verdict(result, "1 2 3", mode="stdio", judge_type="lines") is (Verdict.WRONG_ANSWER)


def test_float_eps_uses_the_problems_epsilon() -> None:
    result = run("OK", returnValue=1.01)
    assert case_verdict(result, 1.0, mode="function", judge_type="float_eps", epsilon=0.1) is (
        Verdict.ACCEPTED
    )
    assert case_verdict(result, 1.0, mode="function", judge_type="float_eps") is (
        Verdict.WRONG_ANSWER
    )


def test_truncated_stdout_is_an_output_limit_in_stdio_mode_only() -> None:
    stdio = run("OK", stdout="3", outputTruncated=True)
    assert case_verdict(stdio, "3", mode="stdio", judge_type="tokens") is (
        Verdict.OUTPUT_LIMIT_EXCEEDED
    )
    function = run("OK", returnValue=3, stdout="noise", outputTruncated=True)
    assert case_verdict(function, 3, mode="function", judge_type="equal") is Verdict.ACCEPTED


def test_output_of_picks_by_mode() -> None:
    result = run("OK", stdout="out", returnValue=5)
    assert output_of(result, "stdio") == "out"
    assert output_of(result, "function") == 5
    assert output_of({}, "stdio") == ""
