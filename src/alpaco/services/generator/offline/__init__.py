"""Offline answers for every generator step, drawn from the curated bank (no key, no network)."""

from __future__ import annotations

from typing import Protocol

from alpaco.kernel.llm.port import OfflineAnswerer
from alpaco.services.generator.offline.answers import ANSWERS, answerer
from alpaco.services.generator.offline.shelf import BankItems, Shelf
from alpaco.services.problems.repository import list_bank_problems


class AnswererRegistry(Protocol):
    def register(self, step: str, answerer: OfflineAnswerer) -> None: ...


def register_offline_answerers(
    registry: AnswererRegistry, bank: BankItems = list_bank_problems
) -> None:
    """Registers an answerer for each of the generator's steps, all reading one shelf of bank
    problems (read lazily, on the first offline answer)."""
    shelf = Shelf(bank)
    for step in ANSWERS:
        registry.register(step, answerer(shelf, step))


__all__ = ["AnswererRegistry", "register_offline_answerers"]
