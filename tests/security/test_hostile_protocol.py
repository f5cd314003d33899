"""Attacks on the judge's own protocol: forged results, stdin tricks, monkeypatching the harness."""

from __future__ import annotations

import base64
import json
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from conftest import Judge

pytestmark = pytest.mark.security


def test_a_printed_fake_return_marker_is_just_stdout(judge: Judge) -> None:
    fake = base64.b64encode(json.dumps({"result": 42}).encode()).decode()
    code = f"def solution(x):\n    print('###_RETURN_VALUE_###{fake}')\n    return 1\n"

    result = judge.run(code, input_data=1)

    assert (result["status"], result["returnValue"]) == ("OK", 1)
    assert result["stdout"] == f"###_RETURN_VALUE_###{fake}"


def test_a_forged_frame_on_the_result_channel_is_not_a_return_value(judge: Judge) -> None:
    code = (
        "import os\n"
        "def solution(x):\n"
        "    for fd in range(3, 10):\n"
        "        try:\n"
        '            os.write(fd, b\'{"t":0,"v":42}\')\n'
        "        except OSError:\n"
        "            pass\n"
        "    return 1\n"
    )

    result = judge.run(code, input_data=1)

    assert result["returnValue"] != 42
    assert result["status"] == "RE"


def test_exiting_at_import_time_is_not_a_pass(judge: Judge) -> None:
    rows = judge.batch("import sys\nsys.exit(0)\ndef solution(x):\n    return x\n", [1, 2])

    assert [(row["status"], row["exceptionType"]) for row in rows] == [("RE", "SystemExit")] * 2


def test_os_exit_before_returning_is_not_a_pass(judge: Judge) -> None:
    result = judge.run("import os\ndef solution(x):\n    os._exit(0)\n", input_data=1)

    assert (result["status"], result["returnValue"]) == ("RE", None)


def test_monkeypatching_the_harness_affects_only_that_case(judge: Judge) -> None:
    code = (
        "import builtins, os, sys, json, atexit\n"
        "def solution(x):\n"
        "    if x == 'patch':\n"
        "        builtins.print = None\n"
        "        sys.modules['json'] = None\n"
        "        sys.modules['marshal'] = None\n"
        "        os._exit = lambda code: None\n"
        "        os.write = lambda fd, data: len(data)\n"
        "        sys.stdout = None\n"
        "        return 'patched'\n"
        "    return [print is not None, sys.modules['json'] is json, callable(os._exit)]\n"
    )

    rows = judge.batch(code, ["patch", "check", "check"])

    assert [(row["status"], row["returnValue"]) for row in rows] == [
        ("OK", "patched"), ("OK", [True, True, True]), ("OK", [True, True, True])]  # fmt: skip


def test_an_atexit_handler_that_never_returns_is_tle(judge: Judge) -> None:
    code = "import atexit, time\natexit.register(time.sleep, 60)\nprint('done')\n"

    assert judge.run(code, mode="stdio", input_data="", timeout_ms=300)["status"] == "TLE"


def test_stdin_cannot_be_rewritten_and_reads_past_eof_are_harmless(judge: Judge) -> None:
    code = (
        "import os, sys\n"
        "data = sys.stdin.read()\n"
        "try:\n"
        "    os.write(0, b'overwrite')\n"
        "    wrote = 'wrote'\n"
        "except OSError as exc:\n"
        "    wrote = type(exc).__name__\n"
        "print(len(data), wrote, repr(sys.stdin.read()), repr(sys.stdin.readline()))\n"
        "os.close(0)\n"
    )

    rows = judge.batch(code, ["x" * 1_000_000, "tiny"], mode="stdio")

    assert [row["stdout"] for row in rows] == [
        "1000000 PermissionError '' ''\n", "4 PermissionError '' ''\n"]  # fmt: skip


def test_reading_stdin_in_function_mode_finds_it_empty(judge: Judge) -> None:
    result = judge.run("def solution(x):\n    return input()\n", input_data=1)

    assert (result["status"], result["exceptionType"]) == ("RE", "EOFError")


def test_non_utf8_output_is_reported_not_fatal(judge: Judge) -> None:
    code = "import sys\nsys.stdout.buffer.write(b'ok \\xff\\xfe\\r\\n')\n"

    result = judge.run(code, mode="stdio", input_data="")

    assert (result["status"], result["stdout"]) == ("OK", "ok \ufffd\ufffd\r\n")


def test_a_terminal_injection_ioctl_is_refused(judge: Judge) -> None:
    code = (
        "import fcntl, termios\n"
        "def solution(x):\n"
        "    outcome = []\n"
        "    for fd in (0, 1, 2):\n"
        "        try:\n"
        "            fcntl.ioctl(fd, termios.TIOCSTI, b'x')\n"
        "            outcome.append('injected')\n"
        "        except OSError as exc:\n"
        "            outcome.append(exc.errno)\n"
        "    return outcome\n"
    )

    result = judge.run(code, input_data=1)

    assert result["status"] == "OK"
    assert "injected" not in result["returnValue"]


# Class: fields user code could fill with hidden data.


def test_an_exception_class_named_after_the_input_is_reported_as_a_user_exception(
    judge: Judge,
) -> None:
    code = (
        "def solution(d):\n    raise type(repr(d), (Exception,), {})('and a message: ' + repr(d))\n"
    )

    rows = judge.batch(code, ["HIDDEN-7f3a-1", "x" * 30_000])

    for row in rows:
        assert (row["status"], row["exceptionType"], row["exceptionLine"]) == (
            "RE", "UserException", 2)  # fmt: skip


def test_a_forged_exception_frame_yields_only_a_real_line_and_a_known_name(judge: Judge) -> None:
    code = (
        "import os\n"
        "def solution(d):\n"
        '    os.write(3, b\'{"e":{"type":"HIDDEN-7f3a","line":4242}}\')\n'
        "    os._exit(1)\n"
    )

    result = judge.run(code, input_data=1)

    assert (result["status"], result["exceptionType"], result["exceptionLine"]) == (
        "RE", "UserException", None)  # fmt: skip


def test_a_built_in_name_on_a_user_class_is_only_a_name_anyone_could_know(judge: Judge) -> None:
    code = "class ValueError(Exception):\n    pass\ndef solution(d):\n    raise ValueError(d)\n"

    result = judge.run(code, input_data=1)

    assert (result["status"], result["exceptionType"]) == ("RE", "UserException")


# Class: a result channel the case writes itself.


def test_a_claimed_time_is_not_believed(judge: Judge) -> None:
    code = (
        "import os, time\n"
        "def solution(d):\n"
        "    time.sleep(0.5)\n"
        '    os.write(3, b\'{"t":0,"v":1}\')\n'
        "    os._exit(0)\n"
    )

    result = judge.run(code, input_data=1)

    assert result["executionTimeMs"] >= 500
    assert result["status"] == "RE"


@pytest.mark.parametrize(
    "frame",
    [
        """b'{"v":NaN}'""",
        """b'{"v":Infinity}'""",
        """b'{"v":{"a":1,"a":2}}'""",
        """b'{"v":' + b'[' * 100_000 + b']' * 100_000 + b'}'""",
    ],
)
def test_a_malformed_frame_is_that_cases_runtime_error_and_nobody_elses(
    judge: Judge, frame: str
) -> None:
    code = (
        "import os\n"
        "def solution(d):\n"
        "    if d == 'forge':\n"
        f"        os.write(3, {frame})\n"
        "        os._exit(0)\n"
        "    return d\n"
    )

    rows = judge.batch(code, [1, "forge", 2])

    assert [(row["status"], row["returnValue"]) for row in rows] == [
        ("OK", 1), ("RE", None), ("OK", 2)]  # fmt: skip
    json.dumps(rows, allow_nan=False)  # what leaves is strict JSON


@pytest.mark.parametrize(
    "code",
    [
        "import os\ndef solution(d):\n    os._exit(125)\n",
        "import sys\nsys.modules['traceback'] = 42\ndef solution(d):\n    raise ValueError(d)\n",
        "import sys\nsys.modules['linecache'] = None\ndef solution(d):\n    1 / 0\n",
        (
            "class Meta(type):\n"
            "    @property\n"
            "    def __name__(cls):\n"
            "        raise RuntimeError('no name')\n"
            "    __qualname__ = property(lambda cls: 1 / 0)\n"
            "class Odd(Exception, metaclass=Meta):\n"
            "    pass\n"
            "def solution(d):\n"
            "    raise Odd(d)\n"
        ),
        (
            "class Key:\n"
            "    def __str__(self):\n"
            "        raise RuntimeError('no text')\n"
            "    __hash__ = object.__hash__\n"
            "def solution(d):\n"
            "    return {Key(): d}\n"
        ),
        "class Loud(Exception):\n    def __str__(self):\n        1 / 0\n"
        "def solution(d):\n    raise Loud()\n",
    ],
    ids=[
        "exit-125",
        "poisoned-traceback",
        "poisoned-linecache",
        "nameless-class",
        "bad-key",
        "unprintable-exception",
    ],
)
def test_what_the_solution_breaks_is_its_runtime_error_never_internal(
    judge: Judge, code: str
) -> None:
    rows = judge.batch(code, [1, 2])

    assert [row["status"] for row in rows] == ["RE", "RE"]
    assert all(row["error"] is None for row in rows)


def test_a_value_near_the_cap_comes_back_whole(judge: Judge) -> None:
    result = judge.run("def solution(n):\n    return 'v' * n\n", input_data=1_000_000)

    assert (result["status"], len(result["returnValue"])) == ("OK", 1_000_000)


def test_flooding_the_result_channel_ends_the_case_not_the_judge(judge: Judge) -> None:
    code = (
        "import os\n"
        "def solution(d):\n"
        "    if d:\n"
        "        while True:\n"
        "            os.write(3, b'x' * 65536)\n"
        "    return d\n"
    )

    rows = judge.batch(code, [1, 0], timeout_ms=500)

    assert [row["status"] for row in rows] == ["TLE", "OK"]
