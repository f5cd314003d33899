"""The red-team set (redteam.py beside this file), run by path as tests run in importlib mode."""

from __future__ import annotations

import runpy
from pathlib import Path
from types import SimpleNamespace

import pytest

REDTEAM = Path(__file__).with_name("redteam.py")


@pytest.fixture(scope="session")
def redteam() -> SimpleNamespace:
    return SimpleNamespace(**runpy.run_path(str(REDTEAM)))
