"""What keeps the harness itself private when the sandbox has to share its uid (as on Lambda)."""

from __future__ import annotations

import ctypes

from alpaco.kernel import log

logger = log.get_logger("executor")

PR_SET_DUMPABLE = 4


def keep_harness_private() -> None:
    """Make this process non-dumpable: a same-uid process then cannot read our environment,
    memory or descriptors under /proc (they belong to root), nor attach to us."""
    libc = ctypes.CDLL(None, use_errno=True)
    if libc.prctl(PR_SET_DUMPABLE, 0, 0, 0, 0) != 0:
        logger.warning(
            "executor could not make the harness non-dumpable (errno %d)", ctypes.get_errno()
        )
