"""The executor end to end through its Lambda handler, on the real sandbox of this machine."""

from __future__ import annotations

import json
import threading
from typing import Any

import pytest

from alpaco.services.executor.handler import handler

ECHO = "def solution(x):\n    return x\n"


def run(code: str, **payload: Any) -> dict[str, Any]:
    result = handler({"code_to_execute": code, **payload}, None)
    json.dumps(result)  # everything must survive Lambda's wire format
    return result


def batch(code: str, inputs: list[Any], **payload: Any) -> list[dict[str, Any]]:
    result = run(code, inputs=inputs, **payload)
    assert result["statusCode"] == 200, result
    rows: list[dict[str, Any]] = result["results"]
    assert len(rows) == len(inputs)
    return rows


def test_single_payload_returns_the_original_fields_at_the_top_level() -> None:
    result = run(
        "def solution(x):\n    print('sum', sum(x))\n    return sum(x)\n", input_data=[1, 2]
    )

    assert result["statusCode"] == 200
    assert result["status"] == "OK"
    assert (result["returnValue"], result["stdout"], result["stderr"]) == (3, "sum 3", "")
    assert (result["exitCode"], result["timedOut"], result["error"]) == (0, False, None)
    assert result["isSuccessful"] is True
    assert result["outputTruncated"] is False
    assert result["peakMemoryKb"] > 1000
    assert (result["exceptionType"], result["exceptionLine"]) == (None, None)


def test_the_graders_body_wrapped_payload_is_accepted() -> None:
    body = json.dumps({"code_to_execute": "def solve(n):\n    return n * 2\n", "input_data": 21})

    assert run_event({"body": body})["returnValue"] == 42


def run_event(event: dict[str, Any]) -> dict[str, Any]:
    return handler(event, None)


@pytest.mark.parametrize("value", [None, 0, [], {}, "", {"a": [1, {"b": None}]}])
def test_input_data_reaches_the_function_as_is(value: Any) -> None:
    assert run("def answer(x):\n    return [x]\n", input_data=value)["returnValue"] == [value]


def test_function_names_are_tried_in_the_original_order() -> None:
    code = "def main(x):\n    return 'main'\ndef solve(x):\n    return 'solve'\n"

    assert run(code, input_data=1)["returnValue"] == "solve"


def test_return_values_are_marshalled_like_the_original() -> None:
    code = (
        "def solution(x):\n"
        "    return {'t': (1, 2), 's': {3, 1}, 1: float('inf'), 'n': float('nan')}\n"
    )

    assert run(code, input_data=None)["returnValue"] == {
        "t": [1, 2], "s": [1, 3], "1": "Infinity", "n": "NaN"}  # fmt: skip


def test_batch_results_come_back_in_input_order_with_parallel_cases() -> None:
    code = "import time\ndef solution(x):\n    time.sleep(0.05 * (5 - x))\n    return x * 10\n"

    rows = batch(code, [0, 1, 2, 3, 4, 5], timeout_ms=2000)

    assert [row["returnValue"] for row in rows] == [0, 10, 20, 30, 40, 50]
    assert all(row["status"] == "OK" for row in rows)


def test_stdio_mode_feeds_stdin_and_keeps_stdout() -> None:
    code = "import sys\nn = int(input())\nprint(sum(map(int, sys.stdin.read().split())) * n)\n"

    rows = batch(code, ["2\n1 2 3\n", "1\n", "3\n4 5"], mode="stdio")

    assert [row["stdout"] for row in rows] == ["12\n", "0\n", "27\n"]
    assert all(row["returnValue"] is None for row in rows)


def test_main_guard_runs_in_stdio_mode_but_not_in_function_mode() -> None:
    code = "def solution(x):\n    return x\nif __name__ == '__main__':\n    print('main ran')\n"

    assert run(code, input_data=5)["stdout"] == ""
    assert run(code, mode="stdio", input_data="")["stdout"] == "main ran\n"


def test_a_thread_started_by_the_module_finishes_before_the_case_ends() -> None:
    code = (
        "import threading, sys\n"
        "threading.stack_size(1 << 24)\n"
        "def main():\n"
        "    import time; time.sleep(0.05)\n"
        "    print(int(sys.stdin.readline()) + 1)\n"
        "threading.Thread(target=main).start()\n"
    )

    assert run(code, mode="stdio", input_data="41\n")["stdout"] == "42\n"


def test_atexit_handlers_run_like_at_interpreter_exit() -> None:
    code = (
        "import atexit, io, sys\n"
        "buffer = io.StringIO()\n"
        "atexit.register(lambda: sys.__stdout__.write(buffer.getvalue()))\n"
        "buffer.write('flushed at exit\\n')\n"
    )

    assert run(code, mode="stdio", input_data="")["stdout"] == "flushed at exit\n"


def test_a_syntax_error_is_a_compile_error_for_every_case() -> None:
    rows = batch("def solution(x)\n    return x\n", [1, 2, 3])

    assert {row["status"] for row in rows} == {"CE"}
    assert all(row["exceptionType"] == "SyntaxError" for row in rows)
    assert all(row["exceptionLine"] == 1 for row in rows)
    assert 'File "solution.py", line 1' in rows[0]["stderr"]
    assert rows[0]["stderr"].rstrip().endswith("SyntaxError: expected ':'")


def test_a_runtime_error_shows_only_the_users_frames_with_their_line_numbers() -> None:
    code = "def helper(v):\n    return 10 // v\n\ndef solution(x):\n    return helper(x)\n"

    result = run(code, input_data=0)

    assert (result["status"], result["exitCode"]) == ("RE", 1)
    assert (result["exceptionType"], result["exceptionLine"]) == ("ZeroDivisionError", 2)
    lines = result["stderr"].splitlines()
    assert lines[0] == "Traceback (most recent call last):"
    assert lines[1] == '  File "solution.py", line 5, in solution'
    assert '  File "solution.py", line 2, in helper' in lines
    assert lines[-1] == "ZeroDivisionError: integer division or modulo by zero"
    assert "<executor>" not in result["stderr"]
    assert "forkserver" not in result["stderr"]


def test_a_runtime_error_at_module_level_in_stdio_mode() -> None:
    result = run("x = 1\nraise ValueError('bad input')\n", mode="stdio", input_data="")

    assert (result["status"], result["exceptionType"], result["exceptionLine"]) == (
        "RE", "ValueError", 2)  # fmt: skip
    assert result["stderr"].splitlines()[1] == '  File "solution.py", line 2, in <module>'


def test_output_printed_before_an_error_is_kept() -> None:
    result = run("print('partial')\nraise KeyError(3)\n", mode="stdio", input_data="")

    assert result["stdout"] == "partial\n"
    assert result["stderr"].endswith("KeyError: 3\n")


def test_a_missing_solution_function_is_a_runtime_error_naming_the_contract() -> None:
    result = run("def helper(x):\n    return x\n", input_data=1)

    assert (result["status"], result["exceptionType"]) == ("RE", "SolutionFunctionNotFoundError")
    assert "solution, solve, answer, main" in result["stderr"]
    assert "helper" in result["stderr"]


def test_an_unserialisable_return_value_is_a_runtime_error() -> None:
    result = run("def solution(x):\n    return b'bytes'\n", input_data=1)

    assert (result["status"], result["exceptionType"]) == ("RE", "SerializationError")
    assert "'bytes' is not JSON-serialisable" in result["stderr"]


def test_exiting_instead_of_returning_is_a_runtime_error_in_function_mode() -> None:
    result = run("import sys\ndef solution(x):\n    sys.exit(0)\n", input_data=1)

    assert (result["status"], result["exceptionType"], result["exceptionLine"]) == (
        "RE", "SystemExit", 3)  # fmt: skip


@pytest.mark.parametrize(("code", "status", "exit_code"), [("0", "OK", 0), ("3", "RE", 3)])
def test_exit_codes_in_stdio_mode(code: str, status: str, exit_code: int) -> None:
    result = run(f"print('x')\nraise SystemExit({code})\n", mode="stdio", input_data="")

    assert (result["status"], result["exitCode"], result["stdout"]) == (status, exit_code, "x\n")


def test_execution_time_measures_each_cases_own_code_only() -> None:
    # Measured against each other in one batch, not against the wall clock: a loaded machine
    # slows the quick cases and the slow one alike.
    code = "import time\ndef solution(seconds):\n    time.sleep(seconds)\n    return seconds\n"

    quick, slow, quick_after = (row["executionTimeMs"] for row in batch(code, [0, 0.2, 0]))

    assert slow >= 195  # the solution's own sleep counts, whatever the load
    # ... and only its own: neither the batch's time nor a sibling case's (thin sandboxes run
    # them one after the other, so the last one starts after the slow one ended).
    assert max(quick, quick_after) < slow / 2


def test_cpu_and_wall_limits_are_time_limit_exceeded() -> None:
    spin = run("def solution(x):\n    while True:\n        pass\n", input_data=1, timeout_ms=300)
    sleep = run("import time\ntime.sleep(5)\n", mode="stdio", input_data="", timeout_ms=300)

    for result in (spin, sleep):
        assert (result["status"], result["timedOut"], result["exitCode"]) == ("TLE", True, -1)
        assert result["executionTimeMs"] == 300
        assert result["stderr"].endswith("Execution timed out.")


def test_allocating_past_the_memory_limit_is_memory_limit_exceeded() -> None:
    code = (
        "def solution(x):\n    hog = []\n    while True:\n        hog.append(bytearray(8 << 20))\n"
    )

    result = run(code, input_data=1, memory_limit_mb=64)

    assert result["status"] == "MLE"
    assert "Memory limit exceeded (64 MB)" in result["stderr"]


def test_a_solution_within_the_memory_limit_is_fine() -> None:
    code = "def solution(x):\n    block = bytearray(40 << 20)\n    return len(block)\n"

    result = run(code, input_data=1, memory_limit_mb=64)

    assert (result["status"], result["returnValue"]) == ("OK", 40 << 20)
    assert result["peakMemoryKb"] > 40 * 1024


def test_too_much_stdout_is_output_limit_exceeded_and_truncated() -> None:
    result = run("while True:\n    print('y' * 1000)\n", mode="stdio", input_data="")

    assert (result["status"], result["outputTruncated"]) == ("OLE", True)
    encoded = len(json.dumps(result["stdout"])) - 2  # the cap holds as the text travels
    assert (1 << 20) - 2000 < encoded <= 1 << 20


def test_a_huge_return_value_is_output_limit_exceeded() -> None:
    result = run("def solution(x):\n    return 'z' * (3 << 20)\n", input_data=1)

    assert (result["status"], result["returnValue"]) == ("OLE", None)
    assert "return value" in result["stderr"]


def test_a_bad_payload_is_a_result_shaped_400() -> None:
    result = handler({"input_data": 1}, None)

    assert (result["statusCode"], result["status"], result["isSuccessful"]) == (400, "IE", False)
    assert result["error"].startswith("Parameter error: code_to_execute")
    assert result["stderr"] == result["error"]


def test_an_empty_batch_runs_nothing() -> None:
    assert run(ECHO, inputs=[]) == {"statusCode": 200, "results": []}


def test_concurrent_submissions_from_many_threads_all_complete_correctly() -> None:
    outcomes: dict[int, list[Any]] = {}

    def submit(k: int) -> None:
        code = f"def solution(x):\n    return x * {k}\n"
        rows = batch(code, list(range(5)))
        outcomes[k] = [(row["status"], row["returnValue"]) for row in rows]

    threads = [threading.Thread(target=submit, args=(k,)) for k in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)

    assert outcomes == {k: [("OK", x * k) for x in range(5)] for k in range(4)}


def test_sustained_concurrent_batches_never_lose_a_case() -> None:
    """Many sessions forking sandboxes at once once left stale pipes in another session's epoll set."""
    code = "def solution(x):\n    print(x)\n    return x + 1\n"
    failures: list[Any] = []

    def submit() -> None:
        for _ in range(30):
            try:
                rows = batch(code, list(range(10)))
            except Exception as exc:
                failures.append(repr(exc))
                return
            failures.extend(
                r for i, r in enumerate(rows) if (r["status"], r["returnValue"]) != ("OK", i + 1)
            )

    threads = [threading.Thread(target=submit) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)

    assert failures == []


def test_a_compile_that_outlasts_its_deadline_is_a_compile_error(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from alpaco.services.executor import session

    monkeypatch.setattr(session, "COMPILE_TIMEOUT_S", 1e-6)
    slow_to_compile = "".join(
        f"def f{i}(a, b=1, *c, d, **e):\n    return [a for a in b if a]\n" for i in range(700)
    )  # ~25 ms of compiling: no reply can beat the deadline

    result = run(slow_to_compile + ECHO, input_data=1)

    assert (result["status"], result["exceptionType"]) == ("CE", "CompileTimeLimitExceeded")
