"""The reference against the brute force on the small inputs, and a third opinion when they differ.

The brute force runs on the hand-written and the generated small inputs; it is held to finishing
only on the latter, which the generator sized for it. The third solution is asked for under the
brute-force step (it is one: independent, plain, slow) and run on the disputed inputs; on each,
the two that agree win. A third opinion that sides with the reference everywhere becomes the new
brute force as it is; anything else sends the losing drafts back with the disputed inputs and the
outputs the majority gave.
"""

from __future__ import annotations

from typing import Final

from alpaco.services.generator.agreement import agree
from alpaco.services.generator.drafts import spec
from alpaco.services.generator.errors import StepFailed
from alpaco.services.generator.execution import Outcome
from alpaco.services.generator.steps.solutions import BRUTE, CodeAnswer
from alpaco.services.generator.verification import SHOWN, Checked, Round, short

BRUTE_TIMEOUT_MS: Final = 1_000  # the generator's small_size is where a brute force takes 1 s
MIN_CROSS_CHECKED: Final = 8


def cross_check(round_: Round, checked: list[Checked], brute: dict[str, Outcome]) -> int:
    """How many inputs the two agreed on; disagreements and brute-force failures are faults."""
    limits = round_.drafts.constraints
    pairs = [(c, brute[c.case.key]) for c in checked if c.case.key in brute]
    # Only the generated small inputs are sized for a brute force: on a hand-written one it may
    # run out of time, stack or memory, which is its nature, not a fault.
    broken = [
        (c, b) for c, b in pairs if b.status not in ("OK", "TLE") and c.case.origin == "small"
    ]
    if broken:
        round_.faults.add(
            "brute",
            *(f"on input {short(c.case.data)} it ended with {b.detail}" for c, b in broken[:SHOWN]),
        )
        return 0
    compared = [(c, b) for c, b in pairs if b.ok]
    if len(compared) < MIN_CROSS_CHECKED and not round_.faults:
        round_.faults.add(
            "brute",
            f"it finished on only {len(compared)} small inputs within {BRUTE_TIMEOUT_MS} ms",
        )
        return len(compared)
    disputes = [
        (c, b)
        for c, b in compared
        if not agree(limits.judge_type, c.outcome.value, b.value, limits.epsilon)
    ]
    if disputes:
        _settle(round_, disputes[:SHOWN])
    return len(compared)


def _settle(round_: Round, disputes: list[tuple[Checked, Outcome]]) -> None:
    limits = round_.drafts.constraints
    third = _third_opinion(round_)
    votes = (
        round_.executor.run(
            third.code,
            [c.case.data for c, _ in disputes],
            mode=round_.mode,
            timeout_ms=BRUTE_TIMEOUT_MS,
        )
        if third is not None
        else [Outcome("IE", None, 0.0, "no third opinion") for _ in disputes]
    )
    reference_wrong, brute_wrong, unsettled = [], [], []
    for (checked, brute), vote in zip(disputes, votes, strict=True):
        line = (
            f"on input {short(checked.case.data)} the reference returns {short(checked.outcome.value)}, "
            f"the brute force {short(brute.value)}"
        )
        if vote.ok and agree(limits.judge_type, checked.outcome.value, vote.value, limits.epsilon):
            brute_wrong.append(f"{line}; a third solution agrees with the reference")
        elif vote.ok and agree(limits.judge_type, brute.value, vote.value, limits.epsilon):
            reference_wrong.append(f"{line}; a third solution agrees with the brute force")
        else:
            unsettled.append(f"{line}; a third solution agrees with neither")
    if reference_wrong or unsettled:
        round_.faults.add("solution", *(reference_wrong + unsettled))
    if third is not None and brute_wrong and not (reference_wrong or unsettled):
        round_.faults.replacements["brute"] = third
    elif brute_wrong or unsettled:
        round_.faults.add("brute", *(brute_wrong + unsettled))


def _third_opinion(round_: Round) -> CodeAnswer | None:
    try:
        return round_.run.ask(
            BRUTE, {"intent": spec(round_.drafts.intent), "role": "third opinion"}
        )
    except StepFailed:
        return None
