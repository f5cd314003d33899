"""The runner: queueing beyond the cap, and the degraded (rlimits + hygiene only) backend."""

from __future__ import annotations

import marshal
import os
import threading
import time
from collections.abc import Callable, Iterator

import pytest

from alpaco.services.executor import runner
from alpaco.services.executor.run_result import classify
from alpaco.services.executor.runner import Executor
from alpaco.services.executor.sandbox import Box, Capabilities, RunLimits, detect
from alpaco.services.executor.session import Submission

LIMITS = RunLimits(time_ms=2000, memory_mb=128)


def submission(code: str, inputs: list[object]) -> Submission:
    return Submission(code, tuple(marshal.dumps(value) for value in inputs), True, LIMITS)


def statuses(executor: Executor, sub: Submission) -> list[tuple[str, object]]:
    outcome = executor.run(sub)
    verdicts = [classify(fact, LIMITS, function_mode=True) for fact in outcome.facts]
    return [(verdict.status, verdict.return_value) for verdict in verdicts]


def test_submissions_beyond_the_cap_queue_instead_of_running(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    executor = Executor(detect(), concurrent=1, cores=2)
    lock = threading.Lock()
    live = [0]
    peak = [0]
    original_open, original_close = Box.open.__func__, Box.close  # type: ignore[attr-defined]

    def counting_open(cls: type[Box], *args: object, **kwargs: object) -> Box:
        box: Box = original_open(cls, *args, **kwargs)
        with lock:
            live[0] += 1
            peak[0] = max(peak[0], live[0])
        return box

    def counting_close(self: Box) -> None:
        with lock:
            live[0] -= 1
        original_close(self)

    monkeypatch.setattr(Box, "open", classmethod(counting_open))
    monkeypatch.setattr(Box, "close", counting_close)
    results: dict[int, list[tuple[str, object]]] = {}
    code = "import time\ndef solution(x):\n    time.sleep(0.05)\n    return x + 1\n"

    def submit(k: int) -> None:
        results[k] = statuses(executor, submission(code, [k, k]))

    threads = [threading.Thread(target=submit, args=(k,)) for k in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)

    assert peak[0] == 1
    assert results == {k: [("OK", k + 1)] * 2 for k in range(3)}


@pytest.fixture
def degraded(monkeypatch: pytest.MonkeyPatch) -> Iterator[Capabilities]:
    monkeypatch.setenv("ALPACO_EXECUTOR_DISABLE", "bwrap,cgroup,seccomp")
    detect.cache_clear()
    try:
        yield detect()
    finally:
        detect.cache_clear()


def left_behind(descendants: Callable[[int], list[int]], before: set[int]) -> set[int]:
    """Our processes now that were not there before, leaving out the warm sandboxes that the
    process-wide executor (other tests') may have booted meanwhile."""
    shared = runner._instance.get("executor")
    warm = shared.warm.idle_pids() if shared is not None else set()
    return set(descendants(os.getpid())) - before - warm


def test_the_degraded_backend_still_judges_and_cleans_up(
    degraded: Capabilities, descendants: Callable[[int], list[int]]
) -> None:
    before = set(descendants(os.getpid()))  # e.g. another executor's warm sandbox
    assert degraded.bwrap is None
    assert degraded.cgroup is None
    executor = Executor(degraded, concurrent=2, cores=2)
    code = (
        "import subprocess, time\n"
        "def solution(x):\n"
        "    if x == 'daemon':\n"
        "        subprocess.Popen(['sleep', '30'], start_new_session=True)\n"
        "    if x == 'spin':\n"
        "        while True:\n"
        "            pass\n"
        "    return x\n"
    )
    sub = Submission(
        code,
        tuple(marshal.dumps(value) for value in ("daemon", "spin", "plain")),
        True,
        RunLimits(time_ms=300, memory_mb=128),
    )

    verdicts = [classify(fact, sub.limits, function_mode=True) for fact in executor.run(sub).facts]

    assert [(v.status, v.return_value) for v in verdicts] == [
        ("OK", "daemon"), ("TLE", None), ("OK", "plain")]  # fmt: skip
    assert executor.closer.settle()
    assert left_behind(descendants, before) == set()


def test_the_degraded_backend_survives_a_killed_fork_server(
    degraded: Capabilities, descendants: Callable[[int], list[int]]
) -> None:
    before = set(descendants(os.getpid()))
    executor = Executor(degraded, concurrent=1, cores=1)
    code = (
        "import os\ndef solution(x):\n    if x:\n        os.kill(os.getppid(), 9)\n    return x\n"
    )

    results = statuses(executor, submission(code, [0, 1, 0]))

    assert results[0] == ("OK", 0)
    assert results[1][0] in {"IE", "RE"}
    assert results[2] == ("OK", 0)
    assert executor.closer.settle()
    assert left_behind(descendants, before) == set()


def test_waiting_for_a_core_does_not_spin() -> None:
    executor = Executor(detect(), concurrent=2, cores=1)
    slow = submission("import time\ndef solution(x):\n    time.sleep(0.6)\n    return x\n", [1])
    quick = submission("def solution(x):\n    return x\n", [2])
    results: dict[str, list[tuple[str, object]]] = {}
    cpu_before, wall_before = time.process_time(), time.monotonic()

    first = threading.Thread(target=lambda: results.update(slow=statuses(executor, slow)))
    first.start()
    while executor.core_share.available:
        time.sleep(0.001)
    results["quick"] = statuses(executor, quick)
    first.join(10)
    cpu, wall = time.process_time() - cpu_before, time.monotonic() - wall_before

    assert results == {"slow": [("OK", 1)], "quick": [("OK", 2)]}
    # Against the wall time of the same wait (at least the 0.6 s sleep): a waiter that spun would
    # burn a core for all of it; a loaded machine stretches the wall time, not this process's CPU.
    assert wall >= 0.6
    assert cpu < wall / 2


def test_a_compilation_that_outgrows_the_slot_is_a_compile_error(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    executor = Executor(detect(), concurrent=1, cores=1)
    if executor.caps.cgroup is None:
        pytest.fail("this machine offers cgroups: the probe says it does not")
    squeeze = 6 << 20  # far less than compiling the source below needs

    def tight(box: Box, limits: RunLimits) -> None:
        assert box.seat.cell is not None
        box.seat.cell.limit_slots(squeeze, limits.tasks)

    monkeypatch.setattr(Box, "limit", tight)
    source = "x = [" + ", ".join(f"({n}, '{n}', [{n}])" for n in range(2500)) + "]\n"
    source += "def solution(a):\n    return a\n"

    outcome = executor.run(submission(source, [1]))

    assert (outcome.compiled.ok, outcome.compiled.exception_type) == (False, "MemoryError")
    assert executor.closer.settle()
