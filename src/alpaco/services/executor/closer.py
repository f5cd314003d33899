"""Sandboxes are torn down off the request path.

Closing a sandbox waits for its fork server and bubblewrap to exit and sweeps its cgroup cell:
about 3.5 ms here, which a submission's answer need not wait for. One long-lived thread does it;
the seat goes back to the pool, and the warm pool is topped up, only once the sandbox is gone.
"""

from __future__ import annotations

import atexit
import queue
import threading
from collections.abc import Callable

from alpaco.kernel import log
from alpaco.services.executor.sandbox import Box

logger = log.get_logger("executor")


class Closer:
    def __init__(self, after: Callable[[Box], None]) -> None:
        self._after = after
        self._boxes: queue.SimpleQueue[Box] = queue.SimpleQueue()
        self._pending = 0
        self._idle = threading.Condition()
        threading.Thread(target=self._run, name="alpaco-executor-closer", daemon=True).start()
        atexit.register(self.settle, 2.0)  # registered after the seats: runs before they go

    def close(self, box: Box) -> None:
        with self._idle:
            self._pending += 1
        self._boxes.put(box)

    def settle(self, timeout_s: float = 10.0) -> bool:
        """Wait until every sandbox handed over is gone (tests look for leftovers after that)."""
        with self._idle:
            return self._idle.wait_for(lambda: self._pending == 0, timeout_s)

    def _run(self) -> None:
        while True:
            box = self._boxes.get()
            try:
                box.close()
            except Exception:
                logger.exception("executor could not close a sandbox")
            finally:
                self._after(box)
                with self._idle:
                    self._pending -= 1
                    self._idle.notify_all()
