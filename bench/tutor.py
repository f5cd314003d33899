"""The tutor's two costs: time to the first token through the gateway, and the leak guard per KB.

Time to first token: `alpaco serve` in its own process (bench/grading.py's platform) with the
offline provider; POST /chatbot with a real dev token, timed from the request to the first
`{"token": ...}` frame read off the socket, then to `[DONE]`. Baseline, in the same run: GET
/problems/{id} of the same problem, the cheapest signed-in read through the same gateway, so the
ratio is what the tutor adds (quota write, problem read, prompt, guard, stream) over a plain read.

Guard cost: in this process, a 4 KB answer mixing prose, honest snippets and a leaked solution,
fed in pieces of 4 characters (a token at a time, the worst case) and of 64; per KB of answer.
Baseline: encoding the same pieces as SSE token frames, which every answer pays anyway.

Usage: .venv/bin/python bench/tutor.py [--requests 50] [--rounds 200]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import tempfile
import time
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx

from grading import local_platform  # bench/ is the script's own folder, so its first import path

BANK_ID = "pair_sum_count"
KB = 1024


def bank_item(problem_id: str) -> dict[str, Any]:
    from alpaco.bank.catalog import load_bank

    bp = next(bp for bp in load_bank() if bp.bank_id == BANK_ID)
    cases = [{"input": sample, "expected_output": None, "isSample": True} for sample in bp.samples]
    return {
        "problemId": problem_id,
        "title": bp.title_en,
        "title_translated": bp.title_ko,
        "description": bp.statement_en,
        "description_translated": bp.statement_ko,
        "tags": list(bp.tags),
        "hints": list(bp.hints),
        "startCode": bp.start_code,
        "solutionCode": bp.reference_code,
        "bruteForceCode": bp.brute_code,
        "finalTestCases": json.dumps(cases),
        "generationStatus": "completed",
        "createdAt": "2026-01-01T00:00:00.000Z",
        "creatorId": "bench",
    }


# --- time to first token ------------------------------------------------------------------------


def first_token(
    client: httpx.Client, headers: dict[str, str], problem_id: str
) -> tuple[float, float]:
    """Milliseconds to the first token frame and to `[DONE]`."""
    body = {"newMessage": "How do I start?", "problemDetails": {"id": problem_id}}
    started = time.perf_counter()
    first = None
    with client.stream("POST", "/chatbot", json=body, headers=headers) as response:
        if response.status_code != 200:
            raise SystemExit(
                f"bench: POST /chatbot answered {response.status_code}: {response.read()!r}"
            )
        for line in response.iter_lines():
            if first is None and line.startswith('data: {"token"'):
                first = (time.perf_counter() - started) * 1000
            if line == "data: [DONE]":
                break
    if first is None:
        raise SystemExit("bench: the tutor sent no token")
    return first, (time.perf_counter() - started) * 1000


def read_ms(client: httpx.Client, headers: dict[str, str], problem_id: str) -> float:
    started = time.perf_counter()
    response = client.get(f"/problems/{problem_id}", headers=headers)
    response.raise_for_status()
    return (time.perf_counter() - started) * 1000


# --- the guard per KB ---------------------------------------------------------------------------


def answer_text(reference: str) -> str:
    """About 4 KB: what a chatty tutor writes, with one solution leaked in the middle."""
    prose = (
        "Checking every pair is too slow for n = 10^4, so sort the moods first with "
        "`nums.sort()` and look at the two ends. 정렬한 뒤 양 끝을 비교해 보세요. "
    )
    honest = "```python\nif nums[lo] + nums[hi] <= k:\n    ...\n```\n"
    leak = f"```python\n{reference}```\n"
    parts = [prose * 3, honest, prose * 4, leak, prose * 6, honest, prose * 6]
    return "\n\n".join(parts)


def per_kb_us(action: Callable[[], object], size: int, rounds: int) -> float:
    action()  # warm
    started = time.perf_counter()
    for _ in range(rounds):
        action()
    return (time.perf_counter() - started) / rounds / (size / KB) * 1e6


def guard_cost(rounds: int) -> list[tuple[int, float, float]]:
    from alpaco.bank.catalog import load_bank
    from alpaco.kernel.sse import Event
    from alpaco.services.chatbot.frames import token
    from alpaco.services.chatbot.leak_guard import LeakGuard

    bp = next(bp for bp in load_bank() if bp.bank_id == BANK_ID)
    text = answer_text(bp.reference_code)
    figures = []
    for piece in (4, 64):
        pieces = [text[i : i + piece] for i in range(0, len(text), piece)]

        def guarded(pieces: list[str] = pieces) -> None:
            guard = LeakGuard(
                {"solution": bp.reference_code, "brute force": bp.brute_code},
                given=bp.start_code,
                own=bp.start_code,
                replacement="(withheld)",
            )
            for part in pieces:
                guard.feed(part)
            guard.close()

        def encoded(pieces: list[str] = pieces) -> None:
            for part in pieces:
                Event.encode(token(part))

        size = len(text.encode())
        figures.append((piece, per_kb_us(guarded, size, rounds), per_kb_us(encoded, size, rounds)))
    return figures


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--requests", type=int, default=50, help="tutor answers (and reads) timed")
    parser.add_argument("--rounds", type=int, default=200, help="guard runs over the answer")
    args = parser.parse_args()
    os.environ.pop("ALPACO_LLM_PROVIDER", None)  # the offline tutor
    os.environ["ALPACO_CHAT_MESSAGES_PER_DAY"] = "1000000"

    with (
        tempfile.TemporaryDirectory(prefix="alpaco-bench-") as tmp,
        local_platform(Path(tmp)) as url,
    ):
        from alpaco.services.problems import repository

        problem_id = f"bench-{uuid.uuid4()}"
        repository.write_problem(bank_item(problem_id))
        with httpx.Client(base_url=url, timeout=60) as client:
            token = client.post("/auth/dev/token", json={"username": "bench-tutor"}).json()[
                "idToken"
            ]
            headers = {"Authorization": f"Bearer {token}"}
            for _ in range(5):  # warm: imports, connections, DynamoDB Local's JIT
                first_token(client, headers, problem_id)
                read_ms(client, headers, problem_id)
            streams = [first_token(client, headers, problem_id) for _ in range(args.requests)]
            reads = [read_ms(client, headers, problem_id) for _ in range(args.requests)]

    ttft = statistics.median(first for first, _ in streams)
    whole = statistics.median(total for _, total in streams)
    ttft_p90 = statistics.quantiles([first for first, _ in streams], n=10)[-1]
    read = statistics.median(reads)
    print(f"tutor bench: offline provider, {os.cpu_count()} CPUs, {args.requests} answers")
    print(f"  time to first token via the gateway: p50 {ttft:.1f} ms, p90 {ttft_p90:.1f} ms")
    print(f"  whole answer to [DONE]: p50 {whole:.1f} ms")
    print(f"  baseline GET /problems/{{id}} (signed in): p50 {read:.1f} ms")
    print(f"  ratio first token / read: {ttft / read:.2f}x")
    for piece, guard_us, encode_us in guard_cost(args.rounds):
        print(
            f"  leak guard, {piece}-character pieces: {guard_us:.0f} us per KB "
            f"(SSE encoding of the same pieces: {encode_us:.0f} us per KB, "
            f"ratio {guard_us / encode_us:.1f}x)"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
