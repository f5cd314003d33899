"""The one batched executor call per grading: one compile, every case in parallel inside it.

The payload names its `tenant`, the user the run is for, so that the executor can share its CPU
fairly between users instead of between requests.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Final

from alpaco.kernel.invoke import InvokeError, Invoker
from alpaco.services.grader.problem import ProblemLimits

EXECUTOR: Final = "executor"


class ExecutorFailure(Exception):
    """The executor gave no usable results; the message is safe to show and to store."""


def executor_payload(
    code: str,
    inputs: Sequence[Any],
    limits: ProblemLimits,
    *,
    tenant: str,
    deadline_ms: int | None = None,
) -> dict[str, Any]:
    """`deadline_ms` bounds the whole batch (the executor's default, 25 s, when None): a caller
    that runs several batches in one request shares its time out between them."""
    payload: dict[str, Any] = {
        "code_to_execute": code,
        "inputs": list(inputs),
        "mode": limits.mode,
        "timeout_ms": limits.timeout_ms,
        "memory_limit_mb": limits.memory_limit_mb,
        "language": "python",
        "tenant": tenant,
    }
    if deadline_ms is not None:
        payload["deadline_ms"] = deadline_ms
    return payload


def run_batch(
    invoker: Invoker,
    code: str,
    inputs: Sequence[Any],
    limits: ProblemLimits,
    *,
    tenant: str,
    deadline_ms: int | None = None,
) -> list[dict[str, Any]]:
    """One result per input, in input order; anything else is an `ExecutorFailure`."""
    payload = executor_payload(code, inputs, limits, tenant=tenant, deadline_ms=deadline_ms)
    try:
        response = invoker.invoke(EXECUTOR, payload)
    except Exception as exc:
        reason = str(exc) if isinstance(exc, InvokeError) else type(exc).__name__
        raise ExecutorFailure(f"the executor could not be invoked ({reason})") from exc
    results = response.get("results") if isinstance(response, dict) else None
    if not isinstance(results, list):
        error = response.get("error") if isinstance(response, dict) else None
        raise ExecutorFailure(f"the executor rejected the batch ({error or 'no results'})")
    if len(results) != len(inputs):
        raise ExecutorFailure(
            f"the executor returned {len(results)} results for {len(inputs)} inputs"
        )
    return [result if isinstance(result, dict) else {} for result in results]


def invocation_failure(message: str) -> dict[str, Any]:
    """The original's runCodeOutput for an executor that could not be reached, as one result."""
    return {
        "runCodeLambdaError": True,
        "errorType": "GraderInvocationError",
        "errorMessage": message,
        "stdout": "",
        "stderr": message,
        "returnValue": None,
        "exitCode": -1,
        "executionTimeMs": 0,
        "timedOut": False,
        "error": message,
        "isSuccessful": False,
        "status": "IE",
    }
