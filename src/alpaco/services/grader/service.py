"""The three things POST /grade does, each one visible script: load, run, judge, and for a
grading store.

Ports come in as parameters so tests can pass fakes; `handler.py` wires the real ones.
"""

from __future__ import annotations

import hashlib
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Final, Protocol

from alpaco.kernel import log
from alpaco.kernel.http import BadRequest, Conflict, InternalError, NotFound
from alpaco.kernel.invoke import Invoker
from alpaco.services.grader.bug_answer import bug_answer
from alpaco.services.grader.custom import custom_cases
from alpaco.services.grader.execution import ExecutorFailure, run_batch
from alpaco.services.grader.find_bug import Budget, hunt
from alpaco.services.grader.grading import Grading, failed_grading, grade
from alpaco.services.grader.oracle import Oracle
from alpaco.services.grader.problem import (
    InvalidProblem,
    Judging,
    ProblemLimits,
    read_judging,
    read_problem,
)
from alpaco.services.grader.programs import Programs, programs_of
from alpaco.services.grader.request import CustomRunRequest, FindBugRequest, GradeRequest
from alpaco.services.grader.submission import (
    Submitter,
    grade_response,
    submission_item,
    titles,
)
from alpaco.services.grader.verdicts import Verdict

RUN_CUSTOM_TESTS_RESULTS: Final = "RUN_CUSTOM_TESTS_RESULTS"
# A run without a problem is a playground: these limits are stated, never a silent stand-in.
PLAYGROUND_LIMITS: Final = ProblemLimits(
    mode="function", time_limit_seconds=2.0, memory_limit_mb=256
)
PLAYGROUND: Final = Judging(limits=PLAYGROUND_LIMITS, judge_type="equal", epsilon=None)
NO_PROGRAMS: Final = Programs(reference=None, validator=None, generator=None)

_logger = log.get_logger("grader")


class ProblemSource(Protocol):
    def get_problem(self, problem_id: str) -> dict[str, Any] | None: ...

    def submission_counted(self, problem_id: str, *, accepted: bool) -> dict[str, Any]: ...


class SubmissionSink(Protocol):
    def put_submission(self, item: dict[str, Any], *, counted: dict[str, Any] | None) -> bool: ...


@dataclass(frozen=True)
class Ports:
    invoker: Invoker
    problems: ProblemSource
    submissions: SubmissionSink
    clock: Callable[[], float] = time.time
    new_id: Callable[[], str] = field(default=lambda: str(uuid.uuid4()))


def grade_submission(request: GradeRequest, submitter: Submitter, ports: Ports) -> dict[str, Any]:
    """Grade against the problem's own settings and store the submission exactly once.

    An unknown problem is a 404 and stores nothing; a problem that cannot be graded as stored, or an
    executor failure, is an INTERNAL_ERROR submission with no case results. Such a submission says
    nothing about the problem, so it leaves the problem's submission/accepted counters alone.
    """
    item = _item(request.problem_id, ports.problems)
    submitted_at = int(ports.clock())
    grading = _grade(item, request.code, submitter.user_id, ports.invoker)
    stored = submission_item(
        submission_id=ports.new_id(),
        problem_id=request.problem_id,
        problem_titles=titles(item, request.problem_id),
        submitter=submitter,
        language=request.language,
        code=request.code,
        submitted_at=submitted_at,
        grading=grading,
    )
    # One write: the submission and its problem's counters are stored together or not at all.
    counted = None
    if grading.status is not Verdict.INTERNAL_ERROR:
        accepted = grading.status is Verdict.ACCEPTED
        counted = ports.problems.submission_counted(request.problem_id, accepted=accepted)
    if not ports.submissions.put_submission(stored, counted=counted) and counted is not None:
        _logger.warning("submission stored uncounted", extra={"problem_id": request.problem_id})
    _logger.info(
        "graded",
        extra={
            "submission_id": stored["submissionId"],
            "problem_id": request.problem_id,
            "user_id": submitter.user_id,
            "verdict": grading.status.value,
            "score": grading.score,
            "cases": grading.total,
            "error": grading.error_message if grading.status is Verdict.INTERNAL_ERROR else None,
        },
    )
    return grade_response(stored)


def run_custom_tests(request: CustomRunRequest, user_id: str, ports: Ports) -> dict[str, Any]:
    """Run the student's own inputs in the problem's mode and limits, each checked by its
    validator and judged against its reference (`custom.py`); nothing is stored."""
    item = None if request.problem_id is None else _item(request.problem_id, ports.problems)
    judging = PLAYGROUND if item is None else _judging(item)
    limits = judging.limits
    if limits.mode == "stdio" and not all(isinstance(case, str) for case in request.inputs):
        raise BadRequest("This problem reads stdin: every custom test case must be a string.")
    programs = NO_PROGRAMS if item is None else programs_of(item)
    oracle = Oracle(ports.invoker, user_id, judging, programs, request.code)
    return {
        "executionMode": RUN_CUSTOM_TESTS_RESULTS,
        "mode": limits.mode,
        "timeLimitSeconds": limits.time_limit_seconds,
        "memoryLimitMb": limits.memory_limit_mb,
        "results": custom_cases(oracle, request.inputs),
    }


def find_my_bug(request: FindBugRequest, user_id: str, ports: Ports) -> dict[str, Any]:
    """Search the problem's generated inputs for one the code fails (`find_bug.py`); nothing is
    stored. The same code on the same problem draws the same inputs, so an answer can be
    reproduced."""
    item = _item(request.problem_id, ports.problems)
    judging = _judging(item)
    programs = programs_of(item)
    if programs.reference is None or programs.generator is None:
        raise Conflict(
            "Find my bug needs the problem's reference solution and input generator; "
            "this problem lacks one."
        )
    oracle = Oracle(ports.invoker, user_id, judging, programs, request.code)
    budget = Budget()
    found = hunt(oracle, programs.generator, seed=_seed(request), budget=budget)
    seconds = budget.elapsed()
    _logger.info(
        "bug hunted",
        extra={
            "problem_id": request.problem_id,
            "user_id": user_id,
            "found": found.failure is not None,
            "tries": found.tries,
            "shrink_steps": found.shrink_steps,
            "seconds": round(seconds, 3),
        },
    )
    return bug_answer(request.problem_id, found, mode=judging.limits.mode, seconds=seconds)


def _grade(item: dict[str, Any], code: str, user_id: str, invoker: Invoker) -> Grading:
    try:
        problem = read_problem(item)
    except InvalidProblem as exc:
        return failed_grading(str(exc), total=0)
    inputs = [case.input for case in problem.cases]
    try:
        results = run_batch(invoker, code, inputs, problem.limits, tenant=user_id)
    except ExecutorFailure as exc:
        return failed_grading(str(exc), total=len(problem.cases))
    return grade(problem, results, code=code)


def _item(problem_id: str, problems: ProblemSource) -> dict[str, Any]:
    item = problems.get_problem(problem_id)
    if item is None:
        raise NotFound(f"Problem {problem_id!r} not found.")
    return item


def _judging(item: dict[str, Any]) -> Judging:
    try:
        return read_judging(item)
    except InvalidProblem as exc:
        raise InternalError(f"Problem {item.get('problemId')!r} cannot run code: {exc}") from exc


def _seed(request: FindBugRequest) -> int:
    digest = hashlib.sha256(f"{request.problem_id}\0{request.code}".encode()).digest()
    return int.from_bytes(digest[:8], "big")
