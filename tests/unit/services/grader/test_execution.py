from __future__ import annotations

from typing import Any

import pytest

from alpaco.kernel.invoke import InvokeError
from alpaco.services.grader.execution import ExecutorFailure, executor_payload, run_batch
from alpaco.services.grader.problem import ProblemLimits

LIMITS = ProblemLimits(mode="stdio", time_limit_seconds=1.25, memory_limit_mb=96)


class Recorder:
    def __init__(self, response: Any = None, error: Exception | None = None) -> None:
        self.calls: list[tuple[str, dict[str, Any]]] = []
        self._response = response
        self._error = error

    def invoke(self, function: str, payload: dict[str, Any]) -> dict[str, Any]:
        self.calls.append((function, payload))
        if self._error is not None:
            raise self._error
        response: dict[str, Any] = self._response
        return response


def test_the_payload_carries_the_problems_mode_limits_and_the_tenant() -> None:
    assert executor_payload("code", ("a", "b"), LIMITS, tenant="sub-7") == {
        "code_to_execute": "code",
        "inputs": ["a", "b"],
        "mode": "stdio",
        "timeout_ms": 1250,
        "memory_limit_mb": 96,
        "language": "python",
        "tenant": "sub-7",
    }


def test_one_invoke_returns_one_result_per_input() -> None:
    invoker = Recorder({"results": [{"status": "OK"}, "junk"]})
    assert run_batch(invoker, "code", ["a", "b"], LIMITS, tenant="sub-7") == [{"status": "OK"}, {}]
    assert [(name, payload["tenant"]) for name, payload in invoker.calls] == [("executor", "sub-7")]


@pytest.mark.parametrize(
    ("invoker", "message"),
    [
        (Recorder(error=InvokeError("executor failed: OSError")), "executor failed: OSError"),
        (Recorder(error=RuntimeError("arn:aws:secret")), r"\(RuntimeError\)"),
        (Recorder({"statusCode": 400, "status": "IE", "error": "Parameter error: x"}), "Param"),
        (Recorder({"results": [{}]}), "1 results for 2 inputs"),
        (Recorder([]), "no results"),
    ],
)
def test_unusable_executor_answers_are_failures(invoker: Recorder, message: str) -> None:
    with pytest.raises(ExecutorFailure, match=message) as raised:
        run_batch(invoker, "code", ["a", "b"], LIMITS, tenant="sub-7")
    assert "arn:aws" not in str(raised.value)
