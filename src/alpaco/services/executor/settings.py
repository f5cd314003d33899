"""The executor's settings, read from the environment in one place.

| variable                         | default              | meaning                                         |
|----------------------------------|----------------------|-------------------------------------------------|
| `ALPACO_SANDBOX`                 | `full`               | `thin`: no namespaces and no cgroups (Lambda)   |
| `ALPACO_EXECUTOR_DISABLE`        | none                 | comma list of bwrap, cgroup, seccomp, uid       |
| `ALPACO_EXECUTOR_MAX_CONCURRENT` | 8 per core           | submissions in progress                         |
| `ALPACO_EXECUTOR_WARM`           | 1 per core           | sandboxes booted ahead of demand (0: none)      |
| `ALPACO_EXECUTOR_PYTHON`         | the harness's own    | interpreter run in the sandbox                  |

An unknown sandbox mode stops start-up. A count that is not a whole number (or, for the concurrency
cap, is 0) means the default, which depends on the machine's cores and is resolved where the count
is used (`scheduler.max_concurrent`, `warm.warm_size`).
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Final

from alpaco.kernel.config import ConfigurationError

SANDBOX_MODES: Final = ("full", "thin")


@dataclass(frozen=True)
class ExecutorSettings:
    sandbox_mode: str = "full"
    disabled_layers: frozenset[str] = frozenset()
    max_concurrent: int | None = None
    warm: int | None = None
    python: str | None = None

    @classmethod
    def from_env(cls, environ: Mapping[str, str] = os.environ) -> ExecutorSettings:
        mode = environ.get("ALPACO_SANDBOX", "full").strip().lower() or "full"
        if mode not in SANDBOX_MODES:
            raise ConfigurationError(
                f"ALPACO_SANDBOX must be one of {', '.join(SANDBOX_MODES)}, not {mode!r}"
            )
        disabled = environ.get("ALPACO_EXECUTOR_DISABLE", "").split(",")
        concurrent = environ.get("ALPACO_EXECUTOR_MAX_CONCURRENT", "").strip()
        warm = environ.get("ALPACO_EXECUTOR_WARM", "").strip()
        return cls(
            sandbox_mode=mode,
            disabled_layers=frozenset(name.strip() for name in disabled if name.strip()),
            max_concurrent=int(concurrent)
            if concurrent.isdigit() and int(concurrent) > 0
            else None,
            warm=int(warm) if warm.isdigit() else None,
            python=environ.get("ALPACO_EXECUTOR_PYTHON") or None,
        )
