"""Load: N concurrent students against one gateway, each doing what a student does, for a while.

Why: bench/grading.py and bench/executor.py time one route alone, against a baseline. An operator
also needs to know what one machine sustains when reads, gradings and community writes arrive
together and contend for the same CPUs, DynamoDB and sandbox: that is what this measures.

Each student signs in (`POST /auth/dev/token`), writes one post, then repeats, back to back, a
random pick of: list the problems, read one, grade a bank problem's reference solution (one time
in five a wrong one), list their own submissions (`?userId=`), write a post, comment on or like a
random post. A student waits for each answer, so no user has more than one grading in flight (the
platform allows two). A warm-up of the same mix runs first, untimed.

Printed: requests/s overall and gradings/s (answered gradings) over the timed window; p50 and p99
latency per route (of the requests that were not refused with a 429); the answers by status; the
verdicts against the expected ones; the errors. Errors, and a non-zero exit, are: 5xx, transport
errors, any other unexpected 4xx, and a verdict other than the expected one. A 409 (contended
write, "retry later") is counted but is not an error.

By default the bench starts its own platform like bench/grading.py: DynamoDB Local in memory, a
few bank problems seeded in this process, then `alpaco serve` in its own process on a free port,
with the per-user write rate limits raised so the mix is not throttled (a 429 is then an error).
With `--url` it loads a running local platform instead (its dev identity provider and the bank
problems must be there); it writes posts, comments and submissions there, and cannot raise its
limits, so 429s are reported apart and are not errors.

The client threads share the machine with the server: on few cores the figures are a floor.
Usage: .venv/bin/python bench/load.py [--students 20] [--seconds 30] [--warmup 3] [--url URL]
"""

from __future__ import annotations

import argparse
import base64
import json
import math
import os
import random
import sys
import tempfile
import threading
import time
import uuid
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager, nullcontext
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx

from serving import serving

PROJECT_ROOT = Path(__file__).resolve().parents[1]
# Function-mode bank problems with a short reference solution, seeded on the bench's own platform.
BANK_IDS = ("a_plus_b", "array_maximum", "string_reverse", "pair_sum_count")
WRONG_CODE = "def solution(data):\n    return None\n"
WRONG_SHARE = 0.2
RAISED_LIMIT = 1_000_000
LIMITED_ACTIONS = ("GRADINGS", "POSTS", "COMMENTS", "LIKES")
TIMEOUT_SECONDS = 60.0

LIST_PROBLEMS = "GET /problems"
GET_PROBLEM = "GET /problems/{problemId}"
GRADE = "POST /grade"
LIST_SUBMISSIONS = "GET /submissions"
CREATE_POST = "POST /community"
ADD_COMMENT = "POST /community/{postId}/comments"
TOGGLE_LIKE = "POST /community/{postId}/like"
# Relative weights of a student's next request: mostly reading and grading, some writing.
MIX = {
    LIST_PROBLEMS: 20,
    GET_PROBLEM: 20,
    GRADE: 20,
    LIST_SUBMISSIONS: 15,
    CREATE_POST: 5,
    ADD_COMMENT: 10,
    TOGGLE_LIKE: 10,
}


@dataclass(frozen=True)
class Problem:
    problem_id: str
    reference: str


@dataclass
class Stats:
    """What every request came to; threads record into one instance under its lock."""

    rate_limits_raised: bool
    latencies: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    statuses: dict[str, Counter[int]] = field(default_factory=lambda: defaultdict(Counter))
    transport: Counter[str] = field(default_factory=Counter)
    verdicts: Counter[tuple[str, str]] = field(default_factory=Counter)
    examples: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def record(self, route: str, status: int | None, ms: float, detail: str = "") -> None:
        with self.lock:
            if status is None:
                self.transport[route] += 1
            else:
                self.statuses[route][status] += 1
                if status != 429:
                    self.latencies[route].append(ms)
            if self.is_error(status) and len(self.examples) < 5:
                self.examples.append(f"{route}: {status or 'transport'} {detail[:160]}")

    def verdict(self, expected: str, got: str) -> None:
        with self.lock:
            self.verdicts[expected, got] += 1
            if got != expected and len(self.examples) < 5:
                self.examples.append(f"{GRADE}: expected {expected}, got {got}")

    def is_error(self, status: int | None) -> bool:
        if status is None or status >= 500:
            return True
        if status == 429:
            return self.rate_limits_raised
        return status >= 400 and status != 409

    def count(self, status_test: Callable[[int], bool]) -> int:
        return sum(n for c in self.statuses.values() for s, n in c.items() if status_test(s))

    @property
    def requests(self) -> int:
        return sum(sum(c.values()) for c in self.statuses.values()) + sum(self.transport.values())

    @property
    def errors(self) -> int:
        wrong_verdicts = sum(n for (want, got), n in self.verdicts.items() if want != got)
        return self.count(self.is_error) + sum(self.transport.values()) + wrong_verdicts


def percentile(values: list[float], p: float) -> float:
    """Nearest rank: the smallest value with at least p% of the values at or below it."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(p / 100 * len(ordered)) - 1)] if ordered else math.nan


class Student:
    def __init__(
        self,
        url: str,
        username: str,
        problems: list[Problem],
        posts: list[str],
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        self.client = httpx.Client(base_url=url, timeout=TIMEOUT_SECONDS, transport=transport)
        response = self.client.post("/auth/dev/token", json={"username": username})
        if response.status_code != 200:
            raise SystemExit(f"bench: {url} gave no dev token ({response.status_code})")
        token = response.json()["idToken"]
        payload = token.split(".")[1]
        claims = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
        self.user_id = str(claims["sub"])
        self.client.headers["Authorization"] = f"Bearer {token}"
        self.rng = random.Random(username)
        self.problems = problems
        self.posts = posts  # shared by all students; list.append and random.choice are atomic

    def call(
        self, stats: Stats, route: str, method: str, path: str, **kwargs: Any
    ) -> httpx.Response | None:
        started = time.perf_counter()
        try:
            response = self.client.request(method, path, **kwargs)
        except httpx.HTTPError as exc:
            stats.record(route, None, 0.0, repr(exc))
            return None
        ms = (time.perf_counter() - started) * 1000
        stats.record(route, response.status_code, ms, response.text)
        return response

    def act(self, stats: Stats, route: str) -> None:
        problem = self.rng.choice(self.problems)
        post_id = self.rng.choice(self.posts)
        if route == LIST_PROBLEMS:
            self.call(stats, route, "GET", "/problems")
        elif route == GET_PROBLEM:
            self.call(stats, route, "GET", f"/problems/{problem.problem_id}")
        elif route == GRADE:
            self.grade(stats, problem)
        elif route == LIST_SUBMISSIONS:
            self.call(stats, route, "GET", "/submissions", params={"userId": self.user_id})
        elif route == CREATE_POST:
            self.post(stats, problem)
        elif route == ADD_COMMENT:
            body = {"content": f"Load bench comment {uuid.uuid4().hex[:8]}."}
            self.call(stats, route, "POST", f"/community/{post_id}/comments", json=body)
        else:
            self.call(stats, route, "POST", f"/community/{post_id}/like")

    def grade(self, stats: Stats, problem: Problem) -> None:
        wrong = self.rng.random() < WRONG_SHARE
        body = {
            "problemId": problem.problem_id,
            "userCode": WRONG_CODE if wrong else problem.reference,
            "language": "python",
        }
        response = self.call(stats, GRADE, "POST", "/grade", json=body)
        if response is not None and response.status_code == 200:
            stats.verdict("WRONG_ANSWER" if wrong else "ACCEPTED", response.json()["status"])

    def post(self, stats: Stats, problem: Problem) -> None:
        body = {
            "title": "Load bench post",
            "content": "Written by `bench/load.py`.",
            "problemId": problem.problem_id,
        }
        response = self.call(stats, CREATE_POST, "POST", "/community", json=body)
        if response is not None and response.status_code == 201:
            self.posts.append(response.json()["postId"])

    def run(self, stats: Stats, deadline: float) -> None:
        routes, weights = list(MIX), list(MIX.values())
        while time.perf_counter() < deadline:
            self.act(stats, self.rng.choices(routes, weights)[0])


def run_mix(students: list[Student], seconds: float, stats: Stats) -> float:
    """Every student on its own thread until the deadline; returns the wall time taken."""
    started = time.perf_counter()
    threads = [threading.Thread(target=s.run, args=(stats, started + seconds)) for s in students]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return time.perf_counter() - started


# --- the platform -------------------------------------------------------------------------------


def bank_problems() -> list[Problem]:
    from alpaco.bank.catalog import load_bank, problem_id

    return [
        Problem(problem_id(bp), bp.reference_code) for bp in load_bank() if bp.bank_id in BANK_IDS
    ]


@contextmanager
def local_platform(workdir: Path) -> Iterator[str]:
    """DynamoDB Local in memory, the bench's bank problems, and `alpaco serve` as its own process
    with the rate limits raised; yields the gateway URL."""
    os.environ.update(
        {
            "ALPACO_ENV": "local",
            "AWS_REGION": "ap-northeast-2",
            "ALPACO_TABLE_PREFIX": f"load{uuid.uuid4().hex[:6]}-",
            "ALPACO_CURSOR_SECRET": "bench-cursor-secret",
        }
    )
    # Each student writes far past a person's per-minute budget: the bench measures the platform,
    # not the 429s.
    os.environ.update({f"ALPACO_RATE_LIMIT_{name}": str(RAISED_LIMIT) for name in LIMITED_ACTIONS})
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
        from alpaco.bank.seed import seed_bank
        from alpaco.kernel.invoke import get_invoker
        from alpaco.services.problems import repository

        server_env = dict(os.environ)
        # The sandbox verifying the problems logs each run here; the server keeps its own level.
        os.environ.setdefault("POWERTOOLS_LOG_LEVEL", "WARNING")
        report = seed_bank(get_invoker(), repository, only=BANK_IDS)
        if not report.ok:
            raise SystemExit(f"bench: seeding failed\n{report.summary()}")
        with serving(workdir, server_env) as url:
            yield url
    finally:
        engine.stop()


def sign_in(url: str, count: int, problems: list[Problem]) -> list[Student]:
    """The students, once the server is known to hold the problems; each writes one post, so
    comments and likes have somewhere to go from the first request."""
    probe = httpx.Client(base_url=url, timeout=TIMEOUT_SECONDS)
    found = [p for p in problems if probe.get(f"/problems/{p.problem_id}").status_code == 200]
    if not found:
        raise SystemExit(f"bench: {url} holds none of the bank problems {', '.join(BANK_IDS)}")
    run_id = uuid.uuid4().hex[:6]
    posts: list[str] = []
    students = [Student(url, f"load-{run_id}-{n}", found, posts) for n in range(count)]
    setup = Stats(rate_limits_raised=False)
    for student in students:
        student.post(setup, found[0])
    if not posts:
        raise SystemExit(f"bench: no student could write a post: {setup.examples}")
    return students


# --- the report ---------------------------------------------------------------------------------


def report(stats: Stats, elapsed: float) -> None:
    print(f"  {'route':<34} {'n':>6} {'p50 ms':>8} {'p99 ms':>8}  statuses")
    for route in MIX:
        times = stats.latencies.get(route, [])
        codes = stats.statuses.get(route, Counter())
        shown = " ".join(f"{code}:{n}" for code, n in sorted(codes.items()))
        if stats.transport[route]:
            shown += f" transport:{stats.transport[route]}"
        total = sum(codes.values()) + stats.transport[route]
        p50, p99 = percentile(times, 50), percentile(times, 99)
        print(f"  {route:<34} {total:>6} {p50:>8.1f} {p99:>8.1f}  {shown}")
    graded = stats.statuses.get(GRADE, Counter())[200]
    print(
        f"  throughput: {stats.requests / elapsed:.1f} requests/s, "
        f"{graded / elapsed:.1f} gradings/s over {elapsed:.1f} s"
    )
    verdicts = ", ".join(
        f"{want} -> {got}: {n}" for (want, got), n in sorted(stats.verdicts.items())
    )
    print(f"  verdicts (expected -> got): {verdicts or 'none'}")
    server = stats.count(lambda s: s >= 500)
    print(
        f"  errors: {stats.errors} (5xx {server}, transport {sum(stats.transport.values())}); "
        f"409 contended: {stats.count(lambda s: s == 409)}; 429 rate-limited: "
        f"{stats.count(lambda s: s == 429)}"
        + ("" if stats.rate_limits_raised else " (the server's own limits; not errors)")
    )
    for example in stats.examples:
        print(f"    e.g. {example}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--students", type=int, default=20, help="concurrent students")
    parser.add_argument("--seconds", type=float, default=30.0, help="timed window")
    parser.add_argument("--warmup", type=float, default=3.0, help="untimed load first")
    parser.add_argument("--url", help="a running local platform instead of the bench's own")
    args = parser.parse_args()
    own = args.url is None

    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="alpaco-load-") as tmp:
        platform: AbstractContextManager[str] = (
            local_platform(Path(tmp)) if own else nullcontext(args.url.rstrip("/"))
        )
        with platform as url:
            setup_s = time.perf_counter() - started
            students = sign_in(url, args.students, bank_problems())
            warmup = Stats(rate_limits_raised=own)
            run_mix(students, args.warmup, warmup)
            load_before = os.getloadavg()
            stats = Stats(rate_limits_raised=own)
            elapsed = run_mix(students, args.seconds, stats)
            load_after = os.getloadavg()

    where = f"own server (set up in {setup_s:.1f} s)" if own else url
    print(
        f"load bench: {args.students} students, {args.seconds:g} s timed after "
        f"{args.warmup:g} s untimed warm-up, {where}, {os.cpu_count()} CPUs"
    )
    if own:
        print(
            f"  rate limits raised to {RAISED_LIMIT}/window (gradings, posts, comments, likes): "
            "the mix is not throttled, a 429 is an error"
        )
    else:
        print("  rate limits are the server's own: 429s are reported apart, not errors")
    print(
        "  load average (1 min) before/after the timed window: "
        f"{load_before[0]:.2f} / {load_after[0]:.2f}"
    )
    report(stats, elapsed)
    if warmup.errors:
        print(f"  warm-up: {warmup.errors} errors, e.g. {warmup.examples[:2]}")
    return 1 if stats.errors or warmup.errors else 0


if __name__ == "__main__":
    sys.exit(main())
