"""Every Terraform file parses (Terraform itself cannot be installed here: no registry access)."""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.infra import tfconfig


@pytest.mark.parametrize(
    "path", tfconfig.files(), ids=lambda p: str(p.relative_to(tfconfig.TERRAFORM))
)
def test_parses(path: Path) -> None:
    assert tfconfig.load(path), f"{path} parsed to nothing"


def test_every_module_is_used_and_exists() -> None:
    used = {
        tfconfig.module_source(instance)
        for folder in [tfconfig.PRODUCTION, *tfconfig.MODULES.iterdir()]
        for instance in tfconfig.merged(folder)["module"].values()
    }
    present = {folder.name for folder in tfconfig.MODULES.iterdir() if folder.is_dir()}
    assert used == present
