"""Lambda entry point of the executor (direct invoke only; no HTTP route).

Single payload → one result dict with its fields at the top level; batch payload (`inputs`) →
`{"results": [...]}` in input order. Both carry `statusCode` 200; a bad payload is a 400 result
and a harness failure a 500 result, each with a clear `error`.
"""

from __future__ import annotations

import logging
import time
from collections import Counter
from typing import Any

from alpaco.services.executor import payload, results
from alpaco.services.executor.run_result import classify
from alpaco.services.executor.runner import get_executor
from alpaco.services.executor.session import Submission

logger = logging.getLogger("alpaco.services.executor")


def handler(event: Any, context: Any) -> dict[str, Any]:
    started = time.perf_counter()
    try:
        request = payload.parse(event)
    except payload.PayloadError as exc:
        return results.failure(400, f"Parameter error: {exc}")
    try:
        rows = _run(request)
    except Exception as exc:
        logger.exception("executor failed")
        return results.failure(500, f"Lambda Internal Error: {type(exc).__name__}: {exc}")
    logger.info(
        "executed %d case(s) in %.1f ms: %s",
        len(rows),
        (time.perf_counter() - started) * 1000,
        dict(Counter(row["status"] for row in rows)),
    )
    if request.batch:
        return {"statusCode": 200, "results": rows}
    return {"statusCode": 200} | rows[0]


def _run(request: payload.Request) -> list[dict[str, Any]]:
    submission = Submission(request.source, request.inputs, request.function_mode, request.limits)
    outcome = get_executor().run(submission)
    if not outcome.compiled.ok:
        return [results.compile_error(outcome.compiled) for _ in request.inputs]
    return [
        results.from_run_result(classify(fact, request.limits, function_mode=request.function_mode))
        for fact in outcome.facts
    ]
