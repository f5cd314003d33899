"""A conditional write of a problem item: it never overwrites counters it did not read."""

from __future__ import annotations

import uuid
from typing import Any

import pytest

from alpaco.services.problems import repository

pytestmark = pytest.mark.integration


def item(problem_id: str, title: str, **counters: int) -> dict[str, Any]:
    return {"problemId": problem_id, "title": title, "generationStatus": "completed", **counters}


def test_a_new_problem_is_written_once(dynamodb_endpoint: str) -> None:
    problem_id = f"replace-{uuid.uuid4()}"
    repository.write_problem(item(problem_id, "first"), None)

    with pytest.raises(repository.ProblemChanged):
        repository.write_problem(item(problem_id, "second"), None)
    stored = repository.get_problem(problem_id)
    assert stored is not None
    assert stored["title"] == "first"


def test_a_replace_over_counters_that_moved_writes_nothing(dynamodb_endpoint: str) -> None:
    problem_id = f"replace-{uuid.uuid4()}"
    repository.write_problem(item(problem_id, "v1", submissionCount=0, acceptedCount=0), None)
    read = repository.get_problem(problem_id)
    repository.record_submission(problem_id, accepted=True)  # a grading lands after the read

    assert read is not None
    with pytest.raises(repository.ProblemChanged):
        repository.write_problem({**read, "title": "v2"}, read)
    stored = repository.get_problem(problem_id)
    assert stored is not None
    assert (stored["title"], stored["submissionCount"], stored["acceptedCount"]) == ("v1", 1, 1)

    repository.write_problem({**stored, "title": "v2"}, stored)
    replaced = repository.get_problem(problem_id)
    assert replaced is not None
    assert (replaced["title"], replaced["submissionCount"]) == ("v2", 1)


def test_counters_absent_when_read_must_still_be_absent(dynamodb_endpoint: str) -> None:
    problem_id = f"replace-{uuid.uuid4()}"
    repository.write_problem(item(problem_id, "v1"), None)
    read = repository.get_problem(problem_id)
    repository.record_submission(problem_id, accepted=False)  # creates submissionCount

    assert read is not None
    with pytest.raises(repository.ProblemChanged):
        repository.write_problem({**read, "title": "v2"}, read)


def test_a_problem_deleted_since_the_read_is_not_recreated_by_a_replace(
    dynamodb_endpoint: str,
) -> None:
    problem_id = f"replace-{uuid.uuid4()}"
    with pytest.raises(repository.ProblemChanged):
        repository.write_problem(item(problem_id, "v2"), item(problem_id, "v1"))
    assert repository.get_problem(problem_id) is None
