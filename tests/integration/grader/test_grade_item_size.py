"""The largest gradings a problem and a solution can make are stored in DynamoDB Local, clipped.

64 sample cases whose input and expected output each fill a preview, run by the biggest code the
grader takes (64 KB, four bytes a character), which returns a preview-filling value or raises,
and prints all it may: untrimmed, such an item would be well over DynamoDB's 400 KB.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest

from alpaco.kernel.dynamo import MAX_ITEM_BYTES, item_bytes
from alpaco.services.grader.bounds import MAX_CODE_BYTES

pytestmark = pytest.mark.integration

Headers = Callable[..., dict[str, str]]
PutProblem = Callable[..., str]
Stored = Callable[[str], dict[str, Any] | None]
Submit = Callable[..., dict[str, Any]]

CASES = 64
WIDE = "\U0001d11e"  # four UTF-8 bytes, the most a character costs
PRINT_ALL = f"    print({WIDE!r} * 9000)\n    print({WIDE!r} * 9000, file=sys.stderr)\n"
SOLUTIONS = {
    "wrong answers": f"import sys\ndef solution(d):\n{PRINT_ALL}    return [{WIDE!r}] * 5000\n",
    "exceptions": (
        f"import sys\ndef solution(d):\n{PRINT_ALL}"
        f"    raise type({WIDE!r} * 30_000 + str(d[0]), (Exception,), {{}})()\n"
    ),
    "stdout floods": f"def solution(d):\n    while True:\n        print({WIDE!r} * 100_000)\n",
}


def biggest(code: str) -> str:
    """`code` padded with a comment to just under the grader's size limit."""
    room = MAX_CODE_BYTES - len(code.encode()) - 4
    return code + "# " + WIDE * (room // 4) + "\n"


@pytest.fixture(scope="module")
def many_samples(put_problem: PutProblem) -> str:
    cases = [
        {"input": [n, *[1] * 700], "expected_output": [0] * 700, "isSample": True}
        for n in range(CASES)
    ]
    return put_problem(cases, timeLimitSeconds=0.3)


@pytest.mark.parametrize("solution", SOLUTIONS.values(), ids=SOLUTIONS)
def test_the_largest_gradings_are_stored_clipped_and_shown_as_stored(
    auth_headers: Headers, many_samples: str, stored: Stored, submit: Submit, solution: str
) -> None:
    code = biggest(solution)
    assert len(code.encode()) > MAX_CODE_BYTES - 8
    body = submit(auth_headers("grader-item-size"), many_samples, code)
    assert body["status"] != "INTERNAL_ERROR", body["errorMessage"]
    assert body["resultsClipped"] is True
    item = stored(body["submissionId"])
    assert item is not None
    assert item_bytes(item) <= MAX_ITEM_BYTES
    assert len(json.dumps(item, ensure_ascii=False).encode()) < 400 * 1024
    assert item["resultsClipped"] is True
    assert item["userCode"] == code
    assert len(item["results"]) == item["totalCaseCount"] == CASES
    assert item["results"] == body["results"]
    assert item["errorMessage"] == body["errorMessage"]
