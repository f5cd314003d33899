"""The generator program's inputs: small ones for the cross-check, the largest for the time limit.

Both batches run side by side; every input it makes must be a JSON value (stdin text in stdio
mode) of a size a stored problem can hold. What fails is the generator's fault.
"""

from __future__ import annotations

import json
from typing import Final

from alpaco.services.generator.execution import Outcome
from alpaco.services.generator.inputs import (
    SMALL_GROUP,
    Case,
    as_input,
    distinct,
    large_jobs,
    small_jobs,
)
from alpaco.services.generator.verification import SHOWN, Round

PROGRAM_TIMEOUT_MS: Final = 5_000
LARGEST_INPUT_BYTES: Final = 200_000


def generated_cases(round_: Round) -> tuple[list[Case], list[Case]]:
    """(small, large) cases; the generator's faults are added to the round's."""
    program = round_.drafts.generator
    small = small_jobs(round_.problem_id, program.small_size)
    large = large_jobs(round_.problem_id, program.max_size)
    # The small inputs a dozen a case; each large one in a case of its own, with its own share
    # of the response's size budget.
    groups = [small[i : i + SMALL_GROUP] for i in range(0, len(small), SMALL_GROUP)]
    outcomes = round_.executor.generate(
        program.code, [*groups, *([job] for job in large)], timeout_ms=PROGRAM_TIMEOUT_MS
    )
    made: tuple[list[Case], list[Case]] = ([], [])
    problems = []
    for index, ((_, size), outcome) in enumerate(zip([*small, *large], outcomes, strict=True)):
        is_large = index >= len(small)
        try:
            made[is_large].append(
                _case(outcome, size, large=is_large, top=program.max_size, mode=round_.mode)
            )
        except ValueError as exc:
            problems.append(str(exc))
    if problems:
        round_.faults.add("generator", *problems[:SHOWN])
    elif len(distinct(made[0])) < len(small) // 4:
        round_.faults.add(
            "generator", "it makes too few distinct small inputs: use rng to vary them"
        )
    return made


def _case(outcome: Outcome, size: int, *, large: bool, top: int, mode: str) -> Case:
    call = f"generate(rng, {size})"
    if not outcome.ok:
        raise ValueError(f"{call} ended with {outcome.detail}")
    if mode == "stdio" and not isinstance(outcome.value, str):
        raise ValueError(f"{call} must return the stdin text (a str) in stdio mode")
    try:
        data = as_input(outcome.value)
    except (TypeError, ValueError):
        raise ValueError(f"{call} returned a value that is not JSON") from None
    if len(json.dumps(data)) > LARGEST_INPUT_BYTES:
        raise ValueError(f"{call} made an input over {LARGEST_INPUT_BYTES} bytes; keep it smaller")
    if not large:
        return Case(data, "small", f"generated: random input of size {size}", size)
    label = "largest input" if size == top else "large input"
    return Case(data, "large", f"generated: {label} (size {size})", size)
