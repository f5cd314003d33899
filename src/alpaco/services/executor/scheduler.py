"""How much runs at once, and who goes first when there is a queue.

Two shares of the same kind: admission (sandboxes alive, i.e. submissions in progress, bounded
for memory) and cores (at most one running case per core, so parallel cases never distort each
other's times). When a share is exhausted, a freed unit goes to the waiting tenant (the user a
submission is for) that has held the least of it lately: least attained service, with past use
decaying by half every `HALF_LIFE_S`. A student's short cases thus overtake a few accounts'
stream of cases that sleep to the time limit; round robin per grant would hand those most of the
time. A grant wakes a ticket's eventfd, so waiting composes with a session's `select`.
"""

from __future__ import annotations

import math
import os
import select
import threading
import time
from collections import defaultdict
from collections.abc import Callable

from alpaco.services.executor.settings import ExecutorSettings

HALF_LIFE_S = 10.0
FORGET_BELOW_S = 1e-3


def usable_cores() -> int:
    return max(1, len(os.sched_getaffinity(0)))


def max_concurrent() -> int:
    """Submissions in progress: `ALPACO_EXECUTOR_MAX_CONCURRENT`, else 8 per core.

    Waiting submissions hold only an idle fork server (~10 MB); the cores share bounds the CPU,
    so a high cap keeps a few accounts' slow submissions from locking everyone else out.
    """
    return ExecutorSettings.from_env().max_concurrent or 8 * usable_cores()


class Ticket:
    """One holder's place in a share: a tenant's claim that can wait, be granted and be taken."""

    def __init__(self, tenant: str) -> None:
        self.tenant = tenant
        self._event = os.eventfd(0, os.EFD_NONBLOCK | os.EFD_CLOEXEC)
        self.waiting = False
        self.granted = 0  # units granted and not yet taken

    def fileno(self) -> int:
        return self._event

    def wake(self) -> None:
        os.eventfd_write(self._event, 1)

    def drain(self) -> None:
        try:
            os.eventfd_read(self._event)
        except BlockingIOError:
            return

    def close(self) -> None:
        os.close(self._event)


class FairShare:
    def __init__(self, units: int, clock: Callable[[], float] = time.monotonic) -> None:
        self.units = units
        self._free = units
        self._clock = clock
        self._lock = threading.Lock()
        self._queue: list[Ticket] = []  # in arrival order: the tie-break
        self._used: dict[str, tuple[float, float]] = {}  # tenant -> (seconds, as of)
        self._holds: defaultdict[str, list[float]] = defaultdict(list)  # tenant -> hold starts

    def request(self, ticket: Ticket) -> None:
        """Ask for one unit; `take` tells when it is ours (at once if one is free)."""
        with self._lock:
            self._enqueue(ticket)
            self._grant()

    def take(self, ticket: Ticket) -> bool:
        """Claim a granted unit; False while the ticket still waits."""
        with self._lock:
            ticket.drain()
            if not ticket.granted:
                return False
            ticket.granted -= 1
            return True

    def release(self, ticket: Ticket, *, again: bool = False) -> None:
        """Return a unit taken with this ticket; with `again`, queue for the next in the same
        breath, so that the unit goes back to us if we are the fairest claimant."""
        with self._lock:
            self._settle(ticket.tenant)
            self._free += 1
            if again:
                self._enqueue(ticket)
            self._grant()

    def cancel(self, ticket: Ticket) -> None:
        """Leave the queue, giving back what was granted and not taken."""
        with self._lock:
            if ticket.waiting:
                self._queue.remove(ticket)
                ticket.waiting = False
            while ticket.granted:
                ticket.granted -= 1
                self._settle(ticket.tenant)
                self._free += 1
            self._grant()

    def acquire(self, ticket: Ticket, timeout_s: float) -> bool:
        """Block the calling thread until a unit is ours; False (and no unit) on timeout."""
        self.request(ticket)
        deadline = self._clock() + timeout_s
        poller = select.poll()
        poller.register(ticket.fileno(), select.POLLIN)
        while not self.take(ticket):
            remaining = deadline - self._clock()
            if remaining <= 0:
                self.cancel(ticket)
                return False
            poller.poll(None if remaining == math.inf else remaining * 1000)
        return True

    @property
    def available(self) -> int:
        with self._lock:
            return self._free

    def usage(self, tenant: str) -> float:
        """Seconds of this share the tenant has held lately (decayed), counting current holds."""
        with self._lock:
            return self._usage(tenant, self._clock())

    def _enqueue(self, ticket: Ticket) -> None:
        if not ticket.waiting:
            ticket.waiting = True
            self._queue.append(ticket)

    def _grant(self) -> None:
        now = self._clock()
        while self._free and self._queue:
            ticket = min(self._queue, key=lambda t: self._usage(t.tenant, now))
            self._queue.remove(ticket)
            ticket.waiting = False
            ticket.granted += 1
            self._free -= 1
            self._holds[ticket.tenant].append(now)
            ticket.wake()

    def _settle(self, tenant: str) -> None:
        """Charge the tenant for its oldest hold, which ends now."""
        now = self._clock()
        starts = self._holds[tenant]
        held = now - starts.pop(0) if starts else 0.0
        if not starts:
            del self._holds[tenant]
        used = self._decayed(tenant, now) + held
        if used < FORGET_BELOW_S and tenant not in self._holds:
            self._used.pop(tenant, None)
        else:
            self._used[tenant] = (used, now)

    def _usage(self, tenant: str, now: float) -> float:
        return self._decayed(tenant, now) + sum(
            now - start for start in self._holds.get(tenant, ())
        )

    def _decayed(self, tenant: str, now: float) -> float:
        seconds, since = self._used.get(tenant, (0.0, now))
        return float(seconds * 0.5 ** ((now - since) / HALF_LIFE_S))
