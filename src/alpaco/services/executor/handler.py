"""Lambda entry point of the executor (direct invoke only; no HTTP route).

Single payload → one result dict with its fields at the top level; batch payload (`inputs`) →
`{"results": [...]}` in input order. Both carry `statusCode` 200; a bad payload is a 400 result
and a harness failure a 500 result, each with a clear `error`.
"""

from __future__ import annotations

import time
from collections import Counter
from typing import Any

from alpaco.kernel import log
from alpaco.services.executor import payload, results
from alpaco.services.executor.run_result import classify
from alpaco.services.executor.runner import get_executor
from alpaco.services.executor.session import Submission

logger = log.get_logger("executor")


def handler(event: Any, context: Any) -> dict[str, Any]:
    started = time.monotonic()
    try:
        request = payload.parse(event)
    except payload.PayloadError as exc:
        return results.failure(400, f"Parameter error: {exc}")
    try:
        rows = _run(request, deadline=started + request.deadline_ms / 1000)
    except Exception as exc:
        logger.exception("executor failed")
        return results.failure(500, f"Lambda Internal Error: {type(exc).__name__}")
    logger.info(
        "executed %d case(s) in %.1f ms: %s",
        len(rows),
        (time.monotonic() - started) * 1000,
        dict(Counter(row["status"] for row in rows)),
    )
    if request.batch:
        return {"statusCode": 200, "results": rows}
    return {"statusCode": 200} | rows[0]


def _run(request: payload.Request, *, deadline: float) -> list[dict[str, Any]]:
    limits = request.limits
    submission = Submission(
        request.source, request.inputs, request.function_mode, limits, request.tenant, deadline
    )
    lines = len(request.source.splitlines())
    outcome = get_executor().run(submission)
    if not outcome.compiled.ok:
        return [results.compile_error(outcome.compiled, limits, lines) for _ in request.inputs]
    return [
        results.from_run_result(
            classify(fact, limits, function_mode=request.function_mode, source_lines=lines),
            limits,
        )
        for fact in outcome.facts
    ]
