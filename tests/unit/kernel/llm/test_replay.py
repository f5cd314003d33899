"""The replay provider: scripted answers per step, in order, the last repeating."""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import AsyncIterator
from concurrent.futures import ThreadPoolExecutor

import pytest

from alpaco.kernel.config import ConfigurationError
from alpaco.kernel.llm.offline import OfflineProvider
from alpaco.kernel.llm.port import LlmRequest
from alpaco.kernel.llm.replay import ReplayProvider


def fallback() -> OfflineProvider:
    offline = OfflineProvider()
    offline.register("title", lambda request: "offline title")
    return offline


def ask(provider: ReplayProvider, step: str) -> str:
    return provider.complete(LlmRequest(step, "", "")).text


async def collect(pieces: AsyncIterator[str]) -> list[str]:
    return [piece async for piece in pieces]


def test_each_call_takes_the_next_answer_and_the_last_one_repeats(llm_calls):
    replay = ReplayProvider({"intent": ["not json", '{"ok": true}']}, fallback=fallback())

    answers = [ask(replay, "intent") for _ in range(4)]

    assert answers == ["not json", '{"ok": true}', '{"ok": true}', '{"ok": true}']
    assert {line["provider"] for line in llm_calls()} == {"replay"}


def test_steps_keep_their_own_place():
    replay = ReplayProvider({"intent": ["i1", "i2"], "tests": ["t1", "t2"]}, fallback=fallback())

    taken = [ask(replay, "intent"), ask(replay, "tests"), ask(replay, "intent")]

    assert taken == ["i1", "t1", "i2"]


def test_a_step_missing_from_the_file_is_answered_offline(llm_calls):
    replay = ReplayProvider({"intent": ["i"]}, fallback=fallback())

    answer = replay.complete(LlmRequest("title", "", ""))

    assert (answer.text, answer.provider) == ("offline title", "offline")
    assert [line["provider"] for line in llm_calls()] == ["offline"]


class _SlowCounts(dict[str, int]):
    """Reading a step's count yields the thread, so an unlocked read-then-write would race
    (without this, CPython's switch interval almost never splits the two)."""

    def get(self, key: str, default: int = 0) -> int:  # type: ignore[override]
        value = super().get(key, default)
        time.sleep(0)
        return value


def test_parallel_calls_of_a_step_each_take_a_different_answer():
    scripted = [str(n) for n in range(200)]
    replay = ReplayProvider({"tests": scripted}, fallback=fallback())
    replay._taken = _SlowCounts()

    with ThreadPoolExecutor(max_workers=8) as pool:
        taken = list(pool.map(lambda _: ask(replay, "tests"), range(200)))

    assert sorted(taken, key=int) == scripted
    assert ask(replay, "tests") == "199"


def test_a_stream_replays_the_answer_in_pieces():
    replay = ReplayProvider({"tutor": ["Think about a queue."]}, fallback=fallback())

    pieces = asyncio.run(collect(replay.stream(LlmRequest("tutor", "", ""))))

    assert len(pieces) > 1
    assert "".join(pieces) == "Think about a queue."


def test_a_missing_step_streams_from_the_fallback():
    replay = ReplayProvider({}, fallback=fallback())

    pieces = asyncio.run(collect(replay.stream(LlmRequest("title", "", ""))))

    assert "".join(pieces) == "offline title"


def test_a_delay_stands_in_for_a_models_latency_on_every_call():
    replay = ReplayProvider({"intent": ["i"]}, fallback=fallback(), delay_seconds=0.2)

    started = time.monotonic()
    with ThreadPoolExecutor(max_workers=2) as pool:
        list(pool.map(lambda step: ask(replay, step), ["intent", "title"]))
    elapsed = time.monotonic() - started

    assert 0.2 <= elapsed < 0.4  # both waited, side by side


def test_a_file_is_read_once(tmp_path):
    path = tmp_path / "replay.json"
    path.write_text(json.dumps({"intent": ["a", "b"]}), encoding="utf-8")

    replay = ReplayProvider.from_file(str(path), fallback=fallback())
    path.write_text("{}", encoding="utf-8")

    assert [ask(replay, "intent"), ask(replay, "intent")] == ["a", "b"]


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        ("{not json", "is not JSON"),
        ('["a"]', "must hold an object"),
        ('{"intent": "a"}', "step 'intent' must map to a non-empty list of strings"),
        ('{"intent": []}', "step 'intent' must map to a non-empty list of strings"),
        ('{"intent": [{"title": "x"}]}', "step 'intent' must map to a non-empty list of strings"),
    ],
)
def test_a_file_that_is_not_what_it_should_be_stops_start_up(tmp_path, content, problem):
    path = tmp_path / "replay.json"
    path.write_text(content, encoding="utf-8")

    with pytest.raises(ConfigurationError, match=f"ALPACO_LLM_REPLAY file {path}.*{problem}"):
        ReplayProvider.from_file(str(path), fallback=fallback())


def test_a_missing_file_stops_start_up(tmp_path):
    with pytest.raises(ConfigurationError, match="cannot be read"):
        ReplayProvider.from_file(str(tmp_path / "absent.json"), fallback=fallback())
