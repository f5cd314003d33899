"""The FIND_MY_BUG answer: the failing input with both outputs, or an honest "no difference found".

The input is the generator's (or a shrunk one), never a stored test, so it is shown whole, with
the student's stderr and exception as for a sample case. It states the budget it ran under, so a
"not found" reads as what it is: no difference in that many tries, not a proof.
"""

from __future__ import annotations

from typing import Any, Final

from alpaco.services.grader.find_bug import (
    BUDGET_SECONDS,
    MAX_TRIES,
    SEARCH_SECONDS,
    Hunt,
    Stop,
    chars,
)
from alpaco.services.grader.grading import MAX_TEXT_CHARS, preview
from alpaco.services.grader.text import clip
from alpaco.services.grader.verdicts import Verdict, output_of

FIND_MY_BUG_RESULTS: Final = "FIND_MY_BUG_RESULTS"
_JUDGED: Final = (Verdict.ACCEPTED, Verdict.WRONG_ANSWER)
_WHY_NOT: Final = {
    Stop.FOUND: "",
    Stop.TRIES: "",
    Stop.TIME: f" before the search's {SEARCH_SECONDS:g} s ran out",
    Stop.INPUTS: ": the generator made no new small inputs",
}


def bug_answer(problem_id: str, hunt: Hunt, *, mode: str, seconds: float) -> dict[str, Any]:
    answer: dict[str, Any] = {
        "executionMode": FIND_MY_BUG_RESULTS,
        "problemId": problem_id,
        "found": hunt.failure is not None,
        "tries": hunt.tries,
        "input": None,
        "expectedOutput": None,
        "actualOutput": None,
        "verdict": None,
        "stderr": None,
        "exceptionType": None,
        "exceptionLine": None,
        "shrinkSteps": hunt.shrink_steps,
        "inputChars": None,
        "foundInputChars": hunt.found_chars,
        "foundAfterSeconds": None if hunt.found_seconds is None else round(hunt.found_seconds, 2),
        "elapsedSeconds": round(seconds, 2),
        "budget": {"seconds": BUDGET_SECONDS, "tries": MAX_TRIES},
        "message": f"No difference found in {hunt.tries} tries{_WHY_NOT[hunt.stop]}.",
    }
    trial = hunt.failure
    if trial is None or trial.verdict is None or trial.student is None:
        return answer
    student = trial.student
    answer.update(
        input=trial.input,
        expectedOutput=preview(trial.expected),
        actualOutput=preview(output_of(student, mode)) if trial.verdict in _JUDGED else None,
        verdict=trial.verdict.value,
        stderr=clip(str(student.get("stderr") or ""), MAX_TEXT_CHARS),
        exceptionType=student.get("exceptionType"),
        exceptionLine=student.get("exceptionLine"),
        inputChars=chars(trial.input),
        message=(
            f"{trial.verdict.value} on this input, found after {hunt.tries} tries and shrunk "
            f"in {hunt.shrink_steps} steps."
        ),
    )
    return answer
