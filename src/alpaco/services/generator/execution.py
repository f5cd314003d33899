"""Running the generated programs in the executor: one batched call per program and purpose.

The reference and the brute force run one case per input: each input's own status and time is
the point. The validator and the generator are not entry points the executor knows, so each is
wrapped in a harness that defines `solution` (the name the executor calls first; appended last,
it wins over anything the program calls `solution`) and loops over many inputs or jobs in one
case, reporting each one's result: their per-input cost is the interpreter's, not theirs, and a
batch of them is cheaper as one case.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Final

from alpaco.kernel.invoke import InvokeError, Invoker
from alpaco.services.generator.errors import GenerationFailed

EXECUTOR: Final = "executor"
BATCH_DEADLINE_MS: Final = 60_000  # nobody waits on an API gateway here: the longest budget
MAX_BATCH: Final = 256  # the executor's own bound on inputs per call
REJECTED: Final = "REJECTED"  # a validator's refusal, unlike a failure of the validator itself
CHUNK_BYTES: Final = 600_000  # inputs per harness case, under the executor's 1 MiB per input
_REASON_CHARS: Final = 300
_HARNESS: Final = """


def solution(batch):
    import random as _alpaco_random

    results = []
    for item in batch:
        try:
            results.append([True, {call}])
        except Exception as exc:
            results.append([False, f"{{type(exc).__name__}}: {{exc}}"[:{reason}]])
    return results
"""
_VALIDATE: Final = _HARNESS.format(call="validate(item)", reason=_REASON_CHARS)
_GENERATE: Final = _HARNESS.format(
    call="generate(_alpaco_random.Random(item[0]), item[1])", reason=_REASON_CHARS
)


@dataclass(frozen=True)
class Outcome:
    """One run: `value` is the return value (function mode) or stdout (stdio mode)."""

    status: str
    value: Any
    ms: float
    detail: str

    @property
    def ok(self) -> bool:
        return self.status == "OK"


@dataclass(frozen=True)
class Executor:
    invoker: Invoker
    tenant: str
    memory_mb: int = 256

    def run(self, code: str, inputs: Sequence[Any], *, mode: str, timeout_ms: int) -> list[Outcome]:
        """One outcome per input, in order; raises GenerationFailed if the executor is down."""
        outcomes: list[Outcome] = []
        for start in range(0, len(inputs), MAX_BATCH):
            outcomes += self._batch(code, inputs[start : start + MAX_BATCH], mode, timeout_ms)
        return outcomes

    def validate(self, code: str, inputs: Sequence[Any], *, timeout_ms: int) -> list[Outcome]:
        """Per input: OK (valid), REJECTED with `validate`'s reason, or the validator's own
        failure (TLE, RE, ...) for every input of a harness case that did not finish."""
        return self._harnessed(code + _VALIDATE, list(inputs), timeout_ms, chunks=_chunks(inputs))

    def generate(
        self, code: str, groups: Sequence[Sequence[tuple[int, int]]], *, timeout_ms: int
    ) -> list[Outcome]:
        """Per (seed, size) job, in order: OK with the input made, REJECTED with the exception,
        or the harness's failure. Each group of jobs is made in one case of its own."""
        items = [list(job) for group in groups for job in group]
        chunks, start = [], 0
        for group in groups:
            chunks.append(list(range(start, start + len(group))))
            start += len(group)
        return self._harnessed(code + _GENERATE, items, timeout_ms, chunks=chunks)

    def _harnessed(
        self, code: str, items: list[Any], timeout_ms: int, *, chunks: list[list[int]]
    ) -> list[Outcome]:
        cases = self.run(
            code,
            [[items[i] for i in chunk] for chunk in chunks],
            mode="function",
            timeout_ms=timeout_ms,
        )
        outcomes: list[Outcome] = [Outcome("IE", None, 0.0, "not run")] * len(items)
        for chunk, case in zip(chunks, cases, strict=True):
            reported = case.value if case.ok and isinstance(case.value, list) else None
            if reported is None or len(reported) != len(chunk):
                failed = (
                    case if not case.ok else Outcome("RE", None, 0.0, "the harness got no results")
                )
                for index in chunk:
                    outcomes[index] = failed
                continue
            for index, (done, value) in zip(chunk, reported, strict=True):
                outcomes[index] = (
                    Outcome("OK", value, case.ms, "")
                    if done
                    else Outcome(REJECTED, None, 0.0, str(value))
                )
        return outcomes

    def _batch(self, code: str, inputs: Sequence[Any], mode: str, timeout_ms: int) -> list[Outcome]:
        if not inputs:
            return []
        payload = {
            "code_to_execute": code,
            "inputs": list(inputs),
            "mode": mode,
            "timeout_ms": timeout_ms,
            "memory_limit_mb": self.memory_mb,
            "language": "python",
            "tenant": self.tenant,
            "deadline_ms": BATCH_DEADLINE_MS,
        }
        try:
            response = self.invoker.invoke(EXECUTOR, payload)
        except InvokeError as exc:
            raise GenerationFailed("The code executor is unavailable; please try again.") from exc
        results = response.get("results")
        if not isinstance(results, list) or len(results) != len(inputs):
            why = str(response.get("error") or "no results")[:200]
            raise GenerationFailed(f"The code executor refused a batch ({why}).")
        return [_outcome(result if isinstance(result, dict) else {}, mode) for result in results]


def _outcome(result: dict[str, Any], mode: str) -> Outcome:
    status = str(result.get("status") or "IE")
    if status == "OK" and result.get("outputTruncated"):
        status = "OLE"
    value = result.get("stdout") if mode == "stdio" else result.get("returnValue")
    return Outcome(
        status, value, float(result.get("executionTimeMs") or 0), _detail(status, result)
    )


def _detail(status: str, result: dict[str, Any]) -> str:
    if status == "OK":
        return ""
    parts = [status]
    if result.get("exceptionType"):
        parts.append(f"{result['exceptionType']} on line {result.get('exceptionLine')}")
    if result.get("error"):
        parts.append(str(result["error"]))
    stderr = str(result.get("stderr") or "").strip()
    if stderr:
        parts.append(stderr[-300:])
    return ": ".join(parts)


def _chunks(inputs: Sequence[Any]) -> list[list[int]]:
    chunks: list[list[int]] = [[]]
    size = 0
    for index, value in enumerate(inputs):
        cost = len(json.dumps(value))
        if chunks[-1] and size + cost > CHUNK_BYTES:
            chunks.append([])
            size = 0
        chunks[-1].append(index)
        size += cost
    return [chunk for chunk in chunks if chunk]
