"""What goes into the layer and into each function's zip.

On Lambda `alpaco` is a namespace package split in two: the layer holds `alpaco/kernel` (what every
service shares) beside the pinned dependencies under /opt/python, and a function's zip holds its
own service, whole, and the other modules of ours it can import (another service's repository,
the gateway for a stream function) with the folders of files they read (the problem bank's
problems) under /var/task.
So `alpaco/__init__.py` ships in neither: a regular package would hide the other half.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path
from typing import Final

from infra.packaging.functions import STREAM_ENTRY, TRIGGER_SOURCE, Function
from infra.packaging.imports import PACKAGE, SRC, closure, is_package, module_path

KERNEL: Final = f"{PACKAGE}.kernel"
LAYER_ROOT: Final = "python"
# Lambda Web Adapter (AWS_LAMBDA_EXEC_WRAPPER=/opt/bootstrap) runs the handler, this script, to
# start the app; the layer's folder goes on the path as the runtime would put it for a handler.
RUN_SCRIPT: Final = """#!/bin/sh
export PYTHONPATH="/opt/{layer}${{PYTHONPATH:+:$PYTHONPATH}}"
exec python -m {entry} {service}
"""


def check_namespace() -> None:
    init = SRC / PACKAGE / "__init__.py"
    if init.is_file() and init.read_text(encoding="utf-8").strip():
        raise SystemExit(
            f"{init} must stay empty: on Lambda {PACKAGE} is a namespace package split between "
            "the layer and each function, so this file is not shipped"
        )


def kernel_files() -> dict[str, Path]:
    """The whole kernel: every function takes it from the layer."""
    folder = SRC.joinpath(*KERNEL.split("."))
    return {f"{LAYER_ROOT}/{name}": path for name, path in _tree(folder)}


def function_files(function: Function) -> dict[str, Path]:
    if function.kind == "trigger":
        return {TRIGGER_SOURCE.name: TRIGGER_SOURCE}
    own = f"{PACKAGE}.services.{function.name}"
    found = dict(_tree(SRC.joinpath(*own.split("."))))
    for module in closure(function.entry_modules):
        if module == PACKAGE or _within(module, KERNEL) or _within(module, own):
            continue
        path = module_path(module)
        assert path is not None  # closure() keeps modules of ours only
        found[_name(path)] = path
        if not is_package(module):
            found.update(_data_beside(path))
    return found


def run_script(function: Function) -> str:
    return RUN_SCRIPT.format(layer=LAYER_ROOT, entry=STREAM_ENTRY, service=function.name)


def _within(module: str, package: str) -> bool:
    return module == package or module.startswith(package + ".")


def _name(path: Path) -> str:
    return path.relative_to(SRC).as_posix()


def _tree(folder: Path) -> Iterator[tuple[str, Path]]:
    for path in sorted(folder.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            yield _name(path), path


def _data_beside(module: Path) -> Iterator[tuple[str, Path]]:
    """Folders of files a module reads rather than imports (`Path(__file__).parent / "problems"`):
    a folder beside it that is no package and that its source names."""
    names = {
        node.value
        for node in ast.walk(ast.parse(module.read_text(encoding="utf-8")))
        if isinstance(node, ast.Constant) and isinstance(node.value, str)
    }
    for child in sorted(module.parent.iterdir()):
        if child.is_dir() and child.name in names and not (child / "__init__.py").exists():
            yield from _tree(child)
