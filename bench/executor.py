"""Executor benchmark: our sandboxed executor against the original design, in the same run.

Baseline (the original executor): for every test case, a fresh `python3` on a runner script, the
solution and the runner written to temporary files, the input on stdin, the return value on a
marker line of stdout. No sandbox at all.

Ours: the real handler with every sandbox layer active: one sandbox and one interpreter per
submission, the code compiled once, one forked child per case.

What is measured, and why:
- Latency (p10/p50/p90) of a 10-case and a 1-case submission, as one student sees it on an
  otherwise idle machine: ours with sandboxes booted ahead of demand (the warm pool, refilled
  between submissions), ours cold (the sandbox started on the clock, as when the pool is empty),
  and the baseline. The variants take turns, so that machine noise falls on all of them alike.
- Throughput with twice as many clients as cores submitting back to back: every core is busy, so
  nothing (the warm pool's refills included) happens off the clock. This, not the latency, is how
  many submissions a machine can judge.
- CPU time per submission in that run, everything included (harness, sandboxes, their children):
  what a submission costs whoever pays for the machine.
- Per-case overhead: the marginal cost of one more trivial case, on one core and spread over every
  core; it bounds how large a test suite can be.
- The harness's resident memory: it runs beside the other services on a small machine.

The targets below are checked; the exit status is 1 when any is missed.
Usage: .venv/bin/python bench/executor.py [--rounds 40] [--seconds 8] [--blocks 2] [--warmup 1]
"""

from __future__ import annotations

import argparse
import base64
import contextlib
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any, NamedTuple


class Target(NamedTuple):
    label: str
    bound: float
    unit: str
    at_most: bool  # True: the figure must be <= bound; False: >= bound


# Targets on the 2-core reference machine.
TARGETS: dict[str, Target] = {
    "warm_p50": Target("10-case submission p50, warm pool", 22.0, "ms", at_most=True),
    "latency_ratio": Target("10-case p50 ratio, baseline / ours warm", 8.0, "x", at_most=False),
    "throughput_ratio": Target("saturated throughput, ours / baseline", 4.0, "x", at_most=False),
    "rss": Target("harness peak RSS (VmHWM)", 60.0, "MB", at_most=True),
    "per_case": Target("per-case overhead, one core", 2.0, "ms", at_most=True),
}

ADD = "def solution(data):\n    a, b = data\n    return a + b\n"
TRIVIAL = "def solution(x):\n    return x\n"
CODES = {"add": ADD, "trivial": TRIVIAL}
PER_CASE_EXTRA = 200
PER_CASE_RUNS = 9
MARKER = "###_RETURN_VALUE_###"
RUNNER = f"""
import base64, importlib.util, json, sys
spec = importlib.util.spec_from_file_location("user_code", sys.argv[1])
module = importlib.util.module_from_spec(spec)
spec.loader.exec_module(module)
data = json.loads(sys.stdin.read())
for name in ("solution", "solve", "answer", "main"):
    function = getattr(module, name, None)
    if callable(function):
        break
result = function(data)
print("{MARKER}" + base64.b64encode(json.dumps({{"result": result}}).encode()).decode())
"""
OURS = ("warm", "cold")
VARIANTS = ("baseline", *OURS)
TICKS_PER_S = os.sysconf("SC_CLK_TCK")


# --- one submission, either way -----------------------------------------------------------------


def test_cases(code: str, count: int) -> tuple[list[Any], list[Any]]:
    """Inputs and expected return values of `count` cases for the solution named `code`."""
    if code == "add":
        return [[i, i + 1] for i in range(count)], [2 * i + 1 for i in range(count)]
    return list(range(count)), list(range(count))


def ours_submission(code: str, inputs: list[Any]) -> list[Any]:
    from alpaco.services.executor.handler import handler

    event = {
        "code_to_execute": CODES[code],
        "inputs": inputs,
        "timeout_ms": 5000,
        "mode": "function",
    }
    result = handler(event, None)
    rows = result.get("results") or [result]
    bad = [row for row in rows if row.get("status") != "OK"]
    if result.get("statusCode") != 200 or bad:
        raise RuntimeError(f"the executor failed: {bad[:1] or result}")
    return [row["returnValue"] for row in rows]


def baseline_python() -> str:
    """The system's plain python3, as the original ran `sys.executable` on Lambda (not a shim)."""
    return shutil.which("python3", path="/usr/bin:/usr/local/bin") or sys.executable


def baseline_submission(code: str, inputs: list[Any], workdir: Path) -> list[Any]:
    """Every case the original way: temp files, a fresh interpreter, a marker on stdout."""
    returned = []
    for data in inputs:
        user = workdir / "user_code.py"
        runner = workdir / "runner.py"
        user.write_text(CODES[code])
        runner.write_text(RUNNER)
        done = subprocess.run(
            [baseline_python(), str(runner), str(user)],
            input=json.dumps(data),
            capture_output=True,
            text=True,
            timeout=10,
            check=True,
        )
        encoded = done.stdout.rsplit(MARKER, 1)[1].strip()
        returned.append(json.loads(base64.b64decode(encoded))["result"])
    return returned


def submitter(variant: str, workdir: Path) -> Callable[[str, int], float]:
    """Runs one checked submission of `count` cases and returns its wall time in ms."""

    def submit(code: str, count: int) -> float:
        inputs, expected = test_cases(code, count)
        started = time.perf_counter()
        if variant == "baseline":
            returned = baseline_submission(code, inputs, workdir)
        else:
            returned = ours_submission(code, inputs)
        elapsed = (time.perf_counter() - started) * 1000
        if returned != expected:
            raise RuntimeError(f"{variant}: wrong return values {returned[:3]}...")
        return elapsed

    return submit


# --- /proc readings -----------------------------------------------------------------------------


def rss_mb() -> tuple[float, float]:
    """(VmRSS, VmHWM) of this process in MB."""
    fields = dict(line.split(":", 1) for line in Path("/proc/self/status").read_text().splitlines())
    return int(fields["VmRSS"].split()[0]) / 1024, int(fields["VmHWM"].split()[0]) / 1024


def machine_ticks() -> tuple[int, int]:
    """(busy, total) clock ticks of every CPU since boot. Busy: user, nice, system, irq, softirq;
    idle, iowait and steal (the hypervisor running something else) are not ours."""
    line = Path("/proc/stat").read_text().split("\n", 1)[0]
    user, nice, system, idle, iowait, irq, softirq, steal = map(int, line.split()[1:9])
    busy = user + nice + system + irq + softirq
    return busy, busy + idle + iowait + steal


def own_cpu_s() -> float:
    """CPU seconds of this process and of its children reaped so far."""
    times = os.times()
    return times.user + times.system + times.children_user + times.children_system


def tree_cpu_ns(root: int) -> int:
    """CPU time so far of every live thread in the process tree under `root`."""
    total, pending = 0, [root]
    while pending:
        pid = pending.pop()
        try:
            for tid in os.listdir(f"/proc/{pid}/task"):
                task = Path(f"/proc/{pid}/task/{tid}")
                total += int((task / "schedstat").read_text().split()[0])
                pending += [int(child) for child in (task / "children").read_text().split()]
        except (OSError, ValueError):  # the process ended while being read
            continue
    return total


def settle(root: int, *, poll_s: float = 0.005, limit_s: float = 2.0) -> None:
    """Wait until the tree under `root` is idle (two polls in a row with < 0.2 ms of CPU), so that
    background work of one variant (a warm sandbox booting) never lands in another's timing."""
    deadline = time.monotonic() + limit_s
    last, quiet = tree_cpu_ns(root), 0
    while quiet < 2 and time.monotonic() < deadline:
        time.sleep(poll_s)
        now = tree_cpu_ns(root)
        quiet = quiet + 1 if now - last < 200_000 else 0
        last = now


# --- worker processes ---------------------------------------------------------------------------


def serve(variant: str) -> None:
    """Worker: run the submissions asked for on stdin, one JSON line per answer on stdout."""
    with tempfile.TemporaryDirectory(prefix="alpaco-bench-") as tmp:
        submit = submitter(variant, Path(tmp))
        first_use = [("add", 10), ("add", 1)]
        if variant != "baseline":
            first_use.append(("trivial", 1 + PER_CASE_EXTRA))
        for code, count in first_use:
            submit(code, count)  # untimed: imports, the probe, the warm pool, the page cache
        reply({"ready": True})
        for line in sys.stdin:
            request = json.loads(line)
            if "quit" in request:
                break
            reply({"ms": submit(request["code"], request["cases"])})
    current, peak = rss_mb()
    reply({"rss": current, "hwm": peak})


class Load:
    """`clients` threads submitting 10-case submissions back to back until `stop()`."""

    def __init__(self, variant: str, clients: int) -> None:
        self.variant = variant
        self.finished: list[float] = []  # perf_counter() at each completion
        self.errors: list[BaseException] = []
        self._stop = threading.Event()
        self._lock = threading.Lock()
        self._threads = [threading.Thread(target=self._client) for _ in range(clients)]
        for thread in self._threads:
            thread.start()

    def stop(self) -> None:
        """Let every client finish the submission it is in, then return."""
        self._stop.set()
        for thread in self._threads:
            thread.join()
        if self.errors:
            raise self.errors[0]

    def _client(self) -> None:
        with tempfile.TemporaryDirectory(prefix="alpaco-bench-") as tmp:
            submit = submitter(self.variant, Path(tmp))
            while not self._stop.is_set():
                try:
                    submit("add", 10)
                except BaseException as exc:
                    self.errors.append(exc)
                    self._stop.set()
                    return
                with self._lock:
                    self.finished.append(time.perf_counter())


def saturate(variant: str, clients: int, warmup_s: float, seconds: float) -> None:
    """Worker: saturate for `warmup_s` + `seconds`; report the window (the CPU from its start)."""
    load = Load(variant, clients)
    time.sleep(warmup_s)
    started, cpu_start, ticks_start = time.perf_counter(), own_cpu_s(), machine_ticks()
    time.sleep(seconds)
    ticks_end, deadline = machine_ticks(), time.perf_counter()
    load.stop()
    current, peak = rss_mb()
    reply(
        {
            "window_s": deadline - started,
            "in_window": sum(started < at <= deadline for at in load.finished),
            "counted": sum(at > started for at in load.finished),  # all the CPU reading covers
            "cpu_start": cpu_start,
            "busy_ticks": ticks_end[0] - ticks_start[0],
            "total_ticks": ticks_end[1] - ticks_start[1],
            "rss": current,
            "hwm": peak,
        }
    )


REPLIES = {"fd": 1}  # the worker's line to its parent (see run_worker)


def reply(message: dict[str, Any]) -> None:
    """One JSON line to the parent; if it has gone (it failed), the worker still exits cleanly."""
    with contextlib.suppress(BrokenPipeError):
        os.write(REPLIES["fd"], (json.dumps(message) + "\n").encode())


def worker_env(variant: str) -> dict[str, str]:
    """Warm: the production default pool size; cold: no pool at all."""
    env = {k: v for k, v in os.environ.items() if k != "ALPACO_EXECUTOR_WARM"}
    if variant == "cold":
        env["ALPACO_EXECUTOR_WARM"] = "0"
    return env


def worker_command(*args: str) -> list[str]:
    return [sys.executable, str(Path(__file__).resolve()), "--worker", *args]


class Worker:
    """A long-lived `serve` worker, driven one submission at a time."""

    def __init__(self, variant: str, *, one_core: bool = False) -> None:
        command = worker_command("serve", variant, *(["--one-core"] if one_core else []))
        self.variant = variant
        self.process = subprocess.Popen(
            command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, env=worker_env(variant)
        )
        self.read()  # ready

    def run(self, code: str, cases: int) -> float:
        """Wall time of one submission in ms, once its background work has settled too."""
        self.write({"code": code, "cases": cases})
        elapsed: float = self.read()["ms"]
        settle(self.process.pid)
        return elapsed

    def close(self) -> dict[str, Any]:
        self.write({"quit": True})
        final = self.read()
        self.process.wait(timeout=30)
        return final

    def write(self, message: dict[str, Any]) -> None:
        assert self.process.stdin is not None
        self.process.stdin.write((json.dumps(message) + "\n").encode())
        self.process.stdin.flush()

    def read(self) -> dict[str, Any]:
        return read_reply(self.process.stdout, f"the {self.variant} worker")


def read_reply(stream: IO[bytes] | None, name: str) -> dict[str, Any]:
    line = stream.readline() if stream is not None else b""
    if not line:
        raise SystemExit(f"bench: {name} died (its traceback is above)")
    message: dict[str, Any] = json.loads(line)
    return message


# --- measurements -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Saturated:
    """Saturated windows of one variant, added up."""

    window_s: float
    in_window: int  # submissions completed in the windows
    counted: int  # ... and after them, until the workers exited: what `cpu_s` covers
    cpu_s: float  # the workers and every child of theirs, sandboxes included
    busy_ticks: int  # every CPU of the machine (a cross-check of `cpu_s`)
    total_ticks: int
    rss: float  # at the end of the last window
    hwm: float

    def __add__(self, other: Saturated) -> Saturated:
        return Saturated(
            self.window_s + other.window_s,
            self.in_window + other.in_window,
            self.counted + other.counted,
            self.cpu_s + other.cpu_s,
            self.busy_ticks + other.busy_ticks,
            self.total_ticks + other.total_ticks,
            other.rss,
            max(self.hwm, other.hwm),
        )

    @property
    def rate(self) -> float:
        return self.in_window / self.window_s

    @property
    def cpu_ms(self) -> float:
        return self.cpu_s * 1000 / self.counted

    @property
    def machine_cpu_ms(self) -> float:
        return self.busy_ticks * 1000 / TICKS_PER_S / self.in_window

    @property
    def busy_share(self) -> float:
        return self.busy_ticks / max(1, self.total_ticks)


def latencies(workers: dict[str, Worker], rounds: int) -> dict[tuple[str, int], list[float]]:
    """Each round, every variant runs a 10-case then a 1-case submission, in a rotating order."""
    samples: dict[tuple[str, int], list[float]] = {(v, n): [] for v in workers for n in (10, 1)}
    names = list(workers)
    for round_index in range(rounds + 1):
        shift = round_index % len(names)
        for count in (10, 1):
            for name in names[shift:] + names[:shift]:
                elapsed = workers[name].run("add", count)
                if round_index > 0:  # round 0 is a warm-up
                    samples[name, count].append(elapsed)
    return samples


def per_case_ms(worker: Worker) -> float:
    """(T(1 + extra cases) - T(1 case)) / extra, medians of interleaved runs."""
    one, many = [], []
    for _ in range(PER_CASE_RUNS):
        one.append(worker.run("trivial", 1))
        many.append(worker.run("trivial", 1 + PER_CASE_EXTRA))
    return (statistics.median(many) - statistics.median(one)) / PER_CASE_EXTRA


def saturation(clients: int, blocks: int, warmup_s: float, seconds: float) -> dict[str, Saturated]:
    """`blocks` saturated windows per variant, the variants taking turns in a rotating order."""
    runs: dict[str, Saturated] = {}
    for block in range(blocks):
        shift = block % len(VARIANTS)
        for variant in VARIANTS[shift:] + VARIANTS[:shift]:
            window = saturated(variant, clients, warmup_s, seconds)
            runs[variant] = runs[variant] + window if variant in runs else window
    return {variant: runs[variant] for variant in VARIANTS}


def saturated(variant: str, clients: int, warmup_s: float, seconds: float) -> Saturated:
    """One saturated window in a fresh worker; its CPU is read when it has been reaped, so that
    every sandbox it started is closed and counted (the warm pool left idle at the end too: a
    slight overcount, against ours)."""
    command = worker_command("saturate", variant, str(clients), str(warmup_s), str(seconds))
    process = subprocess.Popen(command, stdout=subprocess.PIPE, env=worker_env(variant))
    report = read_reply(process.stdout, f"the saturated {variant} worker")
    assert process.stdout is not None
    process.stdout.close()
    _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        raise SystemExit(f"bench: the saturated {variant} worker exited {process.returncode}")
    return Saturated(
        report["window_s"],
        report["in_window"],
        report["counted"],
        usage.ru_utime + usage.ru_stime - report["cpu_start"],
        report["busy_ticks"],
        report["total_ticks"],
        report["rss"],
        report["hwm"],
    )


# --- report -------------------------------------------------------------------------------------


def deciles(samples: list[float]) -> tuple[float, float, float]:
    """(p10, p50, p90)."""
    cuts = statistics.quantiles(samples, n=10, method="inclusive")
    return cuts[0], cuts[4], cuts[8]


def print_header() -> None:
    from alpaco.services.executor.sandbox import describe, detect

    print(describe())
    if detect().degraded:
        print("WARNING: the sandbox is degraded; these are not the all-layers figures")
    cores = len(os.sched_getaffinity(0))
    print(
        f"machine: {os.cpu_count()} CPUs, {cores} usable; baseline interpreter {baseline_python()}"
    )
    print(f"load average before: {' '.join(f'{v:.2f}' for v in os.getloadavg())}")
    if os.getloadavg()[0] > cores / 2:
        print("WARNING: the machine is busy; every figure below is slowed by whatever else runs")


def print_latencies(samples: dict[tuple[str, int], list[float]], rounds: int) -> None:
    print(
        f"\nlatency, ms ({rounds} interleaved rounds)       p10      p50      p90   baseline/ours"
    )
    labels = {
        "baseline": "baseline, fresh python3 per case",
        "warm": "ours, warm pool",
        "cold": "ours, cold (sandbox on the clock)",
    }
    for count in (10, 1):
        base_p50 = deciles(samples["baseline", count])[1]
        for variant in VARIANTS:
            p10, p50, p90 = deciles(samples[variant, count])
            ratio = "" if variant == "baseline" else f"{base_p50 / p50:8.1f}x"
            label = f"{count:>2}-case {labels[variant]}"
            print(f"  {label:<44}{p10:7.1f}  {p50:7.1f}  {p90:7.1f}   {ratio}")


def print_saturation(runs: dict[str, Saturated], clients: int, blocks: int) -> None:
    seconds = runs["baseline"].window_s
    print(
        f"\nsaturated: {clients} clients, 10-case submissions back to back, "
        f"{blocks} windows per variant in turns, {seconds:.0f} s in all"
    )
    print("                         subm/s   CPU ms/subm   (machine-wide)   cores busy")
    for variant, run in runs.items():
        print(
            f"  {variant:<20}{run.rate:9.1f}   {run.cpu_ms:11.1f}   {run.machine_cpu_ms:14.1f}"
            f"   {run.busy_share:9.0%}"
        )
    base = runs["baseline"]
    for variant in OURS:
        run = runs[variant]
        print(
            f"  ours {variant} / baseline: throughput {run.rate / base.rate:.1f}x, "
            f"CPU per submission {base.cpu_ms / run.cpu_ms:.1f}x less"
        )


def check(figures: dict[str, float]) -> bool:
    """Print every target as PASS/FAIL; True when all are met."""
    print("\ntargets")
    met = True
    for key, target in TARGETS.items():
        value = figures[key]
        ok = value <= target.bound if target.at_most else value >= target.bound
        met = met and ok
        sign = "<=" if target.at_most else ">="
        print(
            f"  {'PASS' if ok else 'FAIL'}  {target.label:<42}{value:8.2f} {target.unit:<3}"
            f"(target {sign} {target.bound:g} {target.unit})"
        )
    return met


# --- main ---------------------------------------------------------------------------------------


def run_worker(args: list[str]) -> None:
    # Replies get a descriptor of their own; whatever the code under test prints or logs (the
    # services log JSON lines to stdout) goes to stderr instead of into the replies.
    REPLIES["fd"] = os.dup(1)
    os.dup2(2, 1)
    mode, variant, *rest = args
    if mode == "serve":
        if rest == ["--one-core"]:
            os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
        serve(variant)
    else:
        clients, warmup_s, seconds = rest
        saturate(variant, int(clients), float(warmup_s), float(seconds))


def main() -> int:
    if sys.argv[1:2] == ["--worker"]:  # a variant's own process, started below
        run_worker(sys.argv[2:])
        return 0
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--rounds", type=int, default=40, help="interleaved latency rounds")
    parser.add_argument("--seconds", type=float, default=8.0, help="saturated, per variant")
    parser.add_argument("--blocks", type=int, default=2, help="... split into this many windows")
    parser.add_argument("--warmup", type=float, default=1.0, help="saturated load before each")
    args = parser.parse_args()
    sys.stdout.reconfigure(line_buffering=True)  # type: ignore[union-attr]
    started = time.perf_counter()
    print_header()
    workers = {variant: Worker(variant) for variant in VARIANTS}
    samples = latencies(workers, args.rounds)
    print_latencies(samples, args.rounds)
    per_case_parallel = per_case_ms(workers["warm"])
    peaks = [workers.pop("warm").close()["hwm"]]
    for worker in workers.values():
        worker.close()
    one_core = Worker("warm", one_core=True)
    per_case_sequential = per_case_ms(one_core)
    peaks.append(one_core.close()["hwm"])
    print(f"\nper-case overhead, marginal over {PER_CASE_EXTRA} trivial cases, through the handler")
    print(f"  one core (cases in sequence)          {per_case_sequential:6.2f} ms")
    print(f"  every core (cases in parallel)        {per_case_parallel:6.2f} ms")
    clients = 2 * len(os.sched_getaffinity(0))
    runs = saturation(clients, args.blocks, args.warmup, args.seconds / args.blocks)
    print_saturation(runs, clients, args.blocks)
    warm = runs["warm"]
    peaks += [runs[v].hwm for v in OURS]
    print(
        f"\nharness RSS: {warm.rss:.1f} MB after the saturated warm run; "
        f"peak (VmHWM) over every harness process {max(peaks):.1f} MB"
    )
    print(f"load average after: {' '.join(f'{v:.2f}' for v in os.getloadavg())}")
    print(f"bench took {time.perf_counter() - started:.0f} s")
    warm_p50 = deciles(samples["warm", 10])[1]
    met = check(
        {
            "warm_p50": warm_p50,
            "latency_ratio": deciles(samples["baseline", 10])[1] / warm_p50,
            "throughput_ratio": warm.rate / runs["baseline"].rate,
            "rss": max(peaks),
            "per_case": per_case_sequential,
        }
    )
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
