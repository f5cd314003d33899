"""checkov finds nothing in infra/terraform, and every check skipped says why in its comment.

checkov pins boto3 and packaging versions that clash with ours, so it runs from its own venv
(build/checkov-venv, from requirements/checkov.txt), which `make infra-tools` creates.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
from pathlib import Path

import pytest
from tests.infra import tfconfig

CHECKOV = Path(
    os.environ.get("ALPACO_CHECKOV", tfconfig.ROOT / "build" / "checkov-venv" / "bin" / "checkov")
)
SKIP = re.compile(r"#\s*checkov:skip=([A-Z0-9_]+)(.*)")


def test_checkov_passes() -> None:
    if not CHECKOV.exists():
        pytest.fail(f"{CHECKOV} is missing: run `make infra-tools` (make test does)")
    result = subprocess.run(
        [
            str(CHECKOV),
            "-d",
            str(tfconfig.TERRAFORM),
            "--framework",
            "terraform",
            "--skip-download",
            "--quiet",
            "--compact",
            "-o",
            "json",
        ],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    reports = json.loads(result.stdout)
    failed = [
        f"{check['check_id']} {check['resource']} ({check['file_path']})"
        for report in (reports if isinstance(reports, list) else [reports])
        for check in report["results"]["failed_checks"]
    ]
    assert failed == []


@pytest.mark.parametrize(
    "path", tfconfig.files(), ids=lambda p: str(p.relative_to(tfconfig.TERRAFORM))
)
def test_every_skip_is_justified(path: Path) -> None:
    for number, line in enumerate(path.read_text().splitlines(), 1):
        if match := SKIP.search(line):
            reason = match.group(2).removeprefix(":").strip()
            assert len(reason) >= 15, (
                f"{path.name}:{number} skips {match.group(1)} without a reason"
            )
