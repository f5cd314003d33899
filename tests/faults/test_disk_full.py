"""The data directory's disk filled up under a running platform: writes fail with a clear error in
the one error shape (never a success that stored nothing), reads keep working, and once space is
back writes succeed again within a bound, with nothing half-written."""

from __future__ import annotations

import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from tests.faults.conftest import FAULTS, Platform, until

pytestmark = FAULTS
DISK_MB = 96
RECOVERY_BOUND_S = 30


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    mount = tmp_path / "disk"
    mount.mkdir()
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={DISK_MB}m,mode=0700", "tmpfs", str(mount)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert mounted.returncode == 0, f"cannot mount a small disk (root is needed): {mounted.stderr}"
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=False)


def _fill(disk: Path) -> Path:
    filler = disk / "filler"
    with filler.open("wb") as out:
        try:
            while True:
                out.write(b"\0" * (1 << 20))
                out.flush()
        except OSError:
            pass
    return filler


def _post(platform: Platform, token: str, title: str) -> httpx.Response:
    return httpx.post(
        f"{platform.url}/community",
        json={"title": title, "content": "x" * 4000},
        headers={"Authorization": f"Bearer {token}", "Origin": platform.url},
        timeout=60,
    )


def test_a_full_disk_refuses_writes_clearly_and_recovers(small_disk: Path, tmp_path: Path) -> None:
    platform = Platform(small_disk / "data", log_dir=tmp_path)
    try:
        platform.start()
        token = platform.token("disk-filler")
        assert _post(platform, token, "before").status_code == 201
        filler = _fill(small_disk)
        refused = [_post(platform, token, f"while full {n}") for n in range(3)]
        assert {r.status_code for r in refused} == {503}, [r.text for r in refused]
        assert all(
            r.json()["code"] == "unavailable" and "retry-after" in r.headers for r in refused
        )
        report = httpx.get(f"{platform.url}/health", timeout=30)
        assert report.status_code == 503
        assert report.json()["checks"]["disk"]["status"] == "down"
        listed = httpx.get(f"{platform.url}/community", params={"pageSize": 100}, timeout=30)
        assert listed.status_code == 200
        titles = {post["title"] for post in listed.json()["items"]}
        assert titles == {"before"}  # nothing refused was half-written

        filler.unlink()
        started = time.monotonic()
        until(lambda: _post(platform, token, "after").status_code == 201, RECOVERY_BOUND_S)
        print(
            f"\ndisk full: writes refused with 503, back {time.monotonic() - started:.1f} s after"
        )
        assert httpx.get(f"{platform.url}/health", timeout=30).status_code == 200
    finally:
        platform.stop()
