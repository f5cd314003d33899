"""The problem generator: a student's request in, a checked problem stored and returned.

    intent ─┬─ tests ───────┐
            ├─ solution ────┤            ┌─ validation ─┐
            ├─ brute ───────┼─ execution ┤              ├─ title? ─ translation ─ store
            ├─ validator ───┤ (+repairs) └─ description ┘
            ├─ generator ───┤
            └─ constraints ─┘

Each box is a model call (`steps/`) with its own schema, gate and retries, except execution,
which runs the drafts against each other in the executor (`examine.py`) and has the faulty ones
redone; boxes stacked in one column run side by side. Expected outputs come only from running the
reference, once, in batches; the time limit from its measured time. A failing review sends its
named drafts back through execution, once. On the happy path that is ten model calls, the
original's count, in four rounds of latency instead of ten.

`generate` runs synchronously (the streaming handler calls it in a worker thread), checks
`cancelled()` before every model call, and stores the item as it goes: the original's
`generationStatus` progression, then `completed` or `error` with a message safe to show.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from functools import partial
from typing import Any, Final

from alpaco.kernel import log
from alpaco.kernel.dynamo import MAX_ITEM_BYTES, item_bytes
from alpaco.kernel.invoke import Invoker
from alpaco.kernel.llm.port import LlmProvider
from alpaco.services.generator import presentation
from alpaco.services.generator.drafts import Drafts, Faults, draft, revise, spec
from alpaco.services.generator.errors import Cancelled, GenerationFailed
from alpaco.services.generator.examine import examine
from alpaco.services.generator.execution import Executor
from alpaco.services.generator.progress import Progress, Reporter
from alpaco.services.generator.record import Record
from alpaco.services.generator.result import (
    LANGUAGE,
    Product,
    final_fields,
    initial_item,
    payload,
    utc_now,
)
from alpaco.services.generator.run import POOL_SIZE, Run
from alpaco.services.generator.steps.base import as_json
from alpaco.services.generator.steps.intent import INTENT
from alpaco.services.generator.steps.statement import DESCRIPTION, DescriptionAnswer
from alpaco.services.generator.steps.validation import VALIDATION, ValidationAnswer
from alpaco.services.generator.suite import Suite, build_suite
from alpaco.services.generator.verification import Evidence

__all__ = ["Cancelled", "GenerationFailed", "GenerationRequest", "Progress", "generate"]

REPAIR_ROUNDS: Final = 3
REVIEW_ROUNDS: Final = 2
REVIEWED_CASES: Final = 10

logger = log.get_logger("generator")


@dataclass(frozen=True)
class GenerationRequest:
    prompt: str
    difficulty: str  # canonical Easy|Medium|Hard
    mode: str  # "function" | "stdio"
    creator_id: str
    author: str


def generate(
    request: GenerationRequest,
    *,
    llm: LlmProvider,
    invoker: Invoker,
    on_progress: Callable[[Progress], None],
    cancelled: Callable[[], bool],
) -> dict[str, Any]:
    """Returns the original's ProblemResult payload (contracts §3.6) for the SSE `result` event;
    raises GenerationFailed (message safe to show; the stored item has it) or Cancelled."""
    if not request.creator_id:
        raise GenerationFailed("A generation needs a signed-in creator.")
    item = _initial_item(request)
    record = Record(item["problemId"])
    record.start(item)
    with ThreadPoolExecutor(POOL_SIZE, thread_name_prefix="generation") as pool:
        run = Run(
            llm=llm,
            record=record,
            reporter=Reporter(on_progress),
            cancelled=cancelled,
            context=_context(request, item["problemId"]),
            pool=pool,
        )
        executor = Executor(invoker, tenant=request.creator_id)
        try:
            fields = _store(run, item, _produce(run, executor, item["problemId"]))
        except BaseException as exc:
            _keep_failure(record, exc)
            raise
    logger.info(
        "problem generated",
        extra={"problem_id": item["problemId"], "model_calls": sum(run.calls.values())},
    )
    return payload(item, fields)


def _initial_item(request: GenerationRequest) -> dict[str, Any]:
    return {
        "problemId": str(uuid.uuid4()),
        **initial_item(
            prompt=request.prompt,
            difficulty=request.difficulty,
            mode=request.mode,
            creator_id=request.creator_id,
            author=request.author,
            created_at=utc_now(),
        ),
    }


def _context(request: GenerationRequest, problem_id: str) -> dict[str, Any]:
    """What every model request carries as values; the seed keeps a generation's offline
    answers on one bank problem and its generated inputs reproducible."""
    return {
        "user_prompt": request.prompt,
        "difficulty": request.difficulty,
        "mode": request.mode,
        "language": LANGUAGE,
        "seed": problem_id,
    }


def _produce(run: Run, executor: Executor, problem_id: str) -> Product:
    intent = run.ask(INTENT, {"request": run.context["user_prompt"]})
    drafts, suite, code, review, statement = _reviewed(
        run, executor, draft(run, intent), problem_id
    )
    title = presentation.title(run, drafts, statement)
    translated = presentation.translation(run, title, statement.description)
    return Product(drafts, suite, code, review, title, statement.description, translated)


def _reviewed(
    run: Run, executor: Executor, drafts: Drafts, problem_id: str
) -> tuple[Drafts, Suite, str, ValidationAnswer, DescriptionAnswer]:
    """Verified drafts, their suite and start code, a passing review and the description (written
    while the review runs, and again if the review sends drafts back)."""
    rounds = 1
    while True:
        drafts, suite = _verified(run, executor, drafts, problem_id)
        code = presentation.start_code(run, drafts)
        review, statement = run.parallel(
            partial(_review, run, drafts, suite, code), partial(_describe, run, drafts, suite)
        )
        if review.status == "Pass":
            return drafts, suite, code, review, statement
        if rounds == REVIEW_ROUNDS:
            raise GenerationFailed(f"The review rejected the problem: {review.details[:400]}")
        rounds += 1
        redo = review.regenerate or ["solution"]
        drafts = revise(run, drafts, Faults({name: [review.details] for name in redo}))


def _verified(
    run: Run, executor: Executor, drafts: Drafts, problem_id: str
) -> tuple[Drafts, Suite]:
    repairs = 0
    while True:
        run.check()
        attempt = run.attempt("execution")
        run.record.status(f"step4_attempt_{attempt}")
        run.reporter.say("execution", "Executing the programs against each other...")
        found = examine(run, executor, drafts, problem_id)
        if isinstance(found, Evidence):
            return drafts, _finalised(run, found)
        run.record.step_failed(f"step4_failed_attempt_{attempt}", found.summary())
        run.reporter.say("execution", f"⚠️ Execution found problems: {found.summary()[:150]}")
        if repairs == REPAIR_ROUNDS:
            raise GenerationFailed(
                f"The generated programs were still wrong after {REPAIR_ROUNDS} repairs: "
                f"{found.summary()[:400]}"
            )
        repairs += 1
        run.record.status(f"step4_regenerate_attempt_{attempt}")
        drafts = revise(run, drafts, found)


def _finalised(run: Run, evidence: Evidence) -> Suite:
    suite = build_suite(evidence)
    run.reporter.finished(
        "execution",
        f"✅ {len(evidence.checked)} inputs checked, {evidence.cross_checked} against the brute force.",
    )
    run.reporter.finished(
        "calibration",
        f"✅ Time limit {suite.time_limit:g} s (the reference took at most "
        f"{evidence.slowest_ms:.0f} ms).",
    )
    run.record.status(
        f"step5_complete_attempt_{run.attempt('finalisation')}",
        {
            "finalTestCases": as_json(suite.cases),
            "testCaseStats": as_json(suite.stats),
            "executionResults": as_json(
                {"success": True, "testResultsCount": len(evidence.checked), "errorsCount": 0}
            ),
        },
    )
    run.reporter.finished("finalisation", f"✅ Test cases finalized: {len(suite.cases)} cases.")
    return suite


def _review(run: Run, drafts: Drafts, suite: Suite, code: str) -> ValidationAnswer:
    limits = drafts.constraints.model_copy(update={"time_limit_seconds": suite.time_limit})
    return run.ask(
        VALIDATION,
        {
            "intent": spec(drafts.intent),
            "solution_code": drafts.solution.code,
            "start_code": code,
            "test_cases": suite.cases[:REVIEWED_CASES],
            "constraints": limits.model_dump(exclude_none=True),
        },
    )


def _describe(run: Run, drafts: Drafts, suite: Suite) -> DescriptionAnswer:
    limits = drafts.constraints.model_copy(update={"time_limit_seconds": suite.time_limit})
    return run.ask(
        DESCRIPTION,
        {
            "intent": spec(drafts.intent),
            "constraints": limits.model_dump(exclude_none=True),
            "samples": suite.samples,
        },
    )


def _store(run: Run, item: dict[str, Any], product: Product) -> dict[str, Any]:
    run.check()
    run.reporter.say("store", "Finalizing and saving...")
    fields = final_fields(product, completed_at=utc_now())
    size = item_bytes({**item, **fields})
    if size > MAX_ITEM_BYTES:
        raise GenerationFailed(f"The problem is too large to store ({size} bytes).")
    run.record.complete(fields)
    run.reporter.finished("store", "✅ Problem saved.")
    return fields


def _keep_failure(record: Record, exc: BaseException) -> None:
    """The stored item keeps why it failed; a store that is down too is only logged."""
    if isinstance(exc, GenerationFailed):
        message = str(exc)
    elif isinstance(exc, Cancelled):
        message = "The generation was cancelled before it finished."
    else:
        message = "The generation failed unexpectedly."
    try:
        record.fail(message)
    except Exception:
        logger.exception(
            "could not store a failed generation", extra={"problem_id": record.problem_id}
        )
