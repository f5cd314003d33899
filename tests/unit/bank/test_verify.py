from __future__ import annotations

import dataclasses
import json
from collections import Counter
from collections.abc import Callable, Mapping
from typing import Any

import pytest

from alpaco.bank.catalog import PROBLEMS_DIR, BankProblem, load_problem
from alpaco.bank.format import BankProblemError
from alpaco.bank.verify import BRUTE_TIMEOUT_MS, VERIFY_DEADLINE_MS, verify_problem
from alpaco.kernel.invoke import InvokeError

Program = Callable[[Any], dict[str, Any]]


def ok(value: Any, *, stdio: bool = False, ms: int = 5) -> dict[str, Any]:
    return {
        "status": "OK",
        "stdout": value if stdio else "",
        "stderr": "",
        "returnValue": None if stdio else value,
        "executionTimeMs": ms,
        "outputTruncated": False,
    }


class ScriptedExecutor:
    """Answers a batch with the Python function registered for the submitted source."""

    def __init__(self, programs: Mapping[str, Program]) -> None:
        self.programs = dict(programs)
        self.calls: list[dict[str, Any]] = []

    def invoke(self, function: str, payload: dict[str, Any]) -> dict[str, Any]:
        assert function == "executor"
        payload = json.loads(json.dumps(payload))
        self.calls.append(payload)
        program = self.programs[payload["code_to_execute"]]
        return {"results": [program(data) for data in payload["inputs"]]}


def add(data: Any) -> dict[str, Any]:
    return ok(data["a"] + data["b"])


def executor_for(
    bp: BankProblem, reference: Program = add, brute: Program = add
) -> ScriptedExecutor:
    return ScriptedExecutor({bp.reference_code: reference, bp.brute_code: brute})


def test_expected_outputs_are_the_reference_outputs(a_plus_b: BankProblem) -> None:
    executor = executor_for(a_plus_b)
    verified = verify_problem(a_plus_b, executor)
    assert verified.problem is a_plus_b
    assert len(verified.cases) == 14
    assert [case.expected for case in verified.cases[:2]] == [3, -4]
    assert all(c.expected == c.test.data["a"] + c.test.data["b"] for c in verified.cases)
    assert verified.reference_max_ms == 5


def test_the_reference_runs_once_as_a_batch_then_the_brute_force_on_small_tests(
    a_plus_b: BankProblem,
) -> None:
    executor = executor_for(a_plus_b)
    verified = verify_problem(a_plus_b, executor)
    reference, brute = executor.calls
    assert reference == {
        "code_to_execute": a_plus_b.reference_code,
        "inputs": [case.test.data for case in verified.cases],
        "mode": "function",
        "timeout_ms": 1000,
        "memory_limit_mb": 256,
        "language": "python",
        "tenant": "bank",
        "deadline_ms": VERIFY_DEADLINE_MS,
    }
    small = [c.test.data for c in verified.cases if c.test.size is not None and c.test.size <= 1000]
    assert brute["code_to_execute"] == a_plus_b.brute_code
    assert brute["inputs"] == small
    assert brute["timeout_ms"] == BRUTE_TIMEOUT_MS
    assert verified.brute_checked == len(small) == 8


def test_a_stdio_problem_expects_the_reference_stdout() -> None:
    bp = load_problem(PROBLEMS_DIR / "balanced_brackets")

    def answer(stdin: str) -> dict[str, Any]:
        return ok("YES\n" * int(stdin.split("\n", maxsplit=1)[0]), stdio=True)

    def sloppy(stdin: str) -> dict[str, Any]:
        return ok("YES   \n" * int(stdin.split("\n", maxsplit=1)[0]) + "\n\n", stdio=True)

    executor = ScriptedExecutor({bp.reference_code: answer, bp.brute_code: sloppy})
    verified = verify_problem(bp, executor)
    assert executor.calls[0]["mode"] == "stdio"
    assert verified.cases[1].expected == "YES\n"


def test_a_brute_force_that_disagrees_fails_the_problem(a_plus_b: BankProblem) -> None:
    def off_by_one(data: Any) -> dict[str, Any]:
        return ok(data["a"] + data["b"] + (1 if data["a"] == -10 else 0))

    with pytest.raises(BankProblemError) as caught:
        verify_problem(a_plus_b, executor_for(a_plus_b, brute=off_by_one))
    message = str(caught.value)
    assert message.startswith("a_plus_b: the brute force disagrees with the reference on generated")
    assert "size 10, seed" in message
    assert "reference -20, brute force -19" in message


def test_the_judge_decides_agreement() -> None:
    bp = load_problem(PROBLEMS_DIR / "pairs_with_sum")

    def pairs(data: Any) -> dict[str, Any]:
        counts, k = Counter(data["nums"]), data["k"]
        found = [
            [a, k - a]
            for a in counts
            if (a < k - a and k - a in counts) or (2 * a == k and counts[a] > 1)
        ]
        return ok(sorted(found))

    def reversed_pairs(data: Any) -> dict[str, Any]:
        return ok(pairs(data)["returnValue"][::-1])

    verify_problem(bp, ScriptedExecutor({bp.reference_code: pairs, bp.brute_code: reversed_pairs}))
    strict = dataclasses.replace(bp, judge_type="equal")
    with pytest.raises(BankProblemError, match=r"disagrees .* under judge equal"):
        verify_problem(
            strict, ScriptedExecutor({bp.reference_code: pairs, bp.brute_code: reversed_pairs})
        )


def test_an_input_the_validator_rejects_fails_before_anything_runs(a_plus_b: BankProblem) -> None:
    def no_negatives(data: Any) -> None:
        if data["a"] < 0:
            raise ValueError("a must be >= 0")

    executor = executor_for(a_plus_b)
    with pytest.raises(BankProblemError) as caught:
        verify_problem(dataclasses.replace(a_plus_b, validate=no_negatives), executor)
    assert str(caught.value) == "a_plus_b: the validator rejects sample 2: a must be >= 0"
    assert executor.calls == []


@pytest.mark.parametrize(
    ("result", "message"),
    [
        (
            {"status": "RE", "exceptionType": "KeyError", "exceptionLine": 2, "stderr": "boom"},
            "a_plus_b: the reference failed on sample 1: status RE; KeyError on line 2; "
            "stderr: boom",
        ),
        ({"status": "TLE", "timedOut": True}, "the reference failed on sample 1: status TLE"),
        ({"status": "IE", "error": "sandbox down"}, "status IE; sandbox down"),
        ({**ok(3), "outputTruncated": True}, "status OK with truncated output"),
        (ok(3, ms=1001), "the reference took 1001 ms on sample 1, over the 1000 ms time limit"),
    ],
)
def test_a_reference_that_is_not_ok_fails_the_problem(
    a_plus_b: BankProblem, result: dict[str, Any], message: str
) -> None:
    with pytest.raises(BankProblemError, match=r"^a_plus_b: ") as caught:
        verify_problem(a_plus_b, executor_for(a_plus_b, reference=lambda data: result))
    assert message in str(caught.value)


def test_a_brute_force_that_times_out_fails_the_problem(a_plus_b: BankProblem) -> None:
    executor = executor_for(a_plus_b, brute=lambda data: {"status": "TLE"})
    with pytest.raises(BankProblemError, match=r"the brute force failed on generated.*status TLE"):
        verify_problem(a_plus_b, executor)


def test_a_problem_without_small_tests_cannot_be_brute_checked(a_plus_b: BankProblem) -> None:
    tiny = dataclasses.replace(a_plus_b, brute_max_size=5)
    with pytest.raises(BankProblemError, match="no generated test is small enough"):
        verify_problem(tiny, executor_for(tiny))


class RejectingExecutor:
    def invoke(self, function: str, payload: dict[str, Any]) -> dict[str, Any]:
        return {"statusCode": 400, "status": "IE", "error": "Parameter error: inputs"}


class BrokenExecutor:
    def invoke(self, function: str, payload: dict[str, Any]) -> dict[str, Any]:
        raise InvokeError("executor failed: MemoryError")


def test_an_executor_error_fails_the_problem_with_its_reason(a_plus_b: BankProblem) -> None:
    with pytest.raises(BankProblemError, match="rejected the reference batch: Parameter error"):
        verify_problem(a_plus_b, RejectingExecutor())
    with pytest.raises(BankProblemError, match=r"executor failed on the reference batch: .*Memory"):
        verify_problem(a_plus_b, BrokenExecutor())
