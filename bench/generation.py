"""Problem generation end to end, and against the original's sequential pipeline, in one run.

Ours: `pipeline.generate` in this process with the offline provider (the whole bank seeded in an
in-memory DynamoDB Local, the real executor with every sandbox layer), for a rotation of prompts
in both modes and all three difficulties.

Measured:
- the offline wall time of one generation, median of `--runs` (the `make run` experience);
- the model calls per problem on the happy path, counted on every run, against the original's
  (contracts §3.3, services/pipeline.mjs): intent, test design, solution, constraints, start
  code, validation, description, title, then the translation of the title and of the description
  (two calls), ten in all, each waiting for the one before;
- the wall time with a provider that answers every call after a fixed `--latency` (the replay
  provider's delay, the offline answers behind it), median of `--latency-runs`, against the
  original's pipeline under the same latency: its ten calls one after another, plus its step 4
  measured here on the same machine as it did it: the reference run once per test input, one
  executor invoke after another. Its DynamoDB writes are left out, which favours it.

Targets: offline median <= 3 s; calls per problem <= the original's; with the fixed latency, our
wall time <= 60 % of the original's. The exit status is 1 when any is missed or a run fails.
Usage: .venv/bin/python bench/generation.py [--runs 7] [--latency-runs 3] [--latency 1.0]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import threading
import time
import uuid
from collections import Counter
from collections.abc import AsyncIterator, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

PROJECT_ROOT = Path(__file__).resolve().parents[1]
OFFLINE_TARGET_SECONDS = 3.0
LATENCY_RATIO_TARGET = 0.60
# The original's happy path, in its order (services/pipeline.mjs).
ORIGINAL_CALLS = (
    "intent", "tests", "solution", "constraints", "start_code", "validation", "description",
    "title", "translation (title)", "translation (description)",
)  # fmt: skip
ORIGINAL_TIMEOUT_MS = 5000
PROMPTS = (
    ("a BFS problem about a strawberry farm", "Medium", "stdio"),
    ("딸기가 등장하는 피보나치 문제", "Easy", "function"),
    ("two pointers: pairs of alpacas sharing a pen", "Medium", "function"),
    ("a knapsack for a space trip", "Hard", "function"),
    ("이분 탐색 문제를 만들어줘", "Medium", "function"),
    ("balanced brackets in a bakery", "Easy", "stdio"),
    ("shortest paths in a subway network", "Hard", "function"),
)


class Counting:
    """The provider under test, with its calls counted by step."""

    name = "counting"

    def __init__(self, inner: Any) -> None:
        self.inner = inner
        self.calls: Counter[str] = Counter()
        self._lock = threading.Lock()

    def complete(self, request: Any) -> Any:
        with self._lock:
            self.calls[request.step] += 1
        return self.inner.complete(request)

    def stream(self, request: Any) -> AsyncIterator[str]:
        stream: AsyncIterator[str] = self.inner.stream(request)
        return stream


@contextmanager
def local_bank(workdir: Path) -> Iterator[None]:
    """DynamoDB Local in memory with the whole bank seeded, as `alpaco serve` seeds it."""
    os.environ.update(
        {
            "ALPACO_ENV": "local",
            "AWS_REGION": "ap-northeast-2",
            "ALPACO_TABLE_PREFIX": f"bench{uuid.uuid4().hex[:6]}-",
            "ALPACO_CURSOR_SECRET": "bench-cursor-secret",
        }
    )
    from alpaco.bank.seed import seed_bank
    from alpaco.gateway.dynamodb_local import DynamoDBLocal, free_port
    from alpaco.kernel import dynamo, tables
    from alpaco.kernel.config import reset_settings
    from alpaco.kernel.invoke import get_invoker
    from alpaco.services.problems import repository

    engine = DynamoDBLocal(
        PROJECT_ROOT, port=free_port(), data_dir=None, log_path=workdir / "dynamodb.log"
    )
    engine.start()
    os.environ["ALPACO_DYNAMODB_ENDPOINT"] = engine.endpoint
    reset_settings()
    try:
        tables.create_missing(dynamo.client())
        report = seed_bank(get_invoker(), repository)
        if not report.ok:
            raise SystemExit(f"bench: the bank did not seed:\n{report.summary()}")
        yield
    finally:
        engine.stop()


def generation(llm: Any, index: int) -> tuple[float, dict[str, Any]]:
    from alpaco.kernel.invoke import get_invoker
    from alpaco.services.generator.pipeline import GenerationRequest, generate

    prompt, difficulty, mode = PROMPTS[index % len(PROMPTS)]
    request = GenerationRequest(prompt, difficulty, mode, creator_id="bench", author="Bench")
    started = time.perf_counter()
    payload = generate(
        request,
        llm=llm,
        invoker=get_invoker(),
        on_progress=lambda _: None,
        cancelled=lambda: False,
    )
    return time.perf_counter() - started, payload


def original_execution_seconds(payload: dict[str, Any]) -> float:
    """The original's step 4 on this problem: its reference on each test input, one invoke each,
    one after another (contracts §3.3, step 4)."""
    from alpaco.kernel.invoke import get_invoker

    invoker = get_invoker()
    inputs = [case["input"] for case in json.loads(payload["testInputs"])]
    started = time.perf_counter()
    for data in inputs:
        invoker.invoke(
            "executor",
            {
                "code_to_execute": payload["validatedSolutionCode"],
                "input_data": data,
                "mode": payload["mode"],
                "timeout_ms": ORIGINAL_TIMEOUT_MS,
            },
        )
    return time.perf_counter() - started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--runs", type=int, default=7, help="offline generations")
    parser.add_argument("--latency-runs", type=int, default=3, help="generations with latency")
    parser.add_argument("--latency", type=float, default=1.0, help="seconds per model call")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="alpaco-bench-") as tmp, local_bank(Path(tmp)):
        from alpaco.kernel.llm.offline import OfflineProvider
        from alpaco.kernel.llm.replay import ReplayProvider
        from alpaco.services.generator.offline import register_offline_answerers

        offline = OfflineProvider()
        register_offline_answerers(offline)
        generation(offline, 0)  # untimed: first imports, warm sandboxes, the bank read once
        times, calls = [], []
        for index in range(args.runs):
            counting = Counting(offline)
            seconds, payload = generation(counting, index)
            times.append(seconds)
            calls.append(sum(counting.calls.values()))
        slow = Counting(ReplayProvider({}, fallback=offline, delay_seconds=args.latency))
        ours_slow, original_slow = [], []
        for index in range(args.latency_runs):
            seconds, payload = generation(slow, index)
            ours_slow.append(seconds)
            execution = original_execution_seconds(payload)
            original_slow.append(len(ORIGINAL_CALLS) * args.latency + execution)

    offline_median = statistics.median(times)
    most_calls = max(calls)
    ours_latency, original_latency = statistics.median(ours_slow), statistics.median(original_slow)
    ratio = ours_latency / original_latency
    print(f"generation bench: offline provider over the whole bank, {os.cpu_count()} CPUs")
    print(
        f"  offline: median {offline_median:.2f} s over {args.runs} generations "
        f"(min {min(times):.2f} s, max {max(times):.2f} s)"
    )
    print(
        f"  model calls per problem on the happy path: ours {most_calls} (each run: {calls}), "
        f"the original {len(ORIGINAL_CALLS)}"
    )
    print(
        f"  with {args.latency:g} s per call: ours median {ours_latency:.2f} s over "
        f"{args.latency_runs}; the original {original_latency:.2f} s "
        f"({len(ORIGINAL_CALLS)} calls in a row + its per-input execution); "
        f"ratio {ratio:.2f}"
    )
    checks = {
        f"offline median <= {OFFLINE_TARGET_SECONDS:g} s": offline_median <= OFFLINE_TARGET_SECONDS,
        f"calls per problem <= {len(ORIGINAL_CALLS)}": most_calls <= len(ORIGINAL_CALLS),
        f"latency ratio <= {LATENCY_RATIO_TARGET:.2f}": ratio <= LATENCY_RATIO_TARGET,
    }
    for label, met in checks.items():
        print(f"  target {label}: {'met' if met else 'MISSED'}")
    return 0 if all(checks.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
