"""The validator's verdicts: which inputs are valid, and whether the validator itself is sound.

A validator must refuse the near-valid probes (inputs that break the format), else it is too lax.
When it rejects inputs, two independent sources are weighed against it: if it rejects most of the
pool, hand-written and generated alike, it is the odd one out (as it is when it does not finish);
otherwise the rejected generated inputs are the generator's fault, and rejected hand-written ones
are dropped (the test design is redone only if too few remain).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Final

from alpaco.services.generator.execution import REJECTED, Outcome
from alpaco.services.generator.inputs import Case
from alpaco.services.generator.verification import SHOWN, Round, short

MIN_HAND_CASES: Final = 3
LAX_SHARE: Final = 0.1  # of the probes, the most a validator may accept


def judge_probes(
    round_: Round, probes: Sequence[tuple[str, Any]], verdicts: Sequence[Outcome]
) -> int:
    """How many probes the validator refused; a lax validator is a fault."""
    accepted = [what for (what, _), verdict in zip(probes, verdicts, strict=True) if verdict.ok]
    if len(accepted) > len(probes) * LAX_SHARE:
        round_.faults.add(
            "validator", f"it accepts inputs that break the format: {'; '.join(accepted[:4])}"
        )
    return len(probes) - len(accepted)


def valid_cases(round_: Round, pool: list[Case], verdicts: Sequence[Outcome]) -> list[Case]:
    broken = [v for v in verdicts if v.status not in ("OK", REJECTED)]
    if broken:
        round_.faults.add(
            "validator", f"it did not finish on {len(broken)} inputs: {broken[0].detail[:300]}"
        )
        return pool
    rejected = [(c, v) for c, v in zip(pool, verdicts, strict=True) if not v.ok]
    if not rejected:
        return pool
    shown = [_why(c, v) for c, v in rejected[:SHOWN]]
    origins = {c.origin == "llm" for c, _ in rejected}
    if len(rejected) * 2 > len(pool) and len(origins) == 2:
        round_.faults.add(
            "validator",
            f"it rejects {len(rejected)} of {len(pool)} inputs, hand-written and generated alike, "
            "e.g. " + "; ".join(shown),
        )
        return pool
    generated = [_why(c, v) for c, v in rejected if c.origin != "llm"]
    if generated:
        round_.faults.add(
            "generator", "the validator rejects its inputs: " + "; ".join(generated[:SHOWN])
        )
    refused = {c.key for c, _ in rejected}
    kept = [c for c in pool if c.key not in refused]
    if sum(c.origin == "llm" for c in kept) < MIN_HAND_CASES:
        hand = [_why(c, v) for c, v in rejected if c.origin == "llm"]
        round_.faults.add("tests", "these inputs break the constraints: " + "; ".join(hand[:SHOWN]))
    return kept


def _why(case: Case, verdict: Outcome) -> str:
    return f"{short(case.data)} ({verdict.detail[-160:]})"
