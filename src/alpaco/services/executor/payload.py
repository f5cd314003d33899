"""The direct-invoke payload: the original single form and the batch form, validated and bounded.

Single: `{code_to_execute, input_data?, timeout_ms?, mode?, memory_limit_mb?, language?}`, bare or
as a JSON string in `body` (the grader wraps it, the generator does not). Batch: the same with
`inputs: [...]` instead of `input_data`. Both may name a `tenant` (whose submission it is: cores
are shared fairly between tenants) and a `deadline_ms` (the whole batch's wall budget). Anything
wrong is a `PayloadError` whose text names the field, so the caller gets a clear 400 rather than
an exception.
"""

from __future__ import annotations

import json
import marshal
import math
from dataclasses import dataclass
from typing import Any

from alpaco.services.executor.languages import canonical
from alpaco.services.executor.sandbox.limits import MIB, RunLimits

MAX_SOURCE_BYTES = 64 * 1024
MAX_INPUTS = 256
MAX_INPUT_BYTES = MIB
MAX_TOTAL_INPUT_BYTES = 16 * MIB
# The whole response, JSON-encoded, stays under Lambda's 6 MB synchronous response limit:
# per case a third each for stdout and the value (which JSON spacing can grow by half) and an
# eighth for stderr.
RESPONSE_BUDGET_BYTES = 5 * MIB
MAX_TENANT_CHARS = 128
DEFAULT_DEADLINE_MS = 25_000  # API Gateway gives a grading 29 s in all
DEADLINE_RANGE_MS = (1_000, 60_000)
DEFAULT_TIMEOUT_MS = 5000
TIMEOUT_RANGE_MS = (1, 30_000)
DEFAULT_MEMORY_MB = 256
MEMORY_RANGE_MB = (16, 2048)
MODES = ("function", "stdio")


class PayloadError(ValueError):
    """The payload is malformed; the message is safe to show to the caller."""


@dataclass(frozen=True, slots=True)
class Request:
    source: str
    inputs: tuple[bytes, ...]  # marshal-encoded arguments (function) or UTF-8 stdin (stdio)
    batch: bool
    function_mode: bool
    limits: RunLimits
    tenant: str = ""
    deadline_ms: int = DEFAULT_DEADLINE_MS


def parse(event: object) -> Request:
    body = _unwrap(event)
    source = body.get("code_to_execute")
    if not isinstance(source, str) or not source:
        raise PayloadError("code_to_execute is required and must be a non-empty string")
    if len(source.encode("utf-8", "surrogatepass")) > MAX_SOURCE_BYTES:
        raise PayloadError(f"code_to_execute is larger than {MAX_SOURCE_BYTES} bytes")
    mode = body.get("mode", "function")
    if mode not in MODES:
        raise PayloadError(f"mode must be one of {', '.join(MODES)}")
    language = body.get("language", "python")
    if not isinstance(language, str) or canonical(language) is None:
        raise PayloadError(f"language {language!r} is not supported (supported: python)")
    timeout_ms = _number(body, "timeout_ms", DEFAULT_TIMEOUT_MS, TIMEOUT_RANGE_MS)
    memory_mb = _number(body, "memory_limit_mb", DEFAULT_MEMORY_MB, MEMORY_RANGE_MB)
    deadline_ms = _number(body, "deadline_ms", DEFAULT_DEADLINE_MS, DEADLINE_RANGE_MS)
    tenant = body.get("tenant") or ""
    if not isinstance(tenant, str) or len(tenant) > MAX_TENANT_CHARS:
        raise PayloadError(f"tenant must be a string of at most {MAX_TENANT_CHARS} characters")
    function_mode = mode == "function"
    batch = "inputs" in body
    if batch:
        if body.get("input_data") is not None:
            raise PayloadError("give either input_data or inputs, not both")
        raw = body["inputs"]
        if not isinstance(raw, list):
            raise PayloadError("inputs must be a list")
        if len(raw) > MAX_INPUTS:
            raise PayloadError(f"inputs has more than {MAX_INPUTS} entries")
        inputs = tuple(_encode(value, f"inputs[{i}]", function_mode) for i, value in enumerate(raw))
    else:
        inputs = (_encode(body.get("input_data"), "input_data", function_mode),)
    if sum(map(len, inputs)) > MAX_TOTAL_INPUT_BYTES:
        raise PayloadError(f"the inputs together are larger than {MAX_TOTAL_INPUT_BYTES} bytes")
    limits = _limits(timeout_ms, memory_mb, len(inputs))
    return Request(source, inputs, batch, function_mode, limits, tenant, deadline_ms)


def _limits(timeout_ms: int, memory_mb: int, cases: int) -> RunLimits:
    """Output caps shrink for big batches so that the response stays bounded.

    A cap depends only on the number of cases, never on what other cases printed.
    """
    default = RunLimits(time_ms=timeout_ms, memory_mb=memory_mb)
    share = RESPONSE_BUDGET_BYTES // max(cases, 1)
    return RunLimits(
        time_ms=timeout_ms,
        memory_mb=memory_mb,
        stdout_bytes=min(default.stdout_bytes, share // 3),
        result_bytes=min(default.result_bytes, share // 3),
        stderr_bytes=min(default.stderr_bytes, share // 8),
    )


def _unwrap(event: object) -> dict[str, Any]:
    if isinstance(event, dict) and "body" in event and "code_to_execute" not in event:
        body = event["body"]
        if isinstance(body, (str, bytes)):
            try:
                body = json.loads(body)
            except ValueError as exc:
                raise PayloadError(f"body is not valid JSON ({exc})") from None
        event = body
    if not isinstance(event, dict):
        raise PayloadError("the payload must be a JSON object")
    return event


def _number(body: dict[str, Any], name: str, default: int, bounds: tuple[int, int]) -> int:
    value = body.get(name, default)
    if value is None:
        value = default
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        raise PayloadError(f"{name} must be a number")
    low, high = bounds
    if not low <= value <= high:
        raise PayloadError(f"{name} must be between {low} and {high}")
    return math.ceil(value)


def _encode(value: Any, name: str, function_mode: bool) -> bytes:
    if function_mode:
        try:
            data = marshal.dumps(value)
        except ValueError as exc:
            raise PayloadError(f"{name} cannot be passed to the solution ({exc})") from None
    elif value is None:
        data = b""
    elif isinstance(value, str):
        data = value.encode("utf-8", "replace")
    else:
        raise PayloadError(f"{name} must be a string (the stdin text) in stdio mode")
    if len(data) > MAX_INPUT_BYTES:
        raise PayloadError(f"{name} is larger than {MAX_INPUT_BYTES} bytes")
    return data
