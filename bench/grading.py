"""POST /grade through the local gateway against the original's design, measured in the same run.

Ours: `alpaco serve` in its own process over DynamoDB Local; a 10-case trivial function problem;
p50 latency of one client, then throughput of 4 concurrent clients (4 users, since one user may
have only two gradings in flight).

Baseline: the original executor's design (reference §4.3): for every case, write the code and a
runner to temp files and start a fresh interpreter, cases one after another, then judge. It runs
in this process with no HTTP, no authorizer and no database, so it is measured at its cheapest.

Both sides first run `--warmup` seconds of the concurrent load untimed, so that first-use costs
(DynamoDB Local loading and compiling its classes, lazy imports, the page cache) are not timed. With
the emulator on the quick JIT alone (see gateway/dynamodb_local.py) they are small: without the
warm-up the throughput ratio was the same and the p50 about 5 ms higher.

Targets on the 2-core machine: p50 <= 60 ms, throughput >= 4x the baseline.
Usage: .venv/bin/python bench/grading.py [--requests 60] [--seconds 10] [--warmup 3]
"""

from __future__ import annotations

import argparse
import base64
import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx

from serving import serving

PROJECT_ROOT = Path(__file__).resolve().parents[1]
CASES = 10
CLIENTS = 4
P50_TARGET_MS = 60.0
THROUGHPUT_TARGET_RATIO = 4.0
CODE = "def solution(n):\n    return n * 2 + 1\n"
MARKER = "###_RETURN_VALUE_###"
RUNNER = """import base64, importlib.util, json, sys
spec = importlib.util.spec_from_file_location("user_code", sys.argv[1])
module = importlib.util.module_from_spec(spec)
spec.loader.exec_module(module)
data = json.loads(sys.stdin.read())
fn = next(getattr(module, n) for n in ("solution", "solve", "answer", "main") if hasattr(module, n))
encoded = base64.b64encode(json.dumps({"result": fn(data)}).encode()).decode()
print("###_RETURN_VALUE_###" + encoded)
"""


def problem_item(problem_id: str) -> dict[str, Any]:
    cases = [
        {"input": n, "expected_output": n * 2 + 1, "isSample": n < 2, "rationale": f"case {n}"}
        for n in range(CASES)
    ]
    return {
        "problemId": problem_id,
        "title": "Bench: double plus one",
        "title_translated": "벤치: 두 배 더하기 하나",
        "mode": "function",
        "judgeType": "equal",
        "timeLimitSeconds": 2,
        "memoryLimitMb": 128,
        "finalTestCases": json.dumps(cases),
        "generationStatus": "completed",
        "createdAt": "2026-01-01T00:00:00.000Z",
        "creatorId": "bench",
        "submissionCount": 0,
        "acceptedCount": 0,
    }


# --- the original's design ----------------------------------------------------------------------


def original_grade(code: str, cases: list[tuple[int, int]]) -> str:
    """One fresh interpreter per case, sequentially, then an `equal` comparison."""
    status = "ACCEPTED"
    with tempfile.TemporaryDirectory() as workdir:
        code_path = Path(workdir) / "user_code.py"
        runner_path = Path(workdir) / "runner.py"
        code_path.write_text(code)
        runner_path.write_text(RUNNER)
        for given, expected in cases:
            run = subprocess.run(
                [sys.executable, str(runner_path), str(code_path)],
                input=json.dumps(given),
                capture_output=True,
                text=True,
                timeout=5,
                cwd=workdir,
                check=False,
            )
            encoded = run.stdout.rpartition(MARKER)[2].strip()
            actual = json.loads(base64.b64decode(encoded))["result"] if encoded else None
            if run.returncode != 0:
                status = "RUNTIME_ERROR"
            elif actual != expected and status == "ACCEPTED":
                status = "WRONG_ANSWER"
    return status


# --- measurement --------------------------------------------------------------------------------


def latencies(action: Callable[[], str], count: int) -> list[float]:
    timings = []
    for _ in range(count):
        started = time.perf_counter()
        status = action()
        timings.append((time.perf_counter() - started) * 1000)
        if status != "ACCEPTED":
            raise SystemExit(f"bench: expected ACCEPTED, got {status}")
    return timings


def throughput(actions: list[Callable[[], str]], seconds: float) -> tuple[float, list[str]]:
    """Accepted gradings per second with one thread per action, each grading back to back, and
    the failures seen (they do not count)."""
    done = [0] * len(actions)
    failures: list[str] = []
    deadline = time.perf_counter() + seconds

    def loop(index: int) -> None:
        while time.perf_counter() < deadline:
            status = actions[index]()
            if status == "ACCEPTED":
                done[index] += 1
            else:
                failures.append(status)

    started = time.perf_counter()
    threads = [threading.Thread(target=loop, args=(i,)) for i in range(len(actions))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return sum(done) / (time.perf_counter() - started), failures


# --- the local platform -------------------------------------------------------------------------


@contextmanager
def local_platform(workdir: Path) -> Iterator[str]:
    """DynamoDB Local in memory plus `alpaco serve` as its own process; yields the gateway URL."""
    os.environ.update(
        {
            "ALPACO_ENV": "local",
            "AWS_REGION": "ap-northeast-2",
            "ALPACO_TABLE_PREFIX": f"bench{uuid.uuid4().hex[:6]}-",
            "ALPACO_CURSOR_SECRET": "bench-cursor-secret",
            # Each client grades as fast as it can, far past a person's per-minute budget: the
            # bench measures grading, not the 429s.
            "ALPACO_RATE_LIMIT_GRADINGS": "1000000",
        }
    )
    from alpaco.gateway.dynamodb_local import DynamoDBLocal, free_port
    from alpaco.kernel import dynamo, tables
    from alpaco.kernel.config import reset_settings

    engine = DynamoDBLocal(
        PROJECT_ROOT, port=free_port(), data_dir=None, log_path=workdir / "dynamodb.log"
    )
    engine.start()
    os.environ["ALPACO_DYNAMODB_ENDPOINT"] = engine.endpoint
    reset_settings()
    try:
        tables.create_missing(dynamo.client())
        with serving(workdir) as url:
            yield url
    finally:
        engine.stop()


def grader_client(url: str, username: str, problem_id: str) -> Callable[[], str]:
    client = httpx.Client(base_url=url, timeout=60)
    token = client.post("/auth/dev/token", json={"username": username}).json()["idToken"]
    headers = {"Authorization": f"Bearer {token}"}
    body = {"problemId": problem_id, "userCode": CODE, "language": "python"}

    def grade() -> str:
        response = client.post("/grade", json=body, headers=headers)
        if response.status_code != 200:
            return f"HTTP {response.status_code}: {response.text[:200]}"
        result = response.json()
        status: str = result["status"]
        return status if status == "ACCEPTED" else f"{status}: {result['errorMessage']}"

    return grade


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--requests", type=int, default=60, help="sequential requests for p50")
    parser.add_argument("--seconds", type=float, default=10.0, help="throughput window")
    parser.add_argument("--warmup", type=float, default=3.0, help="untimed concurrent load first")
    args = parser.parse_args()
    cases = [(n, n * 2 + 1) for n in range(CASES)]

    def baseline() -> str:
        return original_grade(CODE, cases)

    throughput([baseline] * CLIENTS, args.warmup)
    base_p50 = statistics.median(latencies(baseline, max(10, args.requests // 3)))
    base_rate, base_failures = throughput([baseline] * CLIENTS, args.seconds)

    with (
        tempfile.TemporaryDirectory(prefix="alpaco-bench-") as tmp,
        local_platform(Path(tmp)) as url,
    ):
        from alpaco.services.problems import repository

        problem_id = f"bench-{uuid.uuid4()}"
        repository.write_problem(problem_item(problem_id))
        clients = [grader_client(url, f"bench-user-{n}", problem_id) for n in range(CLIENTS)]
        throughput(clients, args.warmup)
        ours = latencies(clients[0], args.requests)
        ours_rate, failures = throughput(clients, args.seconds)

    ours_p50 = statistics.median(ours)
    ours_p90 = statistics.quantiles(ours, n=10)[-1]
    ratio = ours_rate / base_rate
    print(
        f"grading bench: {CASES}-case trivial function problem, {os.cpu_count()} CPUs, "
        f"{args.warmup:g} s untimed warm-up per side"
    )
    print(
        f"  baseline (fresh interpreter per case, sequential, no HTTP/DB): p50 {base_p50:.1f} ms,"
    )
    print(f"    {base_rate:.1f} gradings/s with {CLIENTS} concurrent clients")
    print(
        f"  ours (POST /grade via the local gateway): p50 {ours_p50:.1f} ms, p90 {ours_p90:.1f} ms,"
    )
    print(f"    {ours_rate:.1f} gradings/s with {CLIENTS} concurrent clients")
    print(f"  latency ratio {base_p50 / ours_p50:.1f}x, throughput ratio {ratio:.1f}x")
    for name, failed in (("baseline", base_failures), ("ours", failures)):
        if failed:
            print(f"  {name}: {len(failed)} gradings FAILED, e.g. {sorted(set(failed))[:2]}")
    p50_ok = ours_p50 <= P50_TARGET_MS
    rate_ok = ratio >= THROUGHPUT_TARGET_RATIO
    print(f"  target p50 <= {P50_TARGET_MS:.0f} ms: {'met' if p50_ok else 'MISSED'}")
    print(
        f"  target throughput >= {THROUGHPUT_TARGET_RATIO:.0f}x: {'met' if rate_ok else 'MISSED'}"
    )
    return 0 if p50_ok and rate_ok and not failures and not base_failures else 1


if __name__ == "__main__":
    sys.exit(main())
