"""Every call the syscall policy denies is refused by the filter itself, in both sandbox modes.

The production filters answer EPERM, which the kernel's own permission checks also answer, so a
test that only saw EPERM would pass with no filter at all. Here the same policy is compiled to
answer EDOM, which no kernel path returns for these calls: a probe in a real sandbox sees EDOM
for each denied call exactly when the filter is loaded, and never when the seccomp layer is off.
"""

from __future__ import annotations

import dataclasses
import errno
import marshal
import time
from typing import TYPE_CHECKING, Any

import pyseccomp  # type: ignore[import-untyped]
import pytest

from alpaco.services.executor.run_result import classify
from alpaco.services.executor.runner import Executor, get_executor
from alpaco.services.executor.sandbox import RunLimits, seccomp
from alpaco.services.executor.session import Submission

if TYPE_CHECKING:
    from conftest import Judge

pytestmark = pytest.mark.security

MARK = errno.EDOM
LIMITS = RunLimits(time_ms=5000, memory_mb=128)
CLONE_NEWUSER_WITH_FS = 0x10000000 | 0x200  # the kernel refuses the pair: no process is made
F_SETLK = 6
TIOCSTI = 0x5412
AF_INET = 2
# Harmless arguments: without the filter each call fails on them or does nothing.
ARGUMENTS: dict[str, tuple[int, ...]] = {
    "ptrace": (0xDEAD, 0, 0, 0),
    "unshare": (0,),
    "setns": (-1, 0),
    "mount": (0, 0, 0, 0, 0),
    "socket": (AF_INET, 1, 0),
    "reboot": (0, 0, 0, 0),
    "settimeofday": (0, 0),
    "personality": (0xFFFFFFFF,),
}
PROBE = """
import ctypes, os
libc = ctypes.CDLL(None, use_errno=True)
libc.syscall.restype = ctypes.c_long
def call(number, *args):
    ctypes.set_errno(0)
    result = libc.syscall(ctypes.c_long(number), *(ctypes.c_long(a) for a in args))
    return ctypes.get_errno() if result == -1 else 0
def solution(calls):
    seen = {name: call(number, *args) for name, (number, args) in calls.items()}
    pid = os.getpid()
    seen["prlimit64 on ourselves"] = call(calls["prlimit64"][0], 0, 7, 0, 0)
    seen["fcntl F_GETFD"] = call(calls["fcntl"][0], 0, 1, 0)
    return seen
"""


def numbers(names: tuple[str, ...]) -> dict[str, int]:
    found = {}
    for name in names:
        number = pyseccomp.resolve_syscall(pyseccomp.Arch.NATIVE, name)
        if number >= 0:
            found[name] = number
    return found


def calls(*, isolated: bool) -> dict[str, tuple[int, tuple[int, ...]]]:
    """Every denied call with its arguments; conditional rules with arguments that match."""
    denied = seccomp.SANDBOX_DENIED + seccomp.CASE_DENIED
    if not isolated:
        denied += seccomp.UNISOLATED_CASE_DENIED
    wanted = numbers((*denied, "prlimit64", "fcntl", "ioctl", "clone", "kill"))
    plan = {name: (wanted[name], ARGUMENTS.get(name, (-1, 0, 0, 0))) for name in denied
            if name in wanted}  # fmt: skip
    plan["prlimit64"] = (wanted["prlimit64"], (1, 7, 0, 0))  # another process's limits
    plan["fcntl"] = (wanted["fcntl"], (0, F_SETLK, 0))
    plan["ioctl"] = (wanted["ioctl"], (0, TIOCSTI, 0))
    plan["clone"] = (wanted["clone"], (CLONE_NEWUSER_WITH_FS, 0, 0, 0, 0))
    if not isolated:
        plan["kill"] = (wanted["kill"], (1, 0))  # signal 0 to pid 1: only asks whether it could
    return plan


def probe(executor: Executor) -> dict[str, int]:
    plan = calls(isolated=executor.caps.isolated)
    sub = Submission(PROBE, (marshal.dumps(plan),), True, LIMITS,
                     deadline=time.monotonic() + 30)  # fmt: skip
    outcome = executor.run(sub)
    result = classify(outcome.facts[0], LIMITS, function_mode=True)
    assert result.status == "OK", (result, outcome.facts[0].channel)
    seen: dict[str, int] = result.return_value
    return seen


def executor_with(**filters: Any) -> Executor:
    caps = dataclasses.replace(get_executor().caps, **filters)
    return Executor(caps, concurrent=1, cores=1, warm=0)


@pytest.mark.usefixtures("judge")  # for the mode: full or thin
def test_each_denied_call_is_refused_by_the_filter_and_only_by_it() -> None:
    isolated = get_executor().caps.isolated
    marked = executor_with(
        sandbox_filter=seccomp.sandbox_program(deny_errno=MARK),
        case_filter=seccomp.case_program(isolated=isolated, deny_errno=MARK),
    )
    unfiltered = executor_with(sandbox_filter=None, case_filter=None)
    try:
        with_filter, without = probe(marked), probe(unfiltered)
    finally:
        for executor in (marked, unfiltered):
            executor.closer.settle()
            executor.seats.remove_all()

    denied = set(calls(isolated=isolated))
    assert {name for name, seen in with_filter.items() if seen == MARK} == denied
    assert MARK not in without.values()
    # what the conditional rules let through still works with the filter on
    assert with_filter["prlimit64 on ourselves"] == 0
    assert with_filter["fcntl F_GETFD"] == 0


def test_the_production_filters_answer_eperm_for_every_denied_call(judge: Judge) -> None:
    plan = calls(isolated=get_executor().caps.isolated)

    seen = judge.run(PROBE, input_data=plan)["returnValue"]

    assert {name: seen[name] for name in plan} == dict.fromkeys(plan, errno.EPERM)
