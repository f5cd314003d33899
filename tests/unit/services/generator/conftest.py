"""Generations driven by scripted model answers, against DynamoDB Local and the real executor.

`scripted(bank_id, answers)` is the replay provider a user would configure: each step named in
`answers` takes its answers in order (the last repeats), and every other step is answered by the
offline answers drawn from that one bank problem, seeded for the test session.
"""

from __future__ import annotations

import json
import threading
from collections import Counter
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, field
from typing import Any

import pytest

from alpaco.bank.seed import seed_bank
from alpaco.kernel.invoke import get_invoker
from alpaco.kernel.llm.offline import OfflineProvider
from alpaco.kernel.llm.port import LlmAnswer, LlmRequest
from alpaco.kernel.llm.replay import ReplayProvider
from alpaco.services.generator import repository as generator_repository
from alpaco.services.generator.offline import register_offline_answerers
from alpaco.services.generator.pipeline import GenerationRequest, Progress, generate
from alpaco.services.problems import repository as problems_repository

BANK_IDS = ("pair_sum_count", "balanced_brackets")


class Counting:
    """Records which step each model call was for."""

    name = "counting"

    def __init__(self, inner: ReplayProvider) -> None:
        self.inner = inner
        self.steps: Counter[str] = Counter()
        self._lock = threading.Lock()

    def complete(self, request: LlmRequest) -> LlmAnswer:
        with self._lock:
            self.steps[request.step] += 1
        return self.inner.complete(request)

    def stream(self, request: LlmRequest) -> AsyncIterator[str]:
        return self.inner.stream(request)


@dataclass
class Generation:
    calls: Counter[str]
    payload: dict[str, Any] | None = None
    error: BaseException | None = None
    progress: list[Progress] = field(default_factory=list)
    statuses: list[str] = field(default_factory=list)
    problem_id: str = ""

    @property
    def stored(self) -> dict[str, Any]:
        item = problems_repository.get_problem(self.problem_id)
        assert item is not None
        return item


@pytest.fixture(scope="session")
def bank_items(dynamodb_endpoint: str) -> dict[str, dict[str, Any]]:
    report = seed_bank(get_invoker(), problems_repository, only=BANK_IDS)
    assert report.ok, report.summary()
    items = problems_repository.list_bank_problems()
    return {item["bankId"]: item for item in items if item.get("bankId") in BANK_IDS}


@pytest.fixture
def offline(bank_items: dict[str, dict[str, Any]]) -> Callable[[str], OfflineProvider]:
    def build(bank_id: str) -> OfflineProvider:
        provider = OfflineProvider()
        register_offline_answerers(provider, bank=lambda: [bank_items[bank_id]])
        return provider

    return build


@pytest.fixture
def good(offline: Callable[[str], OfflineProvider]) -> Callable[..., str]:
    """`good(bank_id, step)`: the answer the offline provider gives for that step."""

    def answer(bank_id: str, step: str, **context: Any) -> str:
        request = LlmRequest(step=step, system="", prompt="", context=context)
        return offline(bank_id).complete(request).text

    return answer


Run = Callable[..., Generation]


def _tweaked(
    honest: OfflineProvider, tweak: Callable[[dict[str, Any]], dict[str, Any]]
) -> Callable[[LlmRequest], str]:
    return lambda request: json.dumps(tweak(json.loads(honest.complete(request).text)))


@pytest.fixture
def run_generation(
    offline: Callable[[str], OfflineProvider],
    bank_items: dict[str, dict[str, Any]],
    monkeypatch: pytest.MonkeyPatch,
) -> Run:
    """`run_generation(bank_id, answers={step: [raw, ...]}, cancelled=..., difficulty=...)`."""
    created: list[str] = []
    statuses: list[str] = []
    create, update = generator_repository.create_problem, generator_repository.update_problem

    def spy_create(item: dict[str, Any]) -> None:
        created.append(item["problemId"])
        create(item)

    def spy_update(problem_id: str, fields: dict[str, Any], **kwargs: Any) -> None:
        if "generationStatus" in fields:
            statuses.append(fields["generationStatus"])
        update(problem_id, fields, **kwargs)

    monkeypatch.setattr(generator_repository, "create_problem", spy_create)
    monkeypatch.setattr(generator_repository, "update_problem", spy_update)

    def run(
        bank_id: str,
        answers: dict[str, list[str]] | None = None,
        *,
        difficulty: str = "Medium",
        cancelled: Callable[[], bool] = lambda: False,
        prompt: str = "a problem about a moon base",
        tweaks: dict[str, Callable[[dict[str, Any]], dict[str, Any]]] | None = None,
    ) -> Generation:
        """`tweaks[step]` edits the offline answer of that step (a model's near miss)."""
        created.clear()
        statuses.clear()
        fallback, honest = offline(bank_id), offline(bank_id)
        for step, tweak in (tweaks or {}).items():
            fallback.register(step, _tweaked(honest, tweak))
        llm = Counting(ReplayProvider(answers or {}, fallback=fallback))
        generation = Generation(calls=llm.steps)
        request = GenerationRequest(
            prompt=prompt,
            difficulty=difficulty,
            mode=bank_items[bank_id]["mode"],
            creator_id="generator-tests",
            author="Tester",
        )
        try:
            generation.payload = generate(
                request,
                llm=llm,
                invoker=get_invoker(),
                on_progress=generation.progress.append,
                cancelled=cancelled,
            )
        except Exception as exc:
            generation.error = exc
        generation.statuses = list(statuses)
        generation.problem_id = created[0]
        return generation

    return run
