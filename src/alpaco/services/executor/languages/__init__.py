"""Languages the executor runs. Python is the only one; each language is one declarative module."""

from __future__ import annotations

import re

_PYTHON = re.compile(r"^(python|python3|python3\.\d{1,2}|py|py3)$")


def canonical(name: str) -> str | None:
    """The executor's name for a requested language (`python3.12` → `python`), or None if unknown.

    Problems carry the version they were written for; the sandbox runs the harness's own
    version, so every `python3.x` label maps to the one interpreter we have.
    """
    return "python" if _PYTHON.match(name.strip().lower()) else None
