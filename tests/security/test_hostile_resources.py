"""Hostile resource use: memory, CPU, output floods, recursion, crashes, compile-time bombs."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from conftest import Judge

pytestmark = pytest.mark.security


def test_memory_bomb_in_large_chunks_is_mle(judge: Judge) -> None:
    code = "chunks = []\nwhile True:\n    chunks.append(bytearray(50 << 20))\n"

    assert judge.run(code, mode="stdio", input_data="", memory_limit_mb=128)["status"] == "MLE"


def test_memory_bomb_in_small_objects_is_mle(judge: Judge) -> None:
    code = "def solution(x):\n    grow = []\n    while True:\n        grow.append([x] * 1000)\n"

    assert judge.run(code, input_data=1, memory_limit_mb=64)["status"] == "MLE"


def test_memory_bomb_that_touches_pages_through_mmap_is_contained(judge: Judge) -> None:
    code = (
        "import mmap\n"
        "maps = []\n"
        "while True:\n"
        "    m = mmap.mmap(-1, 16 << 20)\n"
        "    m.write(b'x' * (16 << 20))\n"
        "    maps.append(m)\n"
    )

    result = judge.run(code, mode="stdio", input_data="", memory_limit_mb=64)

    assert result["status"] in {"MLE", "RE"}


def test_cpu_loop_is_tle(judge: Judge) -> None:
    assert (
        judge.run("while True:\n    pass\n", mode="stdio", input_data="", timeout_ms=300)["status"]
        == "TLE"
    )


def test_sleeping_past_the_wall_time_is_tle(judge: Judge) -> None:
    code = "import time\ndef solution(x):\n    time.sleep(30)\n"

    result = judge.run(code, input_data=1, timeout_ms=300)

    assert (result["status"], result["timedOut"]) == ("TLE", True)


def test_stdout_flood_is_ole(judge: Judge) -> None:
    code = "import sys\nwhile True:\n    sys.stdout.write('o' * 65536)\n"

    result = judge.run(code, mode="stdio", input_data="")

    assert (result["status"], result["outputTruncated"]) == ("OLE", True)


def test_a_stderr_flood_is_clipped_silently_and_never_decides_the_verdict(judge: Judge) -> None:
    code = (
        "import sys\n"
        "for _ in range(400):\n"
        "    print('debug ' * 10_000, file=sys.stderr)\n"
        "print(int(input()) * 2)\n"
    )

    result = judge.run(code, mode="stdio", input_data="21\n")

    assert (result["status"], result["stdout"]) == ("OK", "42\n")
    assert (result["outputTruncated"], result["stderrTruncated"]) == (False, True)
    assert len(result["stderr"]) < 200_000


def test_an_endless_stderr_flood_is_still_a_time_limit(judge: Judge) -> None:
    code = "import sys\nwhile True:\n    sys.stderr.write('e' * 65536)\n"

    result = judge.run(code, mode="stdio", input_data="", timeout_ms=500)

    assert (result["status"], result["stderrTruncated"]) == ("TLE", True)


def test_huge_return_value_is_ole(judge: Judge) -> None:
    code = "def solution(x):\n    return ['item-%d' % i for i in range(2_000_000)]\n"

    result = judge.run(code, input_data=1, timeout_ms=5000)

    assert (result["status"], result["returnValue"]) == ("OLE", None)


def test_huge_file_hits_the_file_size_limit(judge: Judge) -> None:
    code = (
        "def solution(x):\n"
        "    with open('/tmp/big', 'wb') as f:\n"
        "        for _ in range(100):\n"
        "            f.write(b'\\0' * (1 << 20))\n"
        "    return 'wrote 100 MB'\n"
    )

    result = judge.run(code, input_data=1)

    assert result["status"] in {"RE", "OLE"}
    assert result["returnValue"] is None


def test_deep_recursion_is_a_recursion_error(judge: Judge) -> None:
    code = "def solution(n):\n    return 0 if n == 0 else 1 + solution(n - 1)\n"

    result = judge.run(code, input_data=100_000)

    assert (result["status"], result["exceptionType"]) == ("RE", "RecursionError")
    assert "Previous line repeated" in result["stderr"]


def test_deep_recursion_with_a_raised_limit_still_works(judge: Judge) -> None:
    code = (
        "import sys\n"
        "sys.setrecursionlimit(10**6)\n"
        "def solution(n):\n"
        "    return 0 if n == 0 else 1 + solution(n - 1)\n"
    )

    assert judge.run(code, input_data=100_000)["returnValue"] == 100_000


def test_blowing_the_c_stack_is_a_runtime_error(judge: Judge) -> None:
    code = (
        "import sys\n"
        "sys.setrecursionlimit(10**9)\n"
        "def solution(x):\n"
        "    nested = []\n"
        "    for _ in range(2_000_000):\n"
        "        nested = [nested]\n"
        "    return len(repr(nested))\n"
    )

    result = judge.run(code, input_data=1, memory_limit_mb=512)

    assert result["status"] in {"RE", "MLE"}
    assert result["returnValue"] is None


def test_ctypes_segfault_is_a_runtime_error(judge: Judge) -> None:
    code = "import ctypes\ndef solution(x):\n    return ctypes.string_at(0)\n"

    result = judge.run(code, input_data=1)

    assert (result["status"], result["exceptionType"], result["exitCode"]) == (
        "RE", "SIGSEGV", -11)  # fmt: skip


@pytest.mark.parametrize(
    "source",
    [
        "x = " + "(" * 60_000,
        "x = " + "[" * 1000 + "]" * 1000,
        "def f():\n"
        + "".join(" " * (i + 1) + "if x:\n" for i in range(150))
        + " " * 151
        + "pass\n",
        "x = " + "1 +" * 20_000 + " 1\n",
    ],
    ids=["open-parens", "nested-lists", "nested-blocks", "long-expression"],
)
def test_compile_time_bombs_are_compile_errors_or_harmless(judge: Judge, source: str) -> None:
    result = judge.run(source, input_data=1, timeout_ms=2000)

    assert result["status"] in {"CE", "RE"}


def test_oversized_source_is_refused_before_it_reaches_the_sandbox(judge: Judge) -> None:
    result = judge.run("x = 1\n" * 20_000, input_data=1)

    assert (result["statusCode"], result["status"]) == (400, "IE")
    assert "larger than" in result["error"]


def test_escapes_cannot_amplify_a_batchs_response(judge: Judge) -> None:
    code = (
        "import sys\n"
        "sys.stderr.write('\\x02' * (1 << 20))\n"  # first: an OLE on stdout ends the case
        "sys.stdout.write('\\x01' * (1 << 20))\n"
    )

    result = judge.run(code, mode="stdio", inputs=[""] * 20)

    encoded = len(json.dumps(result))
    assert encoded < 6_000_000  # AWS Lambda's synchronous response limit is 6 MB
    rows = result["results"]
    assert all(row["outputTruncated"] and row["stderrTruncated"] for row in rows)


def test_a_batch_of_big_values_stays_within_the_response_budget(judge: Judge) -> None:
    code = "def solution(n):\n    return [[0] * 9] * n\n"

    result = judge.run(code, inputs=[10**6] * 30)

    assert len(json.dumps(result)) < 6_000_000
    assert {row["status"] for row in result["results"]} == {"OLE"}
