"""The gates a bank problem passes before it may be seeded.

Expected outputs are never written by hand: they are what the reference prints or returns in the
real executor. Two independent programs must agree on every small input (the reference and an
obviously correct brute force), and every input must satisfy the stated constraints, so a wrong
reference, a wrong statement or a careless generator is caught before a student ever sees it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any, Final

from alpaco.bank.catalog import BankProblem
from alpaco.bank.format import BankProblemError
from alpaco.bank.inputs import TestInput, build_inputs
from alpaco.kernel.invoke import InvokeError, Invoker
from alpaco.services.grader.judges import judge

BRUTE_TIMEOUT_MS: Final = 20_000
# Verifying is no API request (nothing waits 29 s for it): the executor's longest budget.
VERIFY_DEADLINE_MS: Final = 60_000
_SHOWN_CHARS: Final = 160


@dataclass(frozen=True)
class VerifiedCase:
    test: TestInput
    expected: Any
    reference_ms: int


@dataclass(frozen=True)
class VerifiedProblem:
    problem: BankProblem
    cases: tuple[VerifiedCase, ...]
    brute_checked: int

    @property
    def reference_max_ms(self) -> int:
        return max(case.reference_ms for case in self.cases)


def verify_problem(bp: BankProblem, invoker: Invoker) -> VerifiedProblem:
    """Validate every input, run the reference once as a batch, and check the brute force agrees.

    Raises `BankProblemError` naming the problem and the failing case.
    """
    inputs = build_inputs(bp)
    for test in inputs:
        try:
            bp.validate(test.data)
        except Exception as exc:
            raise BankProblemError(
                f"{bp.bank_id}: the validator rejects {test.rationale}: {exc}"
            ) from exc
    limit_ms = round(bp.time_limit_seconds * 1000)
    results = _run_batch(
        bp, invoker, bp.reference_code, inputs, who="reference", timeout_ms=limit_ms
    )
    cases = []
    for test, result in zip(inputs, results, strict=True):
        _require_ok(bp, "reference", test, result)
        elapsed = int(result.get("executionTimeMs") or 0)
        if elapsed > limit_ms:
            raise BankProblemError(
                f"{bp.bank_id}: the reference took {elapsed} ms on {test.rationale}, "
                f"over the {limit_ms} ms time limit"
            )
        cases.append(VerifiedCase(test, _output(bp, result), elapsed))
    checked = _check_brute_force(bp, invoker, cases)
    return VerifiedProblem(bp, tuple(cases), checked)


def _check_brute_force(bp: BankProblem, invoker: Invoker, cases: list[VerifiedCase]) -> int:
    small = [
        case for case in cases if case.test.size is not None and case.test.size <= bp.brute_max_size
    ]
    if not small:
        raise BankProblemError(
            f"{bp.bank_id}: no generated test is small enough for the brute force"
        )
    tests = [case.test for case in small]
    results = _run_batch(
        bp, invoker, bp.brute_code, tests, who="brute force", timeout_ms=BRUTE_TIMEOUT_MS
    )
    for case, result in zip(small, results, strict=True):
        _require_ok(bp, "brute force", case.test, result)
        actual = _output(bp, result)
        if not judge(bp.judge_type, actual, case.expected, epsilon=bp.epsilon):
            raise BankProblemError(
                f"{bp.bank_id}: the brute force disagrees with the reference on "
                f"{case.test.rationale} under judge {bp.judge_type}: "
                f"reference {_shown(case.expected)}, brute force {_shown(actual)}"
            )
    return len(small)


def _run_batch(
    bp: BankProblem,
    invoker: Invoker,
    code: str,
    tests: list[TestInput],
    *,
    who: str,
    timeout_ms: int,
) -> list[dict[str, Any]]:
    payload = {
        "code_to_execute": code,
        "inputs": [test.data for test in tests],
        "mode": bp.mode,
        "timeout_ms": timeout_ms,
        "memory_limit_mb": bp.memory_limit_mb,
        "language": "python",
        "tenant": "bank",
        "deadline_ms": VERIFY_DEADLINE_MS,
    }
    try:
        response = invoker.invoke("executor", payload)
    except InvokeError as exc:
        raise BankProblemError(
            f"{bp.bank_id}: the executor failed on the {who} batch: {exc}"
        ) from exc
    results = response.get("results")
    if not isinstance(results, list) or len(results) != len(tests):
        why = response.get("error") or response.get("status") or "no results"
        raise BankProblemError(f"{bp.bank_id}: the executor rejected the {who} batch: {why}")
    return [result if isinstance(result, dict) else {} for result in results]


def _require_ok(bp: BankProblem, who: str, test: TestInput, result: dict[str, Any]) -> None:
    if result.get("status") == "OK" and not result.get("outputTruncated"):
        return
    status = result.get("status", "no status")
    if result.get("outputTruncated"):
        status = f"{status} with truncated output"
    detail = [f"status {status}"]
    if result.get("exceptionType"):
        detail.append(f"{result['exceptionType']} on line {result.get('exceptionLine')}")
    if result.get("error"):
        detail.append(str(result["error"]))
    stderr = str(result.get("stderr") or "").strip()
    if stderr:
        detail.append(f"stderr: {stderr[-300:]}")
    raise BankProblemError(
        f"{bp.bank_id}: the {who} failed on {test.rationale}: {'; '.join(detail)}"
    )


def _output(bp: BankProblem, result: dict[str, Any]) -> Any:
    return result.get("stdout", "") if bp.mode == "stdio" else result.get("returnValue")


def _shown(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= _SHOWN_CHARS else text[:_SHOWN_CHARS] + "…"
