"""Runs submissions: admission, a fresh sandbox per submission, and retries if a sandbox breaks.

One `Executor` per process (`get_executor()`), shared by every thread that calls the handler.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass

from alpaco.kernel import log
from alpaco.services.executor.closer import Closer
from alpaco.services.executor.forkserver_client import Compiled, ForkServerClient, ProtocolError
from alpaco.services.executor.languages import python
from alpaco.services.executor.run_result import RunFacts
from alpaco.services.executor.sandbox import Box, Capabilities, RunLimits, Seats, detect
from alpaco.services.executor.sandbox.bwrap import TMPFS_BYTES
from alpaco.services.executor.sandbox.hygiene import keep_harness_private
from alpaco.services.executor.sandbox.limits import MIB
from alpaco.services.executor.scheduler import FairShare, Ticket, max_concurrent, usable_cores
from alpaco.services.executor.session import Session, Submission
from alpaco.services.executor.warm import WarmPool, warm_size

logger = log.get_logger("executor")

MAX_BOXES = 3
SERVER_AS_BYTES = 192 * MIB  # compiling: a MemoryError (CE) before the home cgroup's OOM
AS_SLACK_BYTES = 16 * MIB  # thread stacks, allocator arenas
NPROC_WITH_CGROUP = 512  # a backstop only: the pids cgroup is the real per-case task limit
SLOT_SERVERS_TIMEOUT_S = 10.0
TOO_BUSY = "the executor was too busy to start this submission within its time budget"


@dataclass(frozen=True, slots=True)
class Outcome:
    compiled: Compiled
    facts: tuple[RunFacts, ...]


class Executor:
    def __init__(self, caps: Capabilities, *, concurrent: int, cores: int, warm: int = 0) -> None:
        self.caps = caps
        self.cores = cores
        self.admission = FairShare(concurrent)
        self.core_share = FairShare(cores)
        self.parallel = cores if caps.isolated else 1  # cases at once in one sandbox
        self.seats = Seats(caps, cores)
        other_uid = caps.sandbox_uid_base is not None
        self.binary, reachable = python.interpreter(other_uid=other_uid)
        self.as_sandbox_uid = other_uid and reachable
        # The fork server's instructions for every case: its namespaces and its syscall filter;
        # without bubblewrap the fork server loads the sandbox's filter on itself.
        self.policy = {
            "namespaces": caps.isolated,
            "scratch": TMPFS_BYTES,
            "case_filter": caps.case_filter or b"",
            "server_filter": (caps.sandbox_filter or b"") if caps.bwrap is None else b"",
        }
        if caps.bwrap is None and not self.as_sandbox_uid:
            keep_harness_private()
        self.warm = WarmPool(warm, self._start_box)
        self.closer = Closer(self._closed)
        if other_uid and not reachable:
            logger.warning(
                "executor sandbox DEGRADED: %s is not reachable by the sandbox uids; "
                "the sandbox runs as the harness uid",
                self.binary,
            )

    def run(self, submission: Submission) -> Outcome:
        """Compile once and run every case; a broken sandbox is replaced for the cases it owed."""
        facts: list[RunFacts | None] = [None] * len(submission.inputs)
        if not facts:
            return Outcome(Compiled(True), ())
        ticket = Ticket(submission.tenant)
        try:
            if not self.admission.acquire(ticket, submission.deadline - time.monotonic()):
                return Outcome(Compiled(True), (RunFacts(None, lost=TOO_BUSY),) * len(facts))
            try:
                return self._run_admitted(submission, facts)
            finally:
                self.admission.release(ticket)
        finally:
            ticket.close()

    def _run_admitted(self, submission: Submission, facts: list[RunFacts | None]) -> Outcome:
        failure = "the case was not run"
        for _ in range(MAX_BOXES):
            remaining = [index for index, fact in enumerate(facts) if fact is None]
            if not remaining:
                break
            try:
                compiled = self._attempt(submission, remaining, facts)
            except (OSError, ProtocolError) as exc:
                logger.error("executor sandbox failed: %s", exc)
                failure = f"the sandbox could not be started: {exc}"
                continue
            if not compiled.ok:
                return Outcome(compiled, ())
        return Outcome(
            Compiled(True), tuple(fact or RunFacts(None, lost=failure) for fact in facts)
        )

    def _attempt(
        self, submission: Submission, remaining: list[int], facts: list[RunFacts | None]
    ) -> Compiled:
        box = self.warm.take() or self._start_box()
        try:
            box.limit(submission.limits)
            session = Session(box, submission, self.core_share)
            compiled = session.compile(self._server_limits(submission.limits), self.policy)
            if compiled.ok and remaining:
                session.run(remaining, facts)
        except (OSError, ProtocolError):
            logger.error("executor sandbox failed; its stderr: %s", box.diagnostics())
            raise
        finally:
            self.closer.close(box)
        return compiled

    def _closed(self, box: Box) -> None:
        self.seats.release(box.seat)
        self.warm.refill()

    def _start_box(self) -> Box:
        """A fresh sandbox whose fork server has its code and is booting."""
        seat = self.seats.acquire()
        try:
            box = Box.open(
                self.caps,
                seat,
                lambda fd: python.server_argv(self.binary, fd),
                ro_binds=python.ro_binds(self.binary),
                as_sandbox_uid=self.as_sandbox_uid,
            )
        except BaseException:
            self.seats.release(seat)
            raise
        try:
            box.control.sendall(python.server_code())
            box.control.settimeout(SLOT_SERVERS_TIMEOUT_S)  # the fork server is still booting
            box.start_slot_servers(self.parallel, ForkServerClient(box.control).start_slot_server)
        except BaseException:
            box.close()
            self.seats.release(seat)
            raise
        return box

    def _server_limits(self, limits: RunLimits) -> dict[str, int]:
        return {
            "server_as": SERVER_AS_BYTES,
            "memory": limits.memory_bytes,
            "as_slack": AS_SLACK_BYTES,
            "cpu": limits.cpu_seconds,
            "fsize": limits.file_bytes,
            "nofile": limits.open_files,
            "nproc": NPROC_WITH_CGROUP if self.caps.cgroup else limits.tasks + 8,
            "result": limits.result_bytes,
        }


_lock = threading.Lock()
_instance: dict[str, Executor] = {}


def get_executor() -> Executor:
    """The process-wide executor, built on first use (the probe costs one bubblewrap run)."""
    with _lock:
        if "executor" not in _instance:
            _instance["executor"] = Executor(
                detect(), concurrent=max_concurrent(), cores=usable_cores(), warm=warm_size()
            )
        return _instance["executor"]
