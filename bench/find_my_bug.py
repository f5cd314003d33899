"""Find my bug on the table of seeded bugs: time to the first failing input, and how small it shrinks.

Every bug of tests/integration/grader/seeded_bugs.py (off by one, wrong on empty or negative
input, overflow-style wrapping, wrong tie break, each on a bank problem) is hunted in this process
through the grader's own service with the real executor, on the bank item exactly as the seeder
stores it (verified here first). Baselines measured in the same run: one grading of the same code
on the problem's stored tests (what a student gets today, "wrong answer on test k"), and the
failing input as first found, before shrinking.

Per bug: found or not, random inputs tried, seconds to the first failing input and in all, and the
input's size in JSON characters, first found → shrunk. Exits 1 when a bug is not found or a hunt
overruns its budget.
Usage: .venv/bin/python bench/find_my_bug.py [--repeat 1]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path
from typing import Any

PROJECT_ROOT = Path(__file__).resolve().parents[1]
SHOWN_CHARS = 44


class Store:
    """The Problems and Submissions tables, in memory: nothing here is about the database."""

    def __init__(self, items: dict[str, dict[str, Any]]) -> None:
        self.items = items

    def get_problem(self, problem_id: str) -> dict[str, Any] | None:
        return self.items.get(problem_id)

    def submission_counted(self, problem_id: str, *, accepted: bool) -> dict[str, Any]:
        return {}

    def put_submission(self, item: dict[str, Any], *, counted: dict[str, Any] | None) -> bool:
        return False


def stored_items(bank_ids: set[str], invoker: Any) -> dict[str, dict[str, Any]]:
    from alpaco.bank.catalog import load_bank, problem_id
    from alpaco.bank.seed import problem_item, utc_now
    from alpaco.bank.verify import verify_problem

    items = {}
    for bp in load_bank():
        if bp.bank_id in bank_ids:
            items[bp.bank_id] = {
                **problem_item(bp, verify_problem(bp, invoker), now=utc_now()),
                "problemId": problem_id(bp),
            }
    return items


def measure(bug: Any, item: dict[str, Any], ports: Any) -> dict[str, Any]:
    from alpaco.services.grader.request import FindBugRequest, GradeRequest
    from alpaco.services.grader.service import find_my_bug, grade_submission
    from alpaco.services.grader.submission import Submitter

    started = time.perf_counter()
    graded = grade_submission(
        GradeRequest(item["problemId"], bug.code, "python3.12"), Submitter("bench", "bench"), ports
    )
    grading = time.perf_counter() - started
    answer = find_my_bug(FindBugRequest(item["problemId"], bug.code, "python3.12"), "bench", ports)
    return {**answer, "gradingSeconds": grading, "gradingStatus": graded["status"]}


def row(bug: Any, runs: list[dict[str, Any]]) -> str:
    last = runs[-1]
    first_failing = [r["foundAfterSeconds"] for r in runs if r["foundAfterSeconds"] is not None]
    found_at = f"{statistics.median(first_failing):6.2f}" if first_failing else "     –"
    total = statistics.median(r["elapsedSeconds"] for r in runs)
    grading = statistics.median(r["gradingSeconds"] for r in runs)
    sizes = f"{last['foundInputChars'] or 0:>5} → {last['inputChars'] or 0:<4}"
    shown = json.dumps(last["input"], ensure_ascii=False) if last["found"] else "-"
    if len(shown) > SHOWN_CHARS:
        shown = shown[: SHOWN_CHARS - 1] + "…"
    return (
        f"{bug.kind:<15} {bug.bank_id:<23} {'yes' if last['found'] else 'NO':<5} "
        f"{last['tries']:>5} {found_at} {total:6.2f} {grading:7.2f} {sizes} "
        f"{last['shrinkSteps']:>5}  {shown}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=1, help="hunts per bug (times are medians)")
    args = parser.parse_args()
    os.environ.setdefault("ALPACO_ENV", "local")
    os.environ.setdefault("ALPACO_CURSOR_SECRET", "bench-cursor-secret")

    from alpaco.kernel.invoke import get_invoker
    from alpaco.services.grader.find_bug import BUDGET_SECONDS, MAX_TRIES, SEARCH_SECONDS
    from alpaco.services.grader.service import Ports

    sys.path.insert(0, str(PROJECT_ROOT))  # the table of bugs lives with the tests that hold it
    from tests.integration.grader.seeded_bugs import BUGS as bugs

    invoker = get_invoker()
    items = stored_items({bug.bank_id for bug in bugs}, invoker)
    store = Store({item["problemId"]: item for item in items.values()})
    ports = Ports(invoker=invoker, problems=store, submissions=store)
    print(
        f"find my bug: budget {BUDGET_SECONDS:g} s ({SEARCH_SECONDS:g} s to search), "
        f"at most {MAX_TRIES} tries; {args.repeat} hunt(s) per bug, times are medians"
    )
    print(
        f"{'bug':<15} {'problem':<23} {'found':<5} {'tries':>5} {'first':>6} {'total':>6} "
        f"{'grading':>7} {'chars found → shrunk':<20} {'steps':>5}  shrunk input"
    )
    failures: list[str] = []
    shrunk: list[float] = []
    slower: list[float] = []
    for bug in bugs:
        runs = [measure(bug, items[bug.bank_id], ports) for _ in range(args.repeat)]
        print(row(bug, runs))
        last = runs[-1]
        if not last["found"] or max(r["elapsedSeconds"] for r in runs) > BUDGET_SECONDS:
            failures.append(bug.name)
            continue
        shrunk.append(last["foundInputChars"] / max(1, last["inputChars"]))
        slower.append(last["foundAfterSeconds"] / last["gradingSeconds"])
    if shrunk:
        print(
            f"found {len(shrunk)}/{len(bugs)}; medians: the first failing input came after "
            f"{statistics.median(slower):.1f}x a grading's time, and shrinking made it "
            f"{statistics.median(shrunk):.1f}x smaller"
        )
    if failures:
        raise SystemExit(f"bench: not found within the budget: {', '.join(failures)}")


if __name__ == "__main__":
    main()
