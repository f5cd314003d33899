"""The reference as an oracle: inputs that are no stored test, run by the student's code and the
reference, judged by the problem's judge, and checked by the problem's validator.

Each program runs as one batched executor call, in the problem's mode and limits (the validator
in function mode, as a harness); calls that do not depend on each other run side by side, so a
round costs its slowest call, not their sum. The student's code and the reference run in separate
sandboxes: the student's code never shares a process with the reference.

An executor that cannot be reached gives each input of that call an `IE` result (the original's
`runCodeOutput` for it), so a caller decides what an outage means for its own answer.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any, Final, TypeVar

from alpaco.kernel.invoke import Invoker
from alpaco.services.grader.execution import ExecutorFailure, invocation_failure, run_batch
from alpaco.services.grader.problem import Judging, ProblemLimits
from alpaco.services.grader.programs import Programs, validity
from alpaco.services.grader.verdicts import Verdict, case_verdict, output_of

# A validator checks one input in milliseconds; this bounds a careless one.
VALIDATOR_LIMITS: Final = ProblemLimits(
    mode="function", time_limit_seconds=2.0, memory_limit_mb=256
)

First = TypeVar("First")
Second = TypeVar("Second")
Check = tuple[bool | None, str | None]
Results = list[dict[str, Any]]


@dataclass(frozen=True)
class Trial:
    """One input and what became of it.

    `valid` is None when no validator checked it. `expected` is the reference's output, usable
    only when `reference_status` is "OK"; `verdict` is None when there is nothing to judge
    against (no reference, the reference did not finish, or the input is invalid)."""

    input: Any
    valid: bool | None
    reason: str | None
    student: Mapping[str, Any] | None
    reference_status: str | None
    expected: Any
    verdict: Verdict | None

    @property
    def compared(self) -> bool:
        """A valid input on which both programs ran to a verdict; an executor failure (IE) is
        the platform's, never the student's."""
        return (
            self.valid is not False
            and self.verdict is not None
            and self.verdict is not Verdict.INTERNAL_ERROR
        )

    @property
    def fails(self) -> bool:
        """The student's code provably disagrees with the reference on an input that may be asked."""
        return self.compared and self.verdict is not Verdict.ACCEPTED


@dataclass(frozen=True)
class Oracle:
    invoker: Invoker
    tenant: str
    judging: Judging
    programs: Programs
    code: str

    def check(self, inputs: Sequence[Any], *, deadline_ms: int) -> list[Check]:
        """(valid, broken constraint) per input; (None, None) each when there is no validator."""
        if self.programs.validator is None:
            return [(None, None)] * len(inputs)
        results = self.run_program(self.programs.validator, inputs, VALIDATOR_LIMITS, deadline_ms)
        return [validity(result) for result in results]

    def run(self, inputs: Sequence[Any], *, deadline_ms: int) -> tuple[Results, Results | None]:
        """The student's results and the reference's (None without a reference), side by side."""
        limits = self.judging.limits
        reference = self.programs.reference
        return side_by_side(
            lambda: self.run_program(self.code, inputs, limits, deadline_ms),
            lambda: (
                None
                if reference is None
                else self.run_program(reference, inputs, limits, deadline_ms)
            ),
        )

    def trials(self, inputs: Sequence[Any], *, deadline_ms: int) -> list[Trial]:
        """Validator, student and reference on every input at once; whatever an invalid input
        made the programs do is discarded."""
        checks, (student, reference) = side_by_side(
            lambda: self.check(inputs, deadline_ms=deadline_ms),
            lambda: self.run(inputs, deadline_ms=deadline_ms),
        )
        references = reference if reference is not None else [None] * len(inputs)
        return [self.judge(*case) for case in zip(inputs, checks, student, references, strict=True)]

    def judge(
        self,
        value: Any,
        check: Check,
        student: Mapping[str, Any] | None,
        reference: Mapping[str, Any] | None,
    ) -> Trial:
        valid, reason = check
        if valid is False:
            return Trial(value, False, reason, None, None, None, None)
        if reference is None:
            return Trial(value, valid, None, student, None, None, None)
        mode = self.judging.limits.mode
        status = str(reference.get("status") or "IE")
        if status == "OK" and reference.get("outputTruncated"):
            status = "OLE"
        expected = output_of(reference, mode) if status == "OK" else None
        verdict = None
        if status == "OK" and student is not None:
            verdict = case_verdict(
                student,
                expected,
                mode=mode,
                judge_type=self.judging.judge_type,
                epsilon=self.judging.epsilon,
            )
        return Trial(value, valid, None, student, status, expected, verdict)

    def run_program(
        self, code: str, inputs: Sequence[Any], limits: ProblemLimits, deadline_ms: int
    ) -> Results:
        """One program on `inputs` as one batched call; an unreachable executor gives IE results."""
        if not inputs:
            return []
        try:
            return run_batch(
                self.invoker, code, inputs, limits, tenant=self.tenant, deadline_ms=deadline_ms
            )
        except ExecutorFailure as exc:
            return [invocation_failure(str(exc)) for _ in inputs]


def side_by_side(first: Callable[[], First], second: Callable[[], Second]) -> tuple[First, Second]:
    """Both calls at once: each waits on the executor, not on this process."""
    with ThreadPoolExecutor(2, thread_name_prefix="oracle") as pool:
        one, two = pool.submit(first), pool.submit(second)
        return one.result(), two.result()
