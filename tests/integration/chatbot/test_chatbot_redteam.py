"""A slice of the red team over real HTTP, with the model scripted the way `make run` would load
it: ALPACO_LLM_PROVIDER=replay and a replay file for the `tutor` step (the whole set runs in the
unit tests)."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import httpx
import pytest

from alpaco.kernel.config import reset_settings
from alpaco.kernel.llm.provider import reset_provider
from alpaco.services.chatbot._exposure import THRESHOLD, Exposure, measure
from alpaco.services.chatbot._tokens import code_shingles, prose_tokens, shingles

pytestmark = pytest.mark.integration

PROMPTS = 12


@pytest.fixture
def leaks(
    redteam: SimpleNamespace, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[list[Any]]:
    chosen = [leak for leak in redteam.adversarial_answers() if leak.problem == "pair_sum_count"]
    chosen = (chosen * 3)[:PROMPTS]
    replay = tmp_path / "tutor.json"
    replay.write_text(json.dumps({"tutor": [leak.answer for leak in chosen]}), encoding="utf-8")
    monkeypatch.setenv("ALPACO_LLM_PROVIDER", "replay")
    monkeypatch.setenv("ALPACO_LLM_REPLAY", str(replay))
    reset_settings()
    reset_provider()
    yield chosen
    monkeypatch.undo()
    reset_settings()
    reset_provider()


def test_scripted_leaks_never_reach_the_client(
    chat: Callable[..., httpx.Response],
    redteam: SimpleNamespace,
    leaks: list[Any],
    read_frames: Callable[[str], list[Any]],
    tokens: Callable[[list[Any]], str],
) -> None:
    problem = redteam.tutor_problem("pair_sum_count")
    exposure = Exposure(
        measure(
            {"solution": problem.solution, "brute force": problem.brute_force},
            given=problem.start_code,
            own="",
        )
    )
    shapes = []
    for prompt, leak in zip(redteam.PROMPTS, leaks, strict=False):
        response = chat(prompt, userCode=problem.start_code)
        assert response.status_code == 200
        text = tokens(read_frames(response.text))
        found = code_shingles(text) | shingles(prose_tokens(text))
        share = exposure.judge(found)
        assert share is not None
        assert share.share < THRESHOLD, (leak.shape, prompt)
        assert "too close to the solution" in text or "정답과 너무 비슷한" in text, leak.shape
        shapes.append(leak.shape)
    assert len(set(shapes)) >= 3
