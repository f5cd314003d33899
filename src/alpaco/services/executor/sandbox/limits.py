"""What one test case may consume. Every layer reads the same frozen value, so they never disagree."""

from __future__ import annotations

import math
from dataclasses import dataclass

MIB = 1 << 20


@dataclass(frozen=True, slots=True)
class RunLimits:
    """Per-case limits.

    `memory_mb` bounds what the solution allocates beyond the interpreter's own footprint, which is
    already resident before user code starts. Output caps are in bytes; crossing one is an OLE.
    """

    time_ms: int
    memory_mb: int
    stdout_bytes: int = MIB
    stderr_bytes: int = 64 * 1024
    result_bytes: int = MIB - 8 * 1024  # the frame then fits in the largest pipe buffer
    file_bytes: int = 16 * MIB
    open_files: int = 64
    tasks: int = 32

    @property
    def cpu_seconds(self) -> int:
        """The RLIMIT_CPU soft limit; the hard limit is one second later (SIGXCPU, then SIGKILL)."""
        return max(1, math.ceil(self.time_ms / 1000))

    @property
    def memory_bytes(self) -> int:
        return self.memory_mb * MIB
