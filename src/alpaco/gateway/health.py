"""`GET /health`: what each dependency is doing now, so an operator (or a load balancer) can tell
a running platform from one that only answers.

The deep answer checks DynamoDB (reachable, every table present), the data directory's free space,
the sandbox's layers and the LLM provider's configuration, and is 503 when something requests need
is down. `?deep=0` is liveness only: the process answers, nothing else is asked, for a load balancer
that probes often.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any, Final

from alpaco.kernel import dynamo, tables
from alpaco.kernel.config import Settings
from alpaco.kernel.dynamo_errors import Unavailable

OK: Final = "ok"
DEGRADED: Final = "degraded"  # works, with less than it should have
DOWN: Final = "down"
DISK_DOWN_BYTES: Final = 8 << 20
DISK_LOW_BYTES: Final = 64 << 20


def database(available: Callable[[], bool] | None = None) -> dict[str, Any]:
    """`available` is the supervisor's view, when the gateway runs DynamoDB Local itself."""
    if available is not None and not available():
        return {"status": DOWN, "error": "DynamoDB Local is restarting"}
    try:
        names = set(dynamo.probe_client().list_tables(Limit=100)["TableNames"])
    except Unavailable as exc:
        return {"status": DOWN, "error": str(exc)}
    missing = sorted(spec.name for spec in tables.ALL_TABLES if spec.name not in names)
    if missing:
        return {"status": DOWN, "missingTables": missing}
    return {"status": OK, "tables": len(tables.ALL_TABLES)}


def disk(data_dir: str) -> dict[str, Any]:
    """The data directory's free space, where the local database and its log live: a full disk
    fails every write long before anything else notices."""
    path = Path(data_dir)
    if not path.is_dir():
        return {"status": OK, "note": "no local data directory"}
    stats = os.statvfs(path)
    free = stats.f_bavail * stats.f_frsize
    found: dict[str, Any] = {"status": OK, "freeBytes": free}
    if free < DISK_DOWN_BYTES:
        found.update(status=DOWN, error="the data directory's disk is full")
    elif free < DISK_LOW_BYTES:
        found.update(status=DEGRADED, error="the data directory's disk is nearly full")
    return found


def sandbox() -> dict[str, Any]:
    from alpaco.services.executor.sandbox.probe import detect

    caps = detect()
    layers = {
        "namespaces": caps.bwrap is not None,
        "caseIsolation": caps.isolated,
        "cgroup": caps.cgroup is not None,
        "seccomp": caps.seccomp,
        "separateUid": caps.sandbox_uid_base is not None,
        "rlimits": True,
    }
    return {
        "status": DEGRADED if caps.degraded else OK,
        "mode": caps.mode,
        "layers": layers,
        "missing": list(caps.missing),
    }


def llm(settings: Settings) -> dict[str, Any]:
    needs_key = settings.llm_provider in ("gemini", "openai")
    if needs_key and not settings.llm_key_present:
        return {"status": DEGRADED, "provider": settings.llm_provider, "error": "no API key set"}
    return {"status": OK, "provider": settings.llm_provider}


def report(settings: Settings, available: Callable[[], bool] | None = None) -> dict[str, Any]:
    checks = {
        "dynamodb": database(available),
        "disk": disk(settings.data_dir),
        "sandbox": sandbox(),
        "llm": llm(settings),
    }
    statuses = {check["status"] for check in checks.values()}
    overall = DOWN if DOWN in statuses else DEGRADED if DEGRADED in statuses else OK
    return {"status": overall, "checks": checks}
