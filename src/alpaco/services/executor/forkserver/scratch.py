"""Wiping what a case wrote where a sandbox without namespaces can write (stdlib only).

Without per-case namespaces the scratch space is shared: the workdir, and the host's world-writable
/tmp, /var/tmp and /dev/shm. The fork server wipes them after each case, so that a later case of
the same submission (a sample, whose output the student sees) never finds what a hidden one
wrote; the harness wipes again when the sandbox closes, in case the fork server could not.
Only entries owned by the sandbox's uid and changed since `since_ns` go: the kernel sets ctime,
so user code cannot make an old file look new or a new one old.
"""

from __future__ import annotations

import os
import stat

SHARED_SCRATCH = ("/tmp", "/var/tmp", "/dev/shm")  # noqa: S108 - what we clean, not what we use
MAX_ENTRIES = 200_000


class TooMuchToWipe(Exception):
    """A case created more than `MAX_ENTRIES` entries: its sandbox must not serve another case."""


def wipe(workdir: str, uid: int, since_ns: int, *, limit: int = MAX_ENTRIES) -> None:
    """Empty `workdir` and remove the uid's recent entries from the shared scratch places."""
    budget = [limit]
    for entry in _entries(workdir):
        _remove(entry.path, budget)
    for directory in SHARED_SCRATCH:
        for entry in _entries(directory):
            try:
                info = entry.stat(follow_symlinks=False)
            except OSError:
                continue
            if info.st_uid == uid and info.st_ctime_ns >= since_ns and entry.path != workdir:
                _remove(entry.path, budget)


def _entries(directory: str) -> list[os.DirEntry[str]]:
    try:
        with os.scandir(directory) as listing:
            return list(listing)
    except OSError:
        return []


def _remove(path: str, budget: list[int]) -> None:
    """Remove a tree without recursion (a case may nest directories thousands deep)."""
    stack = [(path, False)]
    while stack:
        current, emptied = stack.pop()
        budget[0] -= 1
        if budget[0] < 0:
            raise TooMuchToWipe(path)
        try:
            info = os.lstat(current)
            if not stat.S_ISDIR(info.st_mode):
                os.unlink(current)
            elif emptied:
                os.rmdir(current)
            else:
                os.chmod(current, 0o700)  # a case may have locked its own directory
                stack.append((current, True))
                stack.extend((entry.path, False) for entry in _entries(current))
        except FileNotFoundError:
            continue
