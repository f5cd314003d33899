"""Sandbox uids, leased machine-wide.

Several harness processes (the gateway, a test worker, a benchmark) may run sandboxes on one
machine. A uid is held by binding an abstract socket named after it, which the kernel releases
when the holder exits, so two sandboxes never share a uid: without namespaces a sandbox may kill
every process of its uid and wipe every file it owns.
"""

from __future__ import annotations

import socket

UID_RANGE = 1000


def lease_uid(base: int) -> tuple[int, socket.socket]:
    """The first uid from `base` that nobody holds; ours until the returned socket is closed."""
    for uid in range(base, base + UID_RANGE):
        lease = socket.socket(socket.AF_UNIX, socket.SOCK_SEQPACKET | socket.SOCK_CLOEXEC)
        try:
            lease.bind(f"\0alpaco-sandbox-uid-{uid}")
        except OSError:
            lease.close()
            continue
        return uid, lease
    raise OSError(f"all {UID_RANGE} sandbox uids from {base} are in use")
