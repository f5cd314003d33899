"""One structured log line per model call: what it cost and how long it took, never what it said.

The line carries the step, provider, model, latency, attempt and token usage, so a day's spend
and a slow step can be read from the logs. The prompt, the answer and the key never enter it.
Token counts go under `usage` because the log's redaction hides every field whose name holds
"token".
"""

from __future__ import annotations

import time

from alpaco.kernel import log
from alpaco.kernel.llm.port import LlmRequest, Usage

_logger = log.get_logger("llm")


def log_call(
    request: LlmRequest,
    *,
    provider: str,
    model: str,
    started: float,
    attempt: int = 1,
    usage: Usage | None = None,
    error: str | None = None,
) -> None:
    """`started` is the `time.monotonic()` of the first attempt; `error` is already safe to show."""
    spent = usage or Usage()
    fields = {
        "step": request.step,
        "provider": provider,
        "model": model,
        "latency_ms": round((time.monotonic() - started) * 1000),
        "attempt": attempt,
        "usage": {"input": spent.input_tokens, "output": spent.output_tokens},
        "outcome": "error" if error else "ok",
    }
    if error:
        _logger.warning("llm call failed", extra={**fields, "error": error})
    else:
        _logger.info("llm call", extra=fields)
