"""Hostile solutions try every channel out of a hidden case; no marker of hidden data may come back.

Each hidden input carries a marker, and each hidden expected output another. Whatever the code
does with its input (names an exception class after it, raises it, exits with it, prints it,
forges the sandbox's result frame, returns it), neither the HTTP response nor the submission item
stored in DynamoDB may hold a marker, its hex or its base64 at any alignment.
"""

from __future__ import annotations

import base64
import json
import textwrap
from collections.abc import Callable
from typing import Any

import pytest

from alpaco.services.grader.hidden import SHOWN_EXCEPTION_TYPES

pytestmark = pytest.mark.integration

Headers = Callable[..., dict[str, str]]
PutProblem = Callable[..., str]
Stored = Callable[[str], dict[str, Any] | None]
Submit = Callable[..., dict[str, Any]]

PREFIX = "HIDDEN-7f3a"
FUNCTION_CASES = [
    {"input": {"tag": "sample-1"}, "expected_output": 0, "isSample": True},
    *(
        {"input": {"tag": f"{PREFIX}-{n}"}, "expected_output": f"EXPECTED-7f3a-{n}"}
        for n in (2, 3, 4)
    ),
]
STDIO_CASES = [
    {"input": "sample-1\n", "expected_output": "0\n", "isSample": True},
    *({"input": f"{PREFIX}-s{n}\n", "expected_output": f"EXPECTED-7f3a-s{n}\n"} for n in (2, 3)),
]
# Every hidden input and expected output holds one of these: finding none finds no marker.
MARKERS = (PREFIX, "EXPECTED-7f3a")

# Bodies run with the input in `d`: inside solution(d) for a function problem, at the top level
# after d = sys.stdin.read() for a stdio one.
BATTERY = {
    "class named after the input": "raise type(repr(d), (Exception,), {})()",
    "class named after the input in base64": (
        "raise type(base64.b64encode(repr(d).encode()).decode(), (Exception,), {})()"
    ),
    "class named after the input in hex": "raise type(repr(d).encode().hex(), (Exception,), {})()",
    "class renamed after the input": (
        "class E(Exception):\n    pass\nE.__name__ = E.__qualname__ = repr(d)\nraise E()"
    ),
    "30,000-character class name": "raise type(repr(d) + 'X' * 30_000, (Exception,), {})()",
    "exception whose message is the input": "raise ValueError(repr(d))",
    "exit with the input": "sys.exit(str(d))",
    "input on stdout and stderr": (
        "print(d)\nprint(repr(d), file=sys.stderr)\n"
        "print(base64.b64encode(repr(d).encode()).decode(), file=sys.stderr)"
    ),
    "stdout flood of the input": "print(repr(d) * 200_000)",
    "forged result frame": (
        'frame = \'{"e":{"type":\' + json.dumps(repr(d)) + \',"line":99999}}\'\n'
        "os.write(3, frame.encode())\nos._exit(1)"
    ),
    "forged frame with a line of the code": (
        'frame = \'{"e":{"type":\' + json.dumps(repr(d)) + \',"line":1}}\'\n'
        "os.write(3, frame.encode())\nos._exit(1)"
    ),
    "syntax error": "raise type(repr(d), (Exception,), {})(",
}
FUNCTION_ONLY = {
    "the input as the return value": "return d",
    "the input as text": "return repr(d) + base64.b64encode(repr(d).encode()).decode()",
}
PRELUDE = "import base64, json, os, sys\n"


def function_code(body: str) -> str:
    return PRELUDE + "def solution(d):\n" + textwrap.indent(body, "    ") + "\n"


def stdio_code(body: str) -> str:
    return PRELUDE + "d = sys.stdin.read()\n" + body + "\n"


HOSTILE = [
    *(("function", name, function_code(body)) for name, body in (BATTERY | FUNCTION_ONLY).items()),
    *(("stdio", name, stdio_code(body)) for name, body in BATTERY.items()),
]


def encodings(marker: str) -> set[str]:
    """The marker as text, hex and base64, whatever bytes stood before it when it was encoded."""
    raw = marker.encode()
    forms = {marker, raw.hex(), raw.hex().upper()}
    for shift in range(3):
        encoded = base64.b64encode(b"\0" * shift + raw).decode()
        # Only the 4-character groups made of the marker's bytes alone are fixed.
        forms.add(encoded[4 if shift else 0 : 4 * ((shift + len(raw)) // 3)])
    return forms


FORBIDDEN = sorted(set().union(*(encodings(marker) for marker in MARKERS)))


@pytest.fixture(scope="module")
def problems(put_problem: PutProblem) -> dict[str, str]:
    """A function and a stdio problem, by mode."""
    return {
        "function": put_problem(FUNCTION_CASES, timeLimitSeconds=2),
        "stdio": put_problem(STDIO_CASES, mode="stdio", judgeType="tokens", timeLimitSeconds=2),
    }


def assert_nothing_hidden_shows(body: dict[str, Any], item: dict[str, Any] | None) -> None:
    assert item is not None, "the submission was not stored"
    assert item["results"] == body["results"]
    for where, text in (("response", json.dumps(body)), ("stored item", json.dumps(item))):
        leaked = [form for form in FORBIDDEN if form in text]
        assert not leaked, f"hidden data in the {where}: {leaked}"
    lines = len(item["userCode"].splitlines())
    for case in body["results"]:
        if not case["isSample"]:
            assert case.get("exceptionType") in (None, *SHOWN_EXCEPTION_TYPES), case
            assert case.get("exceptionLine") in (None, *range(1, lines + 1)), case


def grade_hostile(
    submit: Submit, stored: Stored, headers: dict[str, str], problem_id: str, code: str
) -> dict[str, Any]:
    assert not any(form in code for form in FORBIDDEN)
    body = submit(headers, problem_id, code)
    assert body["status"] != "INTERNAL_ERROR", body["errorMessage"]
    assert_nothing_hidden_shows(body, stored(body["submissionId"]))
    return body


@pytest.mark.parametrize(
    "hostile", [(mode, code) for mode, _, code in HOSTILE], ids=[f"{m}: {n}" for m, n, _ in HOSTILE]
)
def test_hidden_inputs_never_come_back(
    auth_headers: Headers,
    problems: dict[str, str],
    stored: Stored,
    submit: Submit,
    hostile: tuple[str, str],
) -> None:
    mode, code = hostile
    headers = auth_headers(f"grader-leaks-{mode}")
    graded = grade_hostile(submit, stored, headers, problems[mode], code)
    assert graded["passedCaseCount"] < graded["totalCaseCount"]


def test_a_30000_character_class_name_is_stored_and_shown_clipped(
    auth_headers: Headers, problems: dict[str, str], stored: Stored, submit: Submit
) -> None:
    code = function_code("raise type('X' * 30_000, (Exception,), {})()")
    headers = auth_headers("grader-long-name")
    body = grade_hostile(submit, stored, headers, problems["function"], code)
    sample, *hidden = body["results"]
    assert sample["exceptionType"] in ("X" * 97 + "...", "UserException")
    assert {case["exceptionType"] for case in hidden} == {"UserException"}
    assert body["errorMessage"].startswith("Failed at test case 1: RUNTIME_ERROR")


def test_the_encodings_cover_every_alignment() -> None:
    text = base64.b64encode(b"xy{'tag': 'HIDDEN-7f3a-3'}").decode()
    assert any(form in text for form in encodings("HIDDEN-7f3a-3"))
    assert any(form in b"{'tag': 'HIDDEN-7f3a-3'}".hex() for form in encodings("HIDDEN-7f3a-3"))
