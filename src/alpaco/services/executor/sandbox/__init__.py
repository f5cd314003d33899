"""The sandbox: a narrow surface over namespaces, cgroups, seccomp, rlimits and hygiene.

Callers see `detect()`/`describe()` (which layers are active), `RunLimits`, and `Box`: one running
sandboxed command for one submission, with per-case cgroup slots. Everything else is mechanism.
"""

from alpaco.services.executor.sandbox.box import Box, Seat, Seats, SlotServer
from alpaco.services.executor.sandbox.limits import RunLimits
from alpaco.services.executor.sandbox.probe import Capabilities, describe, detect

__all__ = [
    "Box", "Capabilities", "RunLimits", "Seat", "Seats", "SlotServer", "describe", "detect",
]  # fmt: skip
