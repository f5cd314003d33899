"""How long to wait before trying a model again, and how many times to try."""

from __future__ import annotations

import random
from dataclasses import dataclass

# Statuses worth another try: the request was fine but the service was not, this time (timeout,
# conflict, rate limit). Every 5xx counts as well; any other 4xx would fail the same way again.
TRANSIENT_STATUSES = frozenset({408, 409, 429})


def is_transient_status(status: int) -> bool:
    return status in TRANSIENT_STATUSES or status >= 500


@dataclass(frozen=True)
class RetryPolicy:
    """Exponential backoff with full jitter: every Lambda instance that hits the same quota at
    the same moment waits a different time, so their retries do not arrive together again."""

    attempts: int = 4
    base_seconds: float = 1.0
    cap_seconds: float = 20.0

    def delay(self, failed_attempt: int) -> float:
        """The pause after attempt number `failed_attempt` (1 for the first call) failed."""
        ceiling = min(self.cap_seconds, self.base_seconds * 2 ** (failed_attempt - 1))
        return random.uniform(0, ceiling)
