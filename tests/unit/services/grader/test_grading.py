from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from alpaco.services.grader.grading import (
    MAX_OUTPUT_CHARS,
    failed_grading,
    grade,
    preview,
    seconds,
)
from alpaco.services.grader.problem import Problem, ProblemCase, ProblemLimits
from alpaco.services.grader.verdicts import Verdict

CODE = "".join(f"x{n} = {n}\n" for n in range(1, 11))


def problem(*expected: Any, samples: int = 1, mode: str = "function") -> Problem:
    return Problem(
        problem_id="p",
        title="T",
        title_translated="티",
        limits=ProblemLimits(mode=mode, time_limit_seconds=1.0, memory_limit_mb=64),
        judge_type="equal" if mode == "function" else "tokens",
        epsilon=None,
        cases=tuple(
            ProblemCase(number=n, input=f"in{n}", expected=e, is_sample=n <= samples)
            for n, e in enumerate(expected, start=1)
        ),
    )


def ok(value: Any, ms: int = 12, kb: int = 9000, **extra: Any) -> dict[str, Any]:
    return {
        "status": "OK",
        "returnValue": value,
        "stdout": "",
        "stderr": "",
        "executionTimeMs": ms,
        "peakMemoryKb": kb,
        **extra,
    }


def crash(kind: str = "RE", **extra: Any) -> dict[str, Any]:
    return {
        "status": kind,
        "returnValue": None,
        "stdout": "secret hidden input: in2",
        "stderr": "Traceback ... ZeroDivisionError: division by zero (in2)",
        "exceptionType": "ZeroDivisionError",
        "exceptionLine": 4,
        "executionTimeMs": 5,
        "peakMemoryKb": 8000,
        **extra,
    }


def test_all_accepted() -> None:
    grading = grade(problem(1, 2, 3), [ok(1, ms=10), ok(2, ms=1234), ok(3, kb=20000)], code=CODE)
    assert grading.status is Verdict.ACCEPTED
    assert (grading.passed, grading.total, grading.score) == (3, 3, 100)
    assert grading.error_message is None
    assert grading.execution_time == 1.234
    assert grading.memory_kb == 20000


def test_the_first_failing_case_decides_the_verdict() -> None:
    results = [ok(1), ok(0), {"status": "TLE", "executionTimeMs": 1000}, ok(4)]
    grading = grade(problem(1, 2, 3, 4), results, code=CODE)
    assert grading.status is Verdict.WRONG_ANSWER
    assert [c.verdict for c in grading.cases] == [
        Verdict.ACCEPTED,
        Verdict.WRONG_ANSWER,
        Verdict.TIME_LIMIT_EXCEEDED,
        Verdict.ACCEPTED,
    ]
    assert grading.error_message == "Failed at test case 2: WRONG_ANSWER"
    assert (grading.passed, grading.score) == (2, 50)


@given(st.integers(min_value=1, max_value=40), st.data())
def test_score_is_passed_over_total_rounded_down(total: int, data: st.DataObject) -> None:
    passed = data.draw(st.integers(min_value=0, max_value=total))
    results = [ok(1)] * passed + [ok(0)] * (total - passed)
    grading = grade(problem(*[1] * total), results, code=CODE)
    assert grading.score == passed * 100 // total
    assert (grading.score == 100) == (passed == total)
    assert (grading.status is Verdict.ACCEPTED) == (passed == total)


def test_a_hidden_case_shows_only_verdict_time_and_memory() -> None:
    grading = grade(problem(1, 2), [ok(1), ok(99, stdout="leak", stderr="leak")], code=CODE)
    hidden = grading.cases[1].view()
    assert hidden == {
        "caseNumber": 2,
        "status": "WRONG_ANSWER",
        "executionTime": 0.012,
        "memoryKb": 9000,
        "isSample": False,
        "stdout": None,
        "stderr": None,
    }


def test_a_hidden_runtime_error_shows_the_exception_type_and_line_only() -> None:
    grading = grade(problem(1, 2), [ok(1), crash()], code=CODE)
    view = grading.cases[1].view()
    assert view["status"] == "RUNTIME_ERROR"
    assert view["exceptionType"] == "ZeroDivisionError"
    assert view["exceptionLine"] == 4
    assert view["stderr"] == "ZeroDivisionError on line 4"
    assert view["stdout"] is None
    assert "in2" not in str(view)
    assert grading.error_message == (
        "Failed at test case 2: RUNTIME_ERROR. Details: ZeroDivisionError on line 4"
    )
    assert "in2" not in grading.error_message


def test_a_sample_case_shows_its_data_and_output() -> None:
    grading = grade(
        problem(1, 2, samples=2), [ok(1), ok(5, stdout="dbg", stderr="warn")], code=CODE
    )
    view = grading.cases[1].view()
    assert view["isSample"] is True
    assert view["input"] == "in2"
    assert view["expectedOutput"] == 2
    assert view["actualOutput"] == 5
    assert view["stdout"] == "dbg"
    assert view["stderr"] == "warn"
    assert grading.error_message == "Failed at test case 2: WRONG_ANSWER. Details: warn"


@pytest.mark.parametrize(
    ("kind", "line"),
    [
        ("{'tag': 'HIDDEN-in2'}", 4),
        ("HIDDEN-in2" * 3000, 4),
        ("ZeroDivisionError", 99_999),
        ("ZeroDivisionError", 0),
        ("ZeroDivisionError", True),
    ],
)
def test_a_hidden_crash_names_only_builtins_and_lines_of_the_code(kind: str, line: Any) -> None:
    grading = grade(
        problem(1, 2), [ok(1), crash(exceptionType=kind, exceptionLine=line)], code=CODE
    )
    view = grading.cases[1].view()
    shown = "UserException" if "HIDDEN" in kind else kind
    shown_line = line if line == 4 else None
    assert (view["exceptionType"], view["exceptionLine"]) == (shown, shown_line)
    summary = shown if shown_line is None else f"{shown} on line {shown_line}"
    assert view["stderr"] == summary
    assert grading.error_message == f"Failed at test case 2: RUNTIME_ERROR. Details: {summary}"
    assert "HIDDEN" not in json.dumps(view) + grading.error_message


def test_a_hidden_crash_keeps_signal_names_and_executor_labels() -> None:
    results = [
        ok(1),
        crash(exceptionType="SIGSEGV", exceptionLine=None),
        crash(exceptionType="SolutionFunctionNotFoundError", exceptionLine=10),
    ]
    grading = grade(problem(1, 2, 3), results, code=CODE)
    assert [c.view()["stderr"] for c in grading.cases[1:]] == [
        "SIGSEGV",
        "SolutionFunctionNotFoundError on line 10",
    ]


def test_a_sample_crash_shows_its_own_exception_class_and_clips_a_long_name() -> None:
    results = [crash(exceptionType="BadInput", exceptionLine=99), crash(exceptionType="E" * 30_000)]
    grading = grade(problem(1, 2, samples=2), results, code=CODE)
    first, second = (c.view() for c in grading.cases)
    assert (first["exceptionType"], first["exceptionLine"]) == ("BadInput", 99)
    assert len(second["exceptionType"]) == 100
    assert second["exceptionType"].endswith("...")


def test_a_sample_crash_shows_the_stderr() -> None:
    grading = grade(problem(1), [crash(exceptionLine=None)], code=CODE)
    view = grading.cases[0].view()
    assert view["stderr"].startswith("Traceback")
    assert view["exceptionLine"] is None
    assert view["actualOutput"] is None


def test_sample_texts_are_clipped() -> None:
    grading = grade(problem(1), [ok(1, stdout="x" * 5000)], code=CODE)
    stdout = grading.cases[0].view()["stdout"]
    assert len(stdout) == 500
    assert stdout.endswith("...")


def test_a_sample_internal_error_names_the_executor_problem() -> None:
    grading = grade(problem(1), [{"status": "IE", "error": "sandbox unavailable"}], code=CODE)
    assert grading.status is Verdict.INTERNAL_ERROR
    assert grading.error_message == (
        "Failed at test case 1: INTERNAL_ERROR. Details: sandbox unavailable"
    )


def test_a_hidden_internal_error_never_shows_the_executors_text() -> None:
    error = {"status": "IE", "error": "case lost while reading HIDDEN-in2"}
    grading = grade(problem(1, 2), [ok(1), error], code=CODE)
    assert grading.status is Verdict.INTERNAL_ERROR
    assert grading.error_message == (
        "Failed at test case 2: INTERNAL_ERROR. Details: the executor could not run this case"
    )
    assert "HIDDEN" not in json.dumps(grading.cases[1].view())


def test_a_compilation_error_fails_the_first_case() -> None:
    results = [crash("CE", exceptionType="SyntaxError", exceptionLine=1)] * 2
    grading = grade(problem(1, 2), results, code=CODE)
    assert grading.status is Verdict.COMPILATION_ERROR
    assert grading.cases[1].view()["stderr"] == "SyntaxError on line 1"


def test_malformed_results_are_internal_errors() -> None:
    grading = grade(problem(1), ["not a dict"], code=CODE)
    assert grading.status is Verdict.INTERNAL_ERROR
    assert grading.cases[0].seconds == 0.0
    assert grading.cases[0].memory_kb is None


def test_a_result_count_mismatch_is_a_programming_error() -> None:
    with pytest.raises(ValueError, match="zip"):
        grade(problem(1, 2), [ok(1)], code=CODE)


def test_failed_grading_has_no_case_results() -> None:
    grading = failed_grading("the executor could not be invoked", total=7)
    assert grading.status is Verdict.INTERNAL_ERROR
    assert grading.cases == ()
    assert (grading.passed, grading.total, grading.score) == (0, 7, 0)
    assert grading.execution_time == 0.0
    assert grading.memory_kb is None
    assert grading.error_message == "Grading failed: the executor could not be invoked"
    assert failed_grading("x", total=0).score == 0


@pytest.mark.parametrize(
    ("ms", "expected"), [(0, 0.0), (34, 0.034), (1500, 1.5), (2.2, 0.002), (None, 0.0), (True, 0.0)]
)
def test_seconds_are_numbers_with_three_decimals(ms: Any, expected: float) -> None:
    assert seconds(ms) == expected


@pytest.mark.parametrize(
    "value",
    [10**40, 1e200, 1e-200, float("nan"), [[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]], {"": 1}],
)
def test_values_dynamodb_cannot_store_are_shown_as_text(value: Any) -> None:
    assert isinstance(preview(value), str)


@pytest.mark.parametrize("value", [None, True, 0, 1.5, "s", [1, {"a": [2.5, None]}], 10**37])
def test_plain_values_are_shown_as_is(value: Any) -> None:
    assert preview(value) == value


def test_large_values_are_clipped_text() -> None:
    shown = preview(list(range(5000)))
    assert isinstance(shown, str)
    assert len(shown) == MAX_OUTPUT_CHARS
    assert shown.startswith("[0, 1, 2")


def test_lone_surrogates_never_reach_storage() -> None:
    lone = chr(0xD800)
    grading = grade(problem(1), [ok({lone: [lone]}, stdout=f"out{lone}", stderr=lone)], code=CODE)
    view = grading.cases[0].view()
    assert view["actualOutput"] == '{"\\ud800": ["\\ud800"]}'
    assert view["stdout"] == "out?"
    assert view["stderr"] == "?"
    json.dumps(view, ensure_ascii=False).encode("utf-8")
