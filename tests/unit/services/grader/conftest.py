"""What a user's submission list shows, read the way the submissions service reads it; and an
in-process stand-in for the executor, for the oracle's and find-my-bug's tests."""

from __future__ import annotations

import copy
import json
import threading
from collections.abc import Callable
from typing import Any

import pytest

from alpaco.services.submissions import repository
from alpaco.services.submissions.filters import SubmissionFilters


def _submissions_of(user_id: str) -> list[dict[str, Any]]:
    page = repository.list_submissions(
        SubmissionFilters(user_id=user_id), page_size=100, cursor=None
    )
    return page.items


@pytest.fixture(scope="session")
def submissions_of(dynamodb_endpoint: str) -> Callable[[str], list[dict[str, Any]]]:
    """`submissions_of(user_id)`: the user's stored submissions, newest first."""
    return _submissions_of


class InProcessExecutor:
    """The executor's contract without its sandbox, for test programs only: each function-mode
    program runs in this process, one `solution` call per input, with the result fields the
    grader reads.

    With a `clock`, a call of a program whose source starts with one of `paced` takes `cost`
    seconds of its time, and `timed` keeps (start, payload) for each such call. Calls the grader
    makes side by side run in parallel on a real executor, so only one of each round should be
    paced (the student's, say), or the fake would add their times up."""

    def __init__(
        self, clock: FakeClock | None = None, cost: float = 0.0, paced: tuple[str, ...] = ()
    ) -> None:
        self.clock, self.cost, self.paced = clock, cost, paced
        self.payloads: list[dict[str, Any]] = []
        self.timed: list[tuple[float, dict[str, Any]]] = []
        self._lock = threading.Lock()  # the grader makes some calls side by side

    def invoke(self, function: str, payload: dict[str, Any]) -> dict[str, Any]:
        assert function == "executor"
        assert payload["mode"] == "function"
        with self._lock:
            self.payloads.append(payload)
            if self.clock is not None and payload["code_to_execute"].startswith(self.paced):
                self.timed.append((self.clock.now, payload))
                self.clock.now += self.cost
        namespace: dict[str, Any] = {}
        exec(payload["code_to_execute"], namespace)  # noqa: S102 - the tests' own programs
        return {"results": [_call(namespace["solution"], value) for value in payload["inputs"]]}

    def inputs_of(self, code: str) -> list[Any]:
        """Every input the program whose source starts with `code` was run on."""
        return [
            value
            for payload in self.payloads
            if payload["code_to_execute"].startswith(code)
            for value in payload["inputs"]
        ]


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def _call(function: Callable[[Any], Any], value: Any) -> dict[str, Any]:
    try:
        returned = json.loads(json.dumps(function(copy.deepcopy(value))))
    except Exception as exc:
        return {"status": "RE", "exceptionType": type(exc).__name__, "stderr": str(exc)}
    return {"status": "OK", "returnValue": returned, "stdout": "", "executionTimeMs": 1}


@pytest.fixture
def fake_clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def executor_factory() -> type[InProcessExecutor]:
    return InProcessExecutor


TOY_VALIDATE = """
def validate(data):
    if not isinstance(data, list) or not 1 <= len(data) <= 12:
        raise ValueError("data must be a list of 1..12 integers")
    for index, value in enumerate(data):
        if isinstance(value, bool) or not isinstance(value, int) or not -100 <= value <= 100:
            raise ValueError(f"data[{index}] must be an integer between -100 and 100")
"""
TOY_GENERATE = """
def generate(rng, size):
    return [rng.randint(-100, 100) for _ in range(max(1, min(size, 12)))]
"""
TOY_REFERENCE = "def solution(data):\n    return sum(data)\n"


class ToyProblem:
    """ "Sum of a list" with the programs a generated problem stores: a reference, a validator
    (lists of 1..12 integers in [-100, 100]) and a generator."""

    validate = TOY_VALIDATE
    generate = TOY_GENERATE
    reference = TOY_REFERENCE

    def item(self, **fields: Any) -> dict[str, Any]:
        item = {
            "problemId": "toy-sum",
            "mode": "function",
            "judgeType": "equal",
            "timeLimitSeconds": 1,
            "memoryLimitMb": 64,
            "solutionCode": TOY_REFERENCE,
            "validatorCode": TOY_VALIDATE,
            "generatorCode": TOY_GENERATE,
            "generationStatus": "completed",
        }
        item.update(fields)
        return {name: value for name, value in item.items() if value is not None}

    def is_valid(self, data: Any) -> bool:
        namespace: dict[str, Any] = {}
        exec(TOY_VALIDATE, namespace)  # noqa: S102 - the tests' own program
        try:
            namespace["validate"](data)
        except ValueError:
            return False
        return True


class Problems:
    """A Problems table of fixed items, for services that only read it."""

    def __init__(self, *items: dict[str, Any]) -> None:
        self.items = {item["problemId"]: item for item in items}

    def get_problem(self, problem_id: str) -> dict[str, Any] | None:
        return self.items.get(problem_id)

    def submission_counted(self, problem_id: str, *, accepted: bool) -> dict[str, Any]:
        raise AssertionError("nothing is counted here")


@pytest.fixture
def toy() -> ToyProblem:
    return ToyProblem()


@pytest.fixture
def problems_of() -> type[Problems]:
    return Problems
