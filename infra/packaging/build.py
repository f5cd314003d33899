"""Build the layer and every function's zip, and a manifest of what was built.

When the building interpreter is the target's Python, each module also ships compiled: Lambda's
/var/task and /opt are read-only, so otherwise every cold start compiles every module it imports.
The bytecode checks no timestamp (`UNCHECKED_HASH`) and names the file where Lambda will see it,
so it is as reproducible as the sources.
"""

from __future__ import annotations

import importlib.util
import json
import py_compile
import sys
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Final

from infra.packaging import archive, contents, dependencies
from infra.packaging.dependencies import Target
from infra.packaging.functions import ROOT, STREAM_HANDLER, Function, functions

REQUIREMENTS: Final = ROOT / "requirements" / "runtime.txt"
LAYER_MOUNT: Final = "/opt"
TASK_ROOT: Final = "/var/task"


@dataclass(frozen=True)
class Built:
    file: str
    sha256: str
    bytes: int
    inputs: str


def build(dist: Path, target: Target, cache: Path) -> dict[str, object]:
    contents.check_namespace()
    deps = dependencies.installed(REQUIREMENTS, target, cache)
    layer = {f"{contents.LAYER_ROOT}/{name}": path for name, path in dependencies.files(deps)}
    layer.update(contents.kernel_files())
    compile_into = cache / f"pyc-{target.key}" if _compiles(target) else None
    manifest: dict[str, object] = {
        "target": asdict(target),
        "layer": asdict(_zip(dist / "layer.zip", layer, LAYER_MOUNT, compile_into)),
        "functions": {
            function.name: {
                **asdict(_function(dist, cache, function, compile_into)),
                "handler": function.handler,
                "kind": function.kind,
                "layer": function.uses_layer,
            }
            for function in functions()
        },
    }
    (dist / "manifest.json").write_text(json.dumps(manifest, indent=2, sort_keys=True) + "\n")
    return manifest


def _function(dist: Path, cache: Path, function: Function, compile_into: Path | None) -> Built:
    files = contents.function_files(function)
    executable: frozenset[str] = frozenset()
    if function.kind == "stream":
        script = cache / f"{function.name}-{STREAM_HANDLER}"
        script.write_text(contents.run_script(function), encoding="utf-8")
        files[STREAM_HANDLER] = script
        executable = frozenset({STREAM_HANDLER})
    return _zip(dist / f"{function.name}.zip", files, TASK_ROOT, compile_into, executable)


def _zip(
    target: Path,
    files: dict[str, Path],
    mount: str,
    compile_into: Path | None,
    executable: frozenset[str] = frozenset(),
) -> Built:
    if compile_into is not None:
        files = {**files, **_bytecode(files, mount, compile_into / target.stem)}
    digest = archive.write_zip(target, files, executable)
    return Built(target.name, digest, target.stat().st_size, archive.inputs_digest(files))


def _compiles(target: Target) -> bool:
    return target.python == f"{sys.version_info.major}.{sys.version_info.minor}"


def _bytecode(files: dict[str, Path], mount: str, into: Path) -> dict[str, Path]:
    tag = sys.implementation.cache_tag
    compiled: dict[str, Path] = {}
    for name, source in files.items():
        if not name.endswith(".py"):
            continue
        folder, _, stem = name.rpartition("/")
        entry = f"{folder}/__pycache__/{stem[:-3]}.{tag}.pyc".lstrip("/")
        output = into / entry
        if _compiled(source, output):
            compiled[entry] = output
            continue
        try:
            py_compile.compile(
                str(source),
                cfile=str(output),
                dfile=f"{mount}/{name}",
                doraise=True,
                invalidation_mode=py_compile.PycInvalidationMode.UNCHECKED_HASH,
            )
        except py_compile.PyCompileError:
            continue  # a file no import can load (a template, old syntax in a package's tests)
        compiled[entry] = output
    return compiled


def _compiled(source: Path, output: Path) -> bool:
    """An earlier build's bytecode of this very source: an unchecked-hash pyc's header holds the
    flags (bit 0: hash-based) and the source's hash, so a rebuild compiles only what changed."""
    if not output.is_file():
        return False
    with output.open("rb") as handle:
        header = handle.read(16)
    expected = importlib.util.source_hash(source.read_bytes())
    return header[4:8] == (1).to_bytes(4, "little") and header[8:16] == expected
