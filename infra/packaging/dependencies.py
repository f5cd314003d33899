"""The pinned runtime dependencies, installed for the platform the functions run on.

pip fetches wheels for that platform whatever machine builds (`--platform`, `--only-binary`), so an
x86_64 laptop or CI runner builds the arm64 layer without Docker. `--no-deps`: the lock file already
lists every package, so nothing unpinned can slip in. Each install is kept under `build/`, keyed by
the lock file's hash and the target, so a second build installs nothing.
"""

from __future__ import annotations

import hashlib
import os
import platform
import shutil
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Final

# Files pip writes that no import reads and whose bytes differ from one builder to another: RECORD
# hashes console scripts whose first line names the builder's interpreter, and bin/ holds them.
_SKIPPED_METADATA: Final = frozenset({"RECORD", "INSTALLER", "REQUESTED", "direct_url.json"})


# The oldest glibc a manylinux wheel may ask for (manylinux2014 is manylinux_2_17).
_OLDEST_GLIBC_MINOR: Final = 17


@dataclass(frozen=True)
class Target:
    """A Python version, a CPU and the newest glibc the functions run with."""

    python: str
    arch: str
    glibc_minor: int

    @property
    def key(self) -> str:
        return f"py{self.python}-{self.arch}-glibc2.{self.glibc_minor}"

    def platforms(self) -> list[str]:
        """Every manylinux tag this glibc runs: pip matches `--platform` tags exactly."""
        minors = range(self.glibc_minor, _OLDEST_GLIBC_MINOR - 1, -1)
        return [f"manylinux_2_{minor}_{self.arch}" for minor in minors] + [
            f"manylinux2014_{self.arch}"
        ]


# The python3.12 runtime on arm64 (Graviton) runs on Amazon Linux 2023, whose glibc is 2.34.
LAMBDA: Final = Target("3.12", "aarch64", 34)


def host() -> Target:
    """This machine, so a test can import a package's handler with this interpreter."""
    libc, version = platform.libc_ver()
    minor = int(version.split(".")[1]) if libc == "glibc" else _OLDEST_GLIBC_MINOR
    python = f"{sys.version_info.major}.{sys.version_info.minor}"
    return Target(python, platform.machine(), minor)


def installed(requirements: Path, target: Target, cache: Path) -> Path:
    """A directory holding the locked packages for `target`, installed once per lock file."""
    digest = hashlib.sha256(requirements.read_bytes()).hexdigest()[:16]
    folder = cache / f"deps-{target.key}-{digest}"
    if not folder.is_dir():
        # Staged under this process's own name: two builders at once (the test workers) each
        # install, and whichever renames second finds the folder there and drops its copy.
        staging = folder.with_name(f"{folder.name}.partial-{os.getpid()}")
        shutil.rmtree(staging, ignore_errors=True)
        subprocess.run(
            [
                sys.executable, "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
                "--no-deps", "--no-compile", "--only-binary=:all:", "--implementation", "cp",
                "--python-version", target.python,
                *(f"--platform={tag}" for tag in target.platforms()),
                "--target", str(staging), "-r", str(requirements),
            ],
            check=True,
        )  # fmt: skip
        try:
            staging.rename(folder)
        except OSError:
            if not folder.is_dir():
                raise
            shutil.rmtree(staging, ignore_errors=True)
    return folder


def files(folder: Path) -> Iterator[tuple[str, Path]]:
    """(path inside the layer's python/ folder, file) for what the functions may import."""
    for path in sorted(folder.rglob("*")):
        relative = path.relative_to(folder)
        if path.is_dir() or relative.parts[0] == "bin" or "__pycache__" in relative.parts:
            continue
        if relative.parts[0].endswith(".dist-info") and relative.name in _SKIPPED_METADATA:
            continue
        yield relative.as_posix(), path
