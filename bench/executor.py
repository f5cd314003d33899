"""Executor benchmark: our sandboxed fork server against the original design, in the same run.

Baseline (the original executor): for every test case, write the solution and a runner script to
temporary files, start a fresh `python3` on the runner with the input as JSON on stdin, and parse
the return value from a marker line on stdout. No sandbox at all.

Ours: the real handler with every sandbox layer active: one bubblewrap sandbox and one
interpreter per submission, the code compiled once, one forked child per case. Sandboxes are
booted ahead of demand (ALPACO_EXECUTOR_WARM, default the submission cap); the cold figure starts
each on demand.

Printed: medians, and ratios against the baseline. Per-case overhead is the marginal cost of one
more trivial case: (T(1 + N cases) - T(1 case)) / N, measured with cases one at a time and with
the cases of a batch in parallel on every core.
"""

from __future__ import annotations

import base64
import json
import marshal
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from alpaco.services.executor.handler import handler
from alpaco.services.executor.runner import Executor, get_executor
from alpaco.services.executor.sandbox import RunLimits, describe, detect
from alpaco.services.executor.session import Submission

TRIVIAL = "def solution(x):\n    return x\n"
ADD = "def solution(data):\n    a, b = data\n    return a + b\n"
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


def median_ms(function: Callable[[], object], runs: int) -> float:
    function()  # warm-up, not timed
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        function()
        samples.append((time.perf_counter() - started) * 1000)
    return statistics.median(samples)


def baseline_python() -> str:
    """The system's plain python3, as the original ran `sys.executable` on Lambda (not a shim)."""
    return shutil.which("python3", path="/usr/bin:/usr/local/bin") or sys.executable


def baseline_case(python: str, workdir: Path, code: str, data: Any) -> Any:
    """One case the original way: temp files, a fresh interpreter, a marker on stdout."""
    user = workdir / "user_code.py"
    runner = workdir / "runner.py"
    user.write_text(code)
    runner.write_text(RUNNER)
    done = subprocess.run(
        [python, str(runner), str(user)],
        input=json.dumps(data),
        capture_output=True,
        text=True,
        timeout=10,
        check=True,
    )
    encoded = done.stdout.rsplit(MARKER, 1)[1].strip()
    return json.loads(base64.b64decode(encoded))["result"]


def ours(code: str, inputs: list[Any]) -> list[dict[str, Any]]:
    result = handler({"code_to_execute": code, "inputs": inputs, "timeout_ms": 5000}, None)
    rows: list[dict[str, Any]] = result["results"]
    assert all(row["status"] == "OK" for row in rows), rows[0]
    return rows


def batch(executor: Executor, code: str, inputs: list[Any]) -> Callable[[], object]:
    limits = RunLimits(time_ms=5000, memory_mb=256)
    sub = Submission(code, tuple(marshal.dumps(value) for value in inputs), True, limits)
    return lambda: executor.run(sub)


def marginal_case_ms(executor: Executor, extra: int, runs: int) -> float:
    one = median_ms(batch(executor, TRIVIAL, [0]), runs)
    many = median_ms(batch(executor, TRIVIAL, list(range(1 + extra))), runs)
    return (many - one) / extra


def rss_mb() -> tuple[float, float]:
    fields = dict(line.split(":", 1) for line in Path("/proc/self/status").read_text().splitlines())
    return int(fields["VmRSS"].split()[0]) / 1024, int(fields["VmHWM"].split()[0]) / 1024


def main() -> None:
    print(describe())
    if detect().degraded:
        print("WARNING: the sandbox is degraded; these numbers are not the all-layers figures")
    print(f"load average before: {os.getloadavg()[0]:.2f} on {os.cpu_count()} CPUs")
    python = baseline_python()
    cases = [[i, i + 1] for i in range(10)]
    with tempfile.TemporaryDirectory() as tmp:
        workdir = Path(tmp)
        assert baseline_case(python, workdir, ADD, [2, 3]) == 5
        base_case = median_ms(lambda: baseline_case(python, workdir, TRIVIAL, 1), 200)
        base_ten = median_ms(lambda: [baseline_case(python, workdir, ADD, c) for c in cases], 30)

    executor = get_executor()
    cold = Executor(executor.caps, concurrent=executor.admission.limit, cores=executor.cores)
    sequential = Executor(executor.caps, concurrent=1, cores=1)
    per_case_sequential = marginal_case_ms(sequential, 200, 9)
    per_case_parallel = marginal_case_ms(executor, 200, 9)
    single = median_ms(lambda: ours(TRIVIAL, [1]), 100)
    ten = median_ms(lambda: ours(ADD, cases), 100)
    ten_cold = median_ms(batch(cold, ADD, cases), 50)
    current, peak = rss_mb()

    print(f"\nbaseline: a fresh `{python}` per case running a runner script, no sandbox")
    print(f"  one case                               {base_case:8.2f} ms (median of 200)")
    print(f"  10-case submission                     {base_ten:8.2f} ms (median of 30)")
    print("ours: all layers on, one sandbox per submission, one fork per case")
    print(f"  per-case overhead, cases in sequence   {per_case_sequential:8.2f} ms "
          f"(marginal over 200 cases, 9 runs)  target <= 2 ms")  # fmt: skip
    print(f"  per-case overhead, cases in parallel   {per_case_parallel:8.2f} ms "
          f"(marginal over 200 cases, 9 runs)")  # fmt: skip
    print(f"  1-case submission end to end           {single:8.2f} ms (median of 100)")
    print(f"  10-case submission end to end          {ten:8.2f} ms (median of 100)  "
          "target <= 40 ms")  # fmt: skip
    print(f"  10-case submission, no warm sandbox    {ten_cold:8.2f} ms (median of 50)")
    print("ratios (baseline / ours)")
    print(f"  per case                               {base_case / per_case_sequential:8.1f}x")
    print(f"  10-case submission                     {base_ten / ten:8.1f}x  target >= 5x")
    print(f"  10-case submission, no warm sandbox    {base_ten / ten_cold:8.1f}x")
    print(f"harness RSS {current:.1f} MB now, {peak:.1f} MB peak  target <= 60 MB")
    print(f"load average after: {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
