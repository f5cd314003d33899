"""Step 4, execution: the drafts checked against each other by running them.

One round runs the generator program (`generated.py`), then, side by side in the executor, the
validator on every input and on near-valid probes (`screening.py`), the reference on every input
(small and large apart, so the large outputs get the bigger share of the response budget) and the
brute force on the small ones (`crosscheck.py`). Whatever is wrong is blamed on a draft, in words
the model can act on; the pipeline has those drafts redone and runs another round.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from functools import partial
from typing import Any, Final

from alpaco.services.generator import calibration
from alpaco.services.generator.crosscheck import BRUTE_TIMEOUT_MS, cross_check
from alpaco.services.generator.drafts import Drafts, Faults
from alpaco.services.generator.execution import Executor, Outcome
from alpaco.services.generator.generated import PROGRAM_TIMEOUT_MS, generated_cases
from alpaco.services.generator.inputs import Case, as_input, distinct, probes
from alpaco.services.generator.run import Run
from alpaco.services.generator.screening import judge_probes, valid_cases
from alpaco.services.generator.verification import SHOWN, Checked, Evidence, Round, short

REFERENCE_TIMEOUT_MS: Final = 6_000


def examine(run: Run, executor: Executor, drafts: Drafts, problem_id: str) -> Evidence | Faults:
    round_ = Round(run, executor, drafts, problem_id)
    hand = _hand_cases(drafts)
    small, large = generated_cases(round_)
    pool = distinct([*hand, *small, *large])
    light = [case for case in pool if case.origin != "large"]
    heavy = [case for case in pool if case.origin == "large"]
    wrong = probes([case.data for case in hand], round_.mode)
    # The reference must keep to the memory limit the problem will state, as it will be graded.
    program = partial(
        replace(executor, memory_mb=drafts.constraints.memory_limit_mb).run, mode=round_.mode
    )
    verdicts, ref_light, ref_heavy, brute_light = run.parallel(
        partial(
            executor.validate,
            drafts.validator.code,
            [*_data(pool), *(p for _, p in wrong)],
            timeout_ms=PROGRAM_TIMEOUT_MS,
        ),
        partial(program, drafts.solution.code, _data(light), timeout_ms=REFERENCE_TIMEOUT_MS),
        partial(program, drafts.solution.code, _data(heavy), timeout_ms=REFERENCE_TIMEOUT_MS),
        partial(program, drafts.brute.code, _data(light), timeout_ms=BRUTE_TIMEOUT_MS),
    )
    refused = judge_probes(round_, wrong, verdicts[len(pool) :])
    valid = valid_cases(round_, pool, verdicts[: len(pool)])
    outcomes = dict(zip(_keys([*light, *heavy]), [*ref_light, *ref_heavy], strict=True))
    checked = _reference(round_, valid, outcomes)
    compared = cross_check(round_, checked, dict(zip(_keys(light), brute_light, strict=True)))
    slowest = max((c.outcome.ms for c in checked), default=0.0)
    if checked and calibration.too_slow(slowest):
        round_.faults.add(
            "solution",
            f"it takes {slowest:.0f} ms on the largest inputs; it must finish within "
            f"{calibration.MAX_TIME_LIMIT_SECONDS / calibration.FACTOR:g} s: use a faster algorithm",
        )
    if round_.faults:
        return round_.faults
    return Evidence(checked, slowest, compared, refused)


def _hand_cases(drafts: Drafts) -> list[Case]:
    cases = []
    for test in drafts.tests.cases:
        try:
            cases.append(Case(as_input(test.input), "llm", test.rationale))
        except (TypeError, ValueError):
            continue  # the tests gate refuses these; a review's redo is gated the same way
    return cases


def _reference(round_: Round, valid: list[Case], outcomes: dict[str, Outcome]) -> list[Checked]:
    checked = [Checked(case, outcomes[case.key]) for case in valid]
    failed = [c for c in checked if not c.outcome.ok]
    if failed:
        round_.faults.add(
            "solution",
            *(
                f"on input {short(c.case.data)} it ended with {c.outcome.detail}"
                for c in failed[:SHOWN]
            ),
        )
    passed = [c for c in checked if c.outcome.ok]
    if passed and all(c.outcome.value is None for c in passed):
        round_.faults.add("solution", "it returns None on every input: return the answer")
    return passed


def _data(cases: Sequence[Case]) -> list[Any]:
    return [case.data for case in cases]


def _keys(cases: Sequence[Case]) -> list[str]:
    return [case.key for case in cases]
