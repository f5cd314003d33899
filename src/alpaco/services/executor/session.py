"""One submission inside one sandbox: compile once, then run the cases through the fork server.

A single-threaded event loop per submission. Each of the sandbox's slot servers compiles the
code; then the loop starts a case on a free slot server whenever it has been lent a core, reads
every case's pipes with byte caps, enforces each case's wall deadline and the submission's own,
and turns each finished case into `RunFacts`. Cases overlap when the sandbox isolates them from
each other (one slot server per core), and run one at a time otherwise (one slot server).
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import selectors
import signal
import time
from collections import deque
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from alpaco.kernel import log
from alpaco.services.executor.capture import Capture
from alpaco.services.executor.forkserver_client import (
    Compiled,
    Exited,
    ForkServerClient,
    ProtocolError,
)
from alpaco.services.executor.run_result import RunFacts
from alpaco.services.executor.sandbox import Box, RunLimits
from alpaco.services.executor.scheduler import FairShare, Ticket

logger = log.get_logger("executor")

COMPILE_TIMEOUT_S = 10.0
DEADLINE_SLACK_S = 0.05
EXIT_GRACE_S = 0.5
KILL_GRACE_S = 2.0
RESULT_FRAME_SLACK = 4096
PIPE_BUFFER_MAX = 1 << 20  # /proc/sys/fs/pipe-max-size by default: what anyone may ask for
STDERR_FLOOD_FACTOR = 16
SEALS = fcntl.F_SEAL_SEAL | fcntl.F_SEAL_SHRINK | fcntl.F_SEAL_GROW | fcntl.F_SEAL_WRITE
OUT_OF_BUDGET = "the submission ran out of its time budget before this case finished"


@dataclass(frozen=True, slots=True)
class Submission:
    source: str
    inputs: tuple[bytes, ...]  # marshal-encoded arguments (function mode) or stdin bytes (stdio)
    function_mode: bool
    limits: RunLimits
    tenant: str = ""  # whose submission it is: cores are shared fairly between tenants
    deadline: float = float("inf")  # time.monotonic() by which every case must have ended


@dataclass(eq=False)
class _Running:
    index: int
    slot: int
    deadline: float
    stdout: Capture
    stderr: Capture
    channel: Capture
    oom_before: int
    exited: Exited | None = None
    exited_at: float = 0.0
    timed_out: bool = False
    out_of_budget: bool = False
    killed: bool = False
    captures: list[Capture] = field(default_factory=list)

    def done(self, now: float) -> bool:
        if self.exited is None:
            return False
        return not any(c.open for c in self.captures) or now - self.exited_at > EXIT_GRACE_S


@dataclass(eq=False)
class _Slot:
    index: int
    server: ForkServerClient
    server_pid: int | None  # its host pid, which the slot's cgroup sweep must spare


class ForkServerLost(Exception):
    """The fork server died or broke the protocol; running cases are lost, pending ones retried."""


class Session:
    def __init__(self, box: Box, submission: Submission, cores: FairShare) -> None:
        self.box = box
        self.submission = submission
        self.cores = cores
        self.ticket = Ticket(submission.tenant)
        self.slots = {
            index: _Slot(index, ForkServerClient(server.control), server.pid)
            for index, server in enumerate(box.servers)
        }
        self.free = list(self.slots)
        self.pending: deque[int] = deque()
        self.running: dict[int, _Running] = {}
        self.selector = selectors.DefaultSelector()
        self.empty_stdin = _sealed(b"") if submission.function_mode else -1

    def compile(self, server_limits: dict[str, int], policy: dict[str, Any]) -> Compiled:
        """Every slot server compiles the code (in parallel); they all answer alike.

        A slot server compiles inside its slot's cgroup: a source whose compilation outgrows the
        case's memory gets the slot server killed, which is that source's compile error."""
        sub = self.submission
        servers = [slot.server for slot in self.slots.values()]
        ooms = self._oom_kills()
        try:
            for server in servers:
                server.control.settimeout(COMPILE_TIMEOUT_S)
                server.setup(
                    sub.source, function_mode=sub.function_mode, limits=server_limits,
                    policy=policy,
                )  # fmt: skip
            answers = [server.compiled() for server in servers]
        except TimeoutError:
            return Compiled(False, "CompileTimeLimitExceeded", None, "compilation took too long")
        except ProtocolError:
            if self._oom_kills() > ooms:
                return Compiled(False, "MemoryError", None, "compilation ran out of memory")
            raise
        finally:
            for server in servers:
                server.control.settimeout(None)
        return next((answer for answer in answers if not answer.ok), answers[0])

    def _oom_kills(self) -> int:
        nodes = [self.box.slot(index) for index in self.slots]
        with contextlib.suppress(OSError):
            return sum(node.oom_kills() for node in nodes if node is not None)
        return 0

    def run(self, indices: Sequence[int], facts: list[RunFacts | None]) -> None:
        """Fill `facts` for the given cases; on ForkServerLost, cases never started stay None."""
        self.pending.extend(indices)
        self.selector.register(self.ticket.fileno(), selectors.EVENT_READ)
        for slot in self.slots.values():
            self.selector.register(slot.server.fileno(), selectors.EVENT_READ, slot)
        try:
            while self.pending or self.running:
                if time.monotonic() >= self.submission.deadline:
                    self._out_of_budget(facts)
                self._dispatch()
                for key, _ in self.selector.select(self._timeout()):
                    self._on_ready(key)
                now = time.monotonic()
                self._enforce_deadlines(now)
                for run in [r for r in self.running.values() if r.done(now)]:
                    facts[run.index] = self._finish(run)
        except ForkServerLost as lost:
            logger.error("executor sandbox lost: %s; its stderr: %s", lost, self.box.diagnostics())
            for run in list(self.running.values()):
                facts[run.index] = self._lost(run, f"the sandbox failed while the case ran: {lost}")
                self._release(run)
        finally:
            for run in list(self.running.values()):
                self._release(run)
            self.cores.cancel(self.ticket)
            self.ticket.close()
            self.selector.close()
            if self.empty_stdin >= 0:
                os.close(self.empty_stdin)

    def _dispatch(self) -> None:
        while self.pending and self.free:
            if not self.cores.take(self.ticket):
                if not self.ticket.waiting:
                    self.cores.request(self.ticket)
                if not self.cores.take(self.ticket):
                    return
            index = self.pending.popleft()
            try:
                self._start(index)
            except BaseException:
                if index not in self.running:
                    self.cores.release(self.ticket)
                raise

    def _out_of_budget(self, facts: list[RunFacts | None]) -> None:
        """Past the submission's deadline: what has not started never will; what runs stops."""
        while self.pending:
            facts[self.pending.popleft()] = RunFacts(None, lost=OUT_OF_BUDGET)
        for run in self.running.values():
            if run.exited is None and not run.out_of_budget:
                run.out_of_budget = True
                self._kill(run)

    def _start(self, index: int) -> None:
        sub, slot = self.submission, self.free.pop()
        node = self.box.slot(slot)
        try:
            oom_before = node.oom_kills() if node is not None else 0
        except OSError as exc:
            self.free.append(slot)
            raise ForkServerLost(f"cannot read the case's cgroup ({exc})") from exc
        data = sub.inputs[index]
        limits = sub.limits
        frame_cap = limits.result_bytes + RESULT_FRAME_SLACK
        owned = [] if sub.function_mode else [_sealed(data)]
        reads = []
        for _ in range(3):
            read, write = os.pipe2(os.O_CLOEXEC)
            os.set_blocking(read, False)
            reads.append(read)
            owned.append(write)
        channel_later = _holds(owned[-1], frame_cap)
        if sub.function_mode:
            owned.append(_sealed(data))
        passed = [self.empty_stdin, *owned] if sub.function_mode else owned
        stdout = Capture(reads[0], keep=limits.stdout_bytes, limit=limits.stdout_bytes)
        stderr = Capture(
            reads[1],
            keep=limits.stderr_bytes,
            limit=limits.stderr_bytes * STDERR_FLOOD_FACTOR,
            tail=True,
        )
        channel = Capture(reads[2], keep=frame_cap, limit=frame_cap)
        run = _Running(
            index, slot, time.monotonic() + limits.time_ms / 1000 + DEADLINE_SLACK_S,
            stdout, stderr, channel, oom_before, captures=[stdout, stderr, channel],
        )  # fmt: skip
        self.running[index] = run
        # The channel is read once the case has exited, when its pipe can hold the whole frame:
        # one wake-up fewer per case (its first byte comes before the solution even starts).
        for capture in run.captures[:2] if channel_later else run.captures:
            self.selector.register(capture.fd, selectors.EVENT_READ, run)
        try:
            self.slots[slot].server.run(index, passed)
        except ProtocolError as exc:
            raise ForkServerLost(str(exc)) from exc
        finally:
            for fd in owned:
                os.close(fd)

    def _on_ready(self, key: selectors.SelectorKey) -> None:
        fd = key.fd
        if isinstance(key.data, _Slot):
            self._on_event(key.data)
        elif fd == self.ticket.fileno():
            return  # a core was lent to us: the next _dispatch takes it
        else:
            # Another thread forking (bwrap start-up) can keep a closed pipe alive in this epoll set,
            # so one select may report an fd number twice, or after an earlier event unregistered it.
            if self.selector.get_map().get(fd) is not key:
                return
            run = key.data
            capture = next((c for c in run.captures if c.fd == fd), None)
            if capture is None:
                return
            capture.pump()
            if not capture.open:
                self.selector.unregister(fd)
            elif capture.over:
                # Too much stdout or too big a value is the case's OLE; stderr only stops being read.
                if capture is not run.stderr:
                    self._kill(run)
                self.selector.unregister(fd)
                capture.close()

    def _on_event(self, slot: _Slot) -> None:
        try:
            event = slot.server.event()
        except ProtocolError as exc:
            raise ForkServerLost(str(exc)) from exc
        if event is None:
            raise ForkServerLost(f"the server of slot {slot.index} exited")
        run = self.running.get(event.case)
        if run is None or run.exited is not None or run.slot != slot.index:
            raise ForkServerLost("a slot server reported a case it does not run")
        run.exited, run.exited_at = event, time.monotonic()
        if run.channel.fd not in self.selector.get_map():
            run.channel.drain()  # the case and everything it left behind are gone by now

    def _kill(self, run: _Running) -> None:
        if not run.killed:
            run.killed = True
            try:
                self.slots[run.slot].server.kill(run.index)
            except ProtocolError as exc:
                raise ForkServerLost(str(exc)) from exc

    def _enforce_deadlines(self, now: float) -> None:
        for run in self.running.values():
            if run.exited is None and now >= run.deadline:
                if not run.timed_out:
                    run.timed_out = True
                    self._kill(run)
                elif now >= run.deadline + KILL_GRACE_S:
                    raise ForkServerLost("the fork server did not stop a case that ran out of time")

    def _timeout(self) -> float | None:
        now = time.monotonic()
        moments = [self.submission.deadline]
        for run in self.running.values():
            if run.exited is None:
                moments.append(run.deadline + (KILL_GRACE_S if run.timed_out else 0.0))
            else:
                moments.append(run.exited_at + EXIT_GRACE_S)
        soonest = min(moments)
        return None if soonest == float("inf") else max(0.0, soonest - now)

    def _finish(self, run: _Running) -> RunFacts:
        node = self.box.slot(run.slot)
        oom = False
        if node is not None:
            with contextlib.suppress(OSError):
                oom = node.oom_kills() > run.oom_before
                node.kill_all(keep=self.slots[run.slot].server_pid)
        exited = run.exited
        assert exited is not None
        if run.out_of_budget and not run.timed_out:
            facts = RunFacts(None, lost=OUT_OF_BUDGET)
        else:
            facts = RunFacts(
                status=exited.status,
                cpu_us=exited.cpu_us,
                maxrss_kb=exited.maxrss_kb,
                wall_ns=exited.wall_ns,
                timed_out=run.timed_out,
                oom_killed=oom,
                stdout=run.stdout.data(),
                stdout_over=run.stdout.over,
                stderr=run.stderr.data(),
                stderr_truncated=run.stderr.truncated,
                channel=run.channel.data(),
                channel_over=run.channel.over,
            )
        self._release(run, more=bool(self.pending))
        return facts

    def _lost(self, run: _Running, why: str) -> RunFacts:
        """A case whose fork server died: still a TLE if it had already run out of time."""
        if not run.timed_out:
            return RunFacts(None, lost=why)
        return RunFacts(signal.SIGKILL, timed_out=True, stdout=run.stdout.data(),
                        stderr=run.stderr.data())  # fmt: skip

    def _release(self, run: _Running, *, more: bool = False) -> None:
        for capture in run.captures:
            if capture.open:
                with contextlib.suppress(KeyError, ValueError):
                    self.selector.unregister(capture.fd)
                capture.close()
        del self.running[run.index]
        self.free.append(run.slot)
        self.cores.release(self.ticket, again=more)


def _holds(pipe: int, size: int) -> bool:
    """Grow a pipe to hold `size` bytes unread; False if it cannot be made that large."""
    if size <= PIPE_BUFFER_MAX:
        try:
            return fcntl.fcntl(pipe, fcntl.F_SETPIPE_SZ, max(size, 4096)) >= size
        except OSError:
            return False
    return False


def _sealed(data: bytes) -> int:
    """A read-only in-memory file holding `data`: the case reads it, nobody can change it."""
    fd = os.memfd_create("alpaco-input", os.MFD_CLOEXEC | os.MFD_ALLOW_SEALING)
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view) :]
    os.lseek(fd, 0, os.SEEK_SET)
    fcntl.fcntl(fd, fcntl.F_ADD_SEALS, SEALS)
    return fd
