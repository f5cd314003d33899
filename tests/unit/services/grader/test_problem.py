from __future__ import annotations

import json
from typing import Any

import pytest

from alpaco.services.grader.problem import (
    MAX_CASE_SECONDS,
    InvalidProblem,
    read_limits,
    read_problem,
)

CASES = [
    {"input": [1, 2], "expected_output": 3, "rationale": "sample", "isSample": True},
    {"input": [5, 5], "expected_output": 10, "rationale": "hidden"},
]


def item(**overrides: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "problemId": "p1",
        "title": "Sum",
        "title_translated": "합",
        "mode": "function",
        "judgeType": "equal",
        "timeLimitSeconds": 1.5,
        "memoryLimitMb": 128,
        "finalTestCases": json.dumps(CASES),
    }
    base.update(overrides)
    return {k: v for k, v in base.items() if v is not None}


def test_reads_top_level_settings_and_cases_in_order() -> None:
    problem = read_problem(item())
    assert problem.problem_id == "p1"
    assert (problem.title, problem.title_translated) == ("Sum", "합")
    assert problem.limits.mode == "function"
    assert problem.limits.time_limit_seconds == 1.5
    assert problem.limits.timeout_ms == 1500
    assert problem.limits.memory_limit_mb == 128
    assert problem.judge_type == "equal"
    assert problem.epsilon is None
    assert [(c.number, c.input, c.expected, c.is_sample) for c in problem.cases] == [
        (1, [1, 2], 3, True),
        (2, [5, 5], 10, False),
    ]


def test_settings_inside_the_constraints_string_are_used() -> None:
    constraints = {
        "time_limit_seconds": 3,
        "memory_limit_mb": 64,
        "judge_type": "float_eps",
        "epsilon": 0.001,
        "input_constraints": "n <= 10",
    }
    problem = read_problem(
        item(
            timeLimitSeconds=None,
            memoryLimitMb=None,
            judgeType=None,
            constraints=json.dumps(constraints),
        )
    )
    assert problem.limits.time_limit_seconds == 3.0
    assert problem.limits.memory_limit_mb == 64
    assert problem.judge_type == "float_eps"
    assert problem.epsilon == 0.001


def test_top_level_fields_win_over_constraints() -> None:
    constraints = json.dumps({"time_limit_seconds": 9, "memory_limit_mb": 999})
    limits = read_limits(item(constraints=constraints))
    assert (limits.time_limit_seconds, limits.memory_limit_mb) == (1.5, 128)


def test_float_eps_without_epsilon_uses_the_default() -> None:
    assert read_problem(item(judgeType="float_eps")).epsilon == 1e-6


def test_the_originals_wrapped_test_cases_are_accepted() -> None:
    wrapped = json.dumps({"finalTestCases": CASES, "edgeCasesAdded": 0, "success": True})
    assert len(read_problem(item(finalTestCases=wrapped)).cases) == 2
    assert len(read_problem(item(finalTestCases=CASES)).cases) == 2


def test_missing_mode_and_judge_are_the_originals_function_and_equal() -> None:
    problem = read_problem(item(mode=None, judgeType=None))
    assert problem.limits.mode == "function"
    assert problem.judge_type == "equal"


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"timeLimitSeconds": None}, "no time limit"),
        ({"timeLimitSeconds": 0}, "time limit"),
        ({"timeLimitSeconds": -1}, "time limit"),
        ({"timeLimitSeconds": True}, "time limit"),
        ({"timeLimitSeconds": "2"}, "time limit"),
        ({"timeLimitSeconds": 60}, "time limit"),
        ({"memoryLimitMb": None}, "no memory limit"),
        ({"memoryLimitMb": 1.5}, "memory limit"),
        ({"memoryLimitMb": 0}, "memory limit"),
        ({"memoryLimitMb": 8}, "memory limit"),
        ({"memoryLimitMb": 4096}, "memory limit"),
        ({"mode": "interactive"}, "mode"),
        ({"judgeType": "equal_string"}, "judge type 'equal_string' is unknown"),
        ({"judgeType": "float_eps", "epsilon": -1}, "epsilon"),
        ({"constraints": "{not json"}, "constraints"),
        ({"constraints": "[1]"}, "constraints"),
        ({"finalTestCases": None}, "no test cases"),
        ({"finalTestCases": "[]"}, "no test cases"),
        ({"finalTestCases": "oops"}, "finalTestCases"),
        ({"finalTestCases": json.dumps({"other": []})}, "no test cases"),
        ({"finalTestCases": json.dumps([{"input": 1}])}, "test case 1"),
        ({"finalTestCases": json.dumps([CASES[0], 7])}, "test case 2"),
        ({"mode": "stdio"}, "stdio test case 1"),
    ],
)
def test_unusable_settings_are_named_never_guessed(overrides: dict[str, Any], message: str) -> None:
    with pytest.raises(InvalidProblem, match=message):
        read_problem(item(**overrides))


def test_stdio_cases_are_text() -> None:
    cases = [{"input": "1 2\n", "expected_output": "3\n", "isSample": True}]
    problem = read_problem(item(mode="stdio", judgeType="tokens", finalTestCases=json.dumps(cases)))
    assert problem.limits.mode == "stdio"
    assert problem.cases[0].input == "1 2\n"


def test_is_sample_must_be_true_to_show_a_case() -> None:
    cases = [{"input": 1, "expected_output": 1, "isSample": "yes"}]
    assert not read_problem(item(finalTestCases=json.dumps(cases))).cases[0].is_sample


def test_limits_need_no_test_cases() -> None:
    assert read_limits(item(finalTestCases=None)).memory_limit_mb == 128


def cases(count: int) -> str:
    return json.dumps([{"input": n, "expected_output": n} for n in range(count)])


@pytest.mark.parametrize(
    ("count", "seconds"), [(20, 1.0), (40, 0.5), (1, MAX_CASE_SECONDS), (200, 0.1), (3, 6.666)]
)
def test_cases_whose_time_limits_add_up_to_the_bound_are_read(count: int, seconds: float) -> None:
    assert (
        len(read_problem(item(finalTestCases=cases(count), timeLimitSeconds=seconds)).cases)
        == count
    )


@pytest.mark.parametrize(
    ("count", "seconds", "message"),
    [
        (21, 1.0, "21 test cases of 1 s each, 21 s in all; the bound is 20 s"),
        (2, 10.001, "2 test cases of 10.001 s each, 20.002 s in all"),
        (19, 1.0526, "19 test cases of 1.0526 s each, 20.007 s in all"),
        (20_001, 0.0001, "20001 test cases of 0.0001 s each, 20.001 s in all"),
    ],
)
def test_cases_that_cannot_all_run_in_one_grading_are_refused(
    count: int, seconds: float, message: str
) -> None:
    with pytest.raises(InvalidProblem, match=message):
        read_problem(item(finalTestCases=cases(count), timeLimitSeconds=seconds))
    limits = read_limits(item(finalTestCases=cases(count), timeLimitSeconds=seconds))
    assert limits.time_limit_seconds == seconds
