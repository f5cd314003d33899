"""Payload parsing: the original single form, the batch form, and every refusal is a clear message."""

from __future__ import annotations

import json
import marshal

import pytest

from alpaco.services.executor.payload import (
    DEFAULT_DEADLINE_MS,
    MAX_INPUT_BYTES,
    MAX_INPUTS,
    MAX_SOURCE_BYTES,
    RESPONSE_BUDGET_BYTES,
    PayloadError,
    parse,
)

CODE = "def solution(x):\n    return x\n"


def decoded(data: bytes) -> object:
    return marshal.loads(data)  # noqa: S302 - bytes we produced ourselves


def test_bare_single_payload_uses_the_original_defaults() -> None:
    request = parse({"code_to_execute": CODE, "input_data": [1, 2]})

    assert request.batch is False
    assert request.function_mode is True
    assert request.limits.time_ms == 5000
    assert request.limits.memory_mb == 256
    assert [decoded(data) for data in request.inputs] == [[1, 2]]


def test_body_wrapped_payload_is_unwrapped_like_the_graders_invoke() -> None:
    event = {"body": json.dumps({"code_to_execute": CODE, "input_data": 3, "timeout_ms": 1500})}

    request = parse(event)

    assert request.limits.time_ms == 1500
    assert decoded(request.inputs[0]) == 3


def test_body_may_already_be_an_object() -> None:
    assert parse({"body": {"code_to_execute": CODE}}).inputs == (marshal.dumps(None),)


def test_batch_keeps_input_order_and_mode() -> None:
    request = parse(
        {
            "code_to_execute": CODE,
            "inputs": ["1 2\n", "3 4\n"],
            "mode": "stdio",
            "timeout_ms": 2000,
            "memory_limit_mb": 128,
            "language": "python",
        }
    )

    assert request.batch is True
    assert request.function_mode is False
    assert request.inputs == (b"1 2\n", b"3 4\n")
    assert request.limits.memory_mb == 128


def test_stdio_single_null_input_is_empty_stdin() -> None:
    assert parse({"code_to_execute": CODE, "mode": "stdio"}).inputs == (b"",)


def test_versioned_python_labels_are_accepted() -> None:
    assert parse({"code_to_execute": CODE, "language": "python3.12"}).function_mode


def test_empty_batch_is_allowed() -> None:
    assert parse({"code_to_execute": CODE, "inputs": []}).inputs == ()


@pytest.mark.parametrize(
    ("event", "message"),
    [
        ("not an object", "must be a JSON object"),
        ({"body": "{not json"}, "body is not valid JSON"),
        ({"body": "[1, 2]"}, "must be a JSON object"),
        ({}, "code_to_execute is required"),
        ({"code_to_execute": ""}, "code_to_execute is required"),
        ({"code_to_execute": 42}, "code_to_execute is required"),
        ({"code_to_execute": "x" * (MAX_SOURCE_BYTES + 1)}, "larger than"),
        ({"code_to_execute": CODE, "mode": "repl"}, "mode must be one of"),
        ({"code_to_execute": CODE, "language": "cobol"}, "is not supported"),
        ({"code_to_execute": CODE, "timeout_ms": "fast"}, "timeout_ms must be a number"),
        ({"code_to_execute": CODE, "timeout_ms": True}, "timeout_ms must be a number"),
        ({"code_to_execute": CODE, "timeout_ms": 0}, "timeout_ms must be between"),
        ({"code_to_execute": CODE, "timeout_ms": 10**9}, "timeout_ms must be between"),
        ({"code_to_execute": CODE, "memory_limit_mb": 1}, "memory_limit_mb must be between"),
        ({"code_to_execute": CODE, "inputs": "1,2"}, "inputs must be a list"),
        ({"code_to_execute": CODE, "inputs": [0] * (MAX_INPUTS + 1)}, "more than"),
        ({"code_to_execute": CODE, "inputs": [1], "input_data": 2}, "not both"),
        ({"code_to_execute": CODE, "inputs": [1], "mode": "stdio"}, "must be a string"),
        ({"code_to_execute": CODE, "input_data": "x" * (MAX_INPUT_BYTES + 1)}, "larger than"),
    ],
)
def test_bad_payloads_are_refused_with_a_message_naming_the_problem(
    event: object, message: str
) -> None:
    with pytest.raises(PayloadError, match=message):
        parse(event)


def test_output_caps_share_the_response_budget_between_cases() -> None:
    one = parse({"code_to_execute": CODE, "inputs": [1]}).limits
    ten = parse({"code_to_execute": CODE, "inputs": [1] * 10}).limits
    most = parse({"code_to_execute": CODE, "inputs": [1] * MAX_INPUTS}).limits

    assert (one.stdout_bytes, one.result_bytes, one.stderr_bytes) == (
        1 << 20, (1 << 20) - (8 << 10), 64 << 10)  # fmt: skip
    assert ten.stdout_bytes == ten.result_bytes == RESPONSE_BUDGET_BYTES // 10 // 3
    for limits, cases in ((one, 1), (ten, 10), (most, MAX_INPUTS)):
        # stdout and stderr are capped as encoded; JSON spacing can grow the value by half
        per_case = limits.stdout_bytes + 1.5 * limits.result_bytes + limits.stderr_bytes
        assert per_case * cases <= RESPONSE_BUDGET_BYTES + 1


@pytest.mark.parametrize(
    ("field", "value"),
    [("tenant", 7), ("tenant", "x" * 129), ("deadline_ms", 10), ("deadline_ms", "soon")],
)
def test_tenant_and_deadline_are_checked(field: str, value: object) -> None:
    with pytest.raises(PayloadError, match=field):
        parse({"code_to_execute": CODE, "input_data": 1, field: value})


def test_tenant_and_deadline_have_defaults() -> None:
    request = parse({"code_to_execute": CODE, "input_data": 1})

    assert (request.tenant, request.deadline_ms) == ("", DEFAULT_DEADLINE_MS)


def test_inputs_that_cannot_cross_into_the_sandbox_are_refused() -> None:
    nested: list[object] = []
    for _ in range(5000):
        nested = [nested]

    with pytest.raises(PayloadError, match=r"inputs\[0\] cannot be passed"):
        parse({"code_to_execute": CODE, "inputs": [nested]})
