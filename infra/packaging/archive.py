"""Zip files whose bytes depend only on what goes in: the same tree gives the same archive.

A zip records each entry's time, permissions and order; they come from the files (or the order a
directory listing happens to give) unless fixed. Here entries are sorted, dated 1980-01-01 (the
earliest a zip can say), and either 0644 or, for what Lambda must execute, 0755.
"""

from __future__ import annotations

import hashlib
import zipfile
from collections.abc import Mapping
from pathlib import Path
from typing import Final

EPOCH: Final = (1980, 1, 1, 0, 0, 0)
_REGULAR: Final = 0o100644
_EXECUTABLE: Final = 0o100755
_UNIX: Final = 3


def write_zip(
    target: Path, files: Mapping[str, Path], executable: frozenset[str] = frozenset()
) -> str:
    """Write `files` (name in the archive → file on disk) to `target`; return its sha256 hex."""
    target.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(target, "w") as archive:
        for name in sorted(files):
            info = zipfile.ZipInfo(name, date_time=EPOCH)
            info.create_system = _UNIX
            info.external_attr = (_EXECUTABLE if name in executable else _REGULAR) << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, files[name].read_bytes())
    return sha256(target)


def inputs_digest(files: Mapping[str, Path]) -> str:
    """One hash of every name and content going in: equal digests must give equal archives."""
    digest = hashlib.sha256()
    for name in sorted(files):
        digest.update(f"{name}\0{sha256(files[name])}\n".encode())
    return digest.hexdigest()


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()
