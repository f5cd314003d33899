"""A problem's test inputs, derived rather than stored: its samples, then what its generator draws
for each planned test.

Every seed is a hash of the bank id and the test's index, so the suite is the same on every
machine and every run, and a seeded problem's tests change only when its folder does.
"""

from __future__ import annotations

import copy
import hashlib
import json
import random
from dataclasses import dataclass
from typing import Any

from alpaco.bank.catalog import BankProblem
from alpaco.bank.format import BankProblemError


@dataclass(frozen=True)
class TestInput:
    """One input of a problem's suite; samples come first and have no size or seed."""

    data: Any
    is_sample: bool
    number: int
    size: int | None
    seed: int | None

    @property
    def rationale(self) -> str:
        if self.is_sample:
            return f"sample {self.number}"
        return f"generated, size {self.size}, seed {self.seed}"


def build_inputs(bp: BankProblem) -> list[TestInput]:
    """Samples, then the planned generated tests; seed i depends only on the bank id and i."""
    inputs = [
        TestInput(_as_input(bp, copy.deepcopy(s), f"sample {n}"), True, n, None, None)
        for n, s in enumerate(bp.samples, start=1)
    ]
    index = 0
    for entry in bp.plan:
        for _ in range(entry.count):
            seed = derive_seed(bp.bank_id, index)
            label = f"generated test {index + 1} (size {entry.size}, seed {seed})"
            try:
                data = bp.generate(random.Random(seed), entry.size)
            except Exception as exc:
                raise BankProblemError(
                    f"{bp.bank_id}: generate failed for {label}: {exc!r}"
                ) from exc
            inputs.append(TestInput(_as_input(bp, data, label), False, index + 1, entry.size, seed))
            index += 1
    return inputs


def derive_seed(bank_id: str, index: int) -> int:
    digest = hashlib.sha256(f"alpaco-bank:{bank_id}:{index}".encode()).digest()
    return int.from_bytes(digest[:8], "big")


def _as_input(bp: BankProblem, data: Any, label: str) -> Any:
    """The input exactly as the sandbox will see it after the wire's JSON round trip."""
    if bp.mode == "stdio" and not isinstance(data, str):
        raise BankProblemError(f"{bp.bank_id}: {label}: a stdio input must be the stdin text")
    try:
        return json.loads(json.dumps(data, allow_nan=False))
    except (TypeError, ValueError) as exc:
        raise BankProblemError(f"{bp.bank_id}: {label}: input is not a JSON value ({exc})") from exc
