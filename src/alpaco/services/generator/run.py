"""One generation's runtime: asking the model step by step, and running steps side by side.

`ask` is the retry loop every step shares: build the prompt (with what was wrong last time), call
the model, parse, gate, record the attempt's status, and try again up to `MAX_ATTEMPTS` times.
`parallel` runs independent steps in the generation's small thread pool; when one fails, the others
stop at their next check instead of spending more model calls on a generation already lost.
"""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import FIRST_EXCEPTION, Future, ThreadPoolExecutor, wait
from typing import Any, Final, TypeVar

from pydantic import BaseModel

from alpaco.kernel.llm.port import LlmError, LlmProvider, LlmRequest
from alpaco.services.generator.errors import Cancelled, StepFailed
from alpaco.services.generator.progress import Reporter
from alpaco.services.generator.record import Record
from alpaco.services.generator.steps import base
from alpaco.services.generator.steps.base import Rejected, Step

MAX_ATTEMPTS: Final = 3
POOL_SIZE: Final = 6  # the widest layer: tests, solution, brute, validator, generator, constraints

A = TypeVar("A", bound=BaseModel)


class _Stopped(Exception):
    """A sibling in a parallel layer failed; this step stops without another model call."""


class Run:
    def __init__(
        self,
        *,
        llm: LlmProvider,
        record: Record,
        reporter: Reporter,
        cancelled: Callable[[], bool],
        context: Mapping[str, Any],
        pool: ThreadPoolExecutor,
    ) -> None:
        self.llm = llm
        self.record = record
        self.reporter = reporter
        self.context = dict(context)
        self.calls: Counter[str] = Counter()
        self._cancelled = cancelled
        self._pool = pool
        self._stop = threading.Event()
        self._lock = threading.Lock()
        self._attempts: Counter[str] = Counter()

    def check(self) -> None:
        if self._cancelled():
            raise Cancelled("the generation was cancelled")
        if self._stop.is_set():
            raise _Stopped

    def ask(
        self,
        step: Step[A],
        inputs: Mapping[str, Any],
        *,
        feedback: Sequence[str] = (),
        previous: str | None = None,
    ) -> A:
        """The step's accepted answer; raises StepFailed after MAX_ATTEMPTS rejected ones.

        `feedback` and `previous` start the loop from an answer found wrong later (by execution
        or review)."""
        problems, last_text = list(feedback), previous
        facts = {**self.context, **inputs}
        for tries in range(1, MAX_ATTEMPTS + 1):
            self.check()
            attempt = self.attempt(step.name)
            suffix = f" (attempt {tries}/{MAX_ATTEMPTS})" if problems else ""
            self.reporter.say(step.name, f"{step.doing}...{suffix}")
            request = base.request(
                step, inputs, context=self.context, feedback=problems, previous=last_text
            )
            try:
                last_text = self._complete(step.name, request)
                answer, mended = base.accept(step, last_text, facts)
            except Rejected as exc:
                problems = exc.problems
                self.record.step_failed(f"{step.status}_failed_attempt_{attempt}", str(exc))
                self.reporter.say(step.name, f"⚠️ {step.doing} failed: {str(exc)[:150]}")
                continue
            self.record.status(f"{step.status}_complete_attempt_{attempt}", step.keep(answer))
            note = f" ({mended})" if mended else ""
            self.reporter.finished(step.name, f"✅ {step.doing}: done{note}.")
            return answer
        raise StepFailed(step.name, MAX_ATTEMPTS, problems)

    def parallel(self, *thunks: Callable[[], Any]) -> list[Any]:
        """Each thunk's result in order; the first failure (in order) is raised once all stop."""
        futures: list[Future[Any]] = [self._pool.submit(thunk) for thunk in thunks]
        wait(futures, return_when=FIRST_EXCEPTION)
        if any(f.done() and f.exception() for f in futures):
            self._stop.set()
        wait(futures)
        self._stop.clear()
        errors = [exc for f in futures if (exc := f.exception()) is not None]
        if errors:
            raise next((e for e in errors if not isinstance(e, _Stopped)), errors[0])
        return [f.result() for f in futures]

    def _complete(self, step: str, request: LlmRequest) -> str:
        """The model's raw answer; the provider logs the call (kernel.llm telemetry)."""
        with self._lock:
            self.calls[step] += 1
        try:
            return self.llm.complete(request).text
        except LlmError as exc:
            raise Rejected([f"the model could not answer ({exc})"]) from exc

    def attempt(self, step: str) -> int:
        """The step's next attempt number in this generation, from 0 (for its status)."""
        with self._lock:
            attempt = self._attempts[step]
            self._attempts[step] += 1
            return attempt
