"""`make package`'s output, built here for this machine's Python and CPU (Lambda's arm64 wheels
cannot be imported on x86_64; the same code picks the files either way): the same inputs give the
same bytes, the handlers are the ones Terraform names, and each package imports its handler in a
clean interpreter (`-I -S`: no site-packages, no PYTHONPATH) with only the layer and its own zip on
the path, as Lambda lays them out (/opt/python and /var/task)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path
from typing import Any

import pytest
from infra.packaging.build import build
from infra.packaging.dependencies import host
from infra.packaging.functions import ROOT, functions
from tests.infra import tfconfig

# Packages are built once per run, by one worker: two building into one cache would collide.
pytestmark = pytest.mark.xdist_group("packages")
CACHE = ROOT / "build" / "lambda"
ENVIRONMENT = {
    "ALPACO_CURSOR_SECRET": "s",
    "ALPACO_COGNITO_ISSUER": "https://cognito-idp.ap-northeast-2.amazonaws.com/pool",
    "ALPACO_COGNITO_CLIENT_ID": "client",
    "ALPACO_COGNITO_JWKS_URL": "https://cognito-idp.ap-northeast-2.amazonaws.com/pool/.well-known/jwks.json",
    "ALPACO_TABLE_PREFIX": "alpaco-production-",
    "ALPACO_SANDBOX": "thin",
    "AWS_REGION": "ap-northeast-2",
    "GENERAL_USERS_GROUP": "GeneralUsers",
}
IMPORT = """
import importlib, sys
task, layer, handler, service = sys.argv[1:5]
sys.path[:0] = [task, layer]
module, _, name = handler.rpartition(".")
if handler == "run.sh":
    from alpaco.gateway.lambda_app import create_stream_app
    from alpaco.kernel.auth import TokenVerifier
    from alpaco.kernel.config import get_settings
    importlib.import_module(f"alpaco.services.{service}.handler")
    create_stream_app(service, get_settings(), TokenVerifier.from_settings(get_settings()))
else:
    assert callable(getattr(importlib.import_module(module), name))
outside = [m.__file__ for m in list(sys.modules.values())
           if getattr(m, "__file__", None) and "site-packages" in m.__file__]
assert not outside, outside
"""


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Any]]:
    dist = tmp_path_factory.mktemp("dist")
    CACHE.mkdir(parents=True, exist_ok=True)
    return dist, build(dist, host(), CACHE)


def test_same_inputs_same_bytes(built: tuple[Path, dict[str, Any]], tmp_path: Path) -> None:
    """Equal inputs (every file's name and bytes) give equal zips. A file another developer edits
    between the two builds changes the inputs too, so only equal inputs are compared."""
    _, first = built
    second = build(tmp_path, host(), CACHE)
    pairs = [(first["layer"], second["layer"])]
    pairs += [(first["functions"][name], entry) for name, entry in second["functions"].items()]
    for before, after in pairs:
        if before["inputs"] == after["inputs"]:
            assert before["sha256"] == after["sha256"], after["file"]
    assert any(b["inputs"] == a["inputs"] for b, a in pairs), "nothing held still to compare"


def test_every_function_is_built(built: tuple[Path, dict[str, Any]]) -> None:
    _, manifest = built
    assert set(manifest["functions"]) == {f.name for f in functions()}


def test_handlers_are_the_ones_terraform_names(built: tuple[Path, dict[str, Any]]) -> None:
    _, manifest = built
    rest = tfconfig.merged(tfconfig.MODULES / "rest_service")["module"]["function"]["handler"]
    stream = tfconfig.merged(tfconfig.MODULES / "stream_service")["module"]["function"]["handler"]
    executor = tfconfig.merged(tfconfig.MODULES / "executor")["module"]["function"]["handler"]
    trigger = tfconfig.merged(tfconfig.MODULES / "cognito")["resource"]["aws_lambda_function"]
    named = {
        "rest": rest,
        "stream": stream,
        "direct": executor,
        "trigger": trigger["post_confirmation"]["handler"],
    }
    for name, entry in manifest["functions"].items():
        assert entry["handler"] == named[entry["kind"]].replace("${var.name}", name), name


def test_alpaco_is_split_between_layer_and_function(built: tuple[Path, dict[str, Any]]) -> None:
    dist, manifest = built
    layer = zipfile.ZipFile(dist / "layer.zip").namelist()
    assert "python/alpaco/kernel/config.py" in layer
    assert not [
        n
        for n in layer
        if n.startswith("python/alpaco/") and not n.startswith("python/alpaco/kernel/")
    ]
    for name, entry in manifest["functions"].items():
        names = zipfile.ZipFile(dist / entry["file"]).namelist()
        assert "alpaco/__init__.py" not in names, name
        assert not [n for n in names if n.startswith("alpaco/kernel/")], name


def test_layer_holds_exactly_the_runtime_lock(built: tuple[Path, dict[str, Any]]) -> None:
    dist, _ = built
    lock = {
        line.split("==")[0].lower().replace("_", "-")
        for line in (ROOT / "requirements" / "runtime.txt").read_text().splitlines()
        if "==" in line and not line.startswith("#")
    }
    installed = {
        name.split("/")[1].removesuffix(".dist-info").rsplit("-", 1)[0].lower().replace("_", "-")
        for name in zipfile.ZipFile(dist / "layer.zip").namelist()
        if name.endswith(".dist-info/METADATA")
    }
    assert installed == lock


def test_stream_packages_start_the_adapter_app(built: tuple[Path, dict[str, Any]]) -> None:
    dist, manifest = built
    for name, entry in manifest["functions"].items():
        if entry["kind"] != "stream":
            continue
        archive = zipfile.ZipFile(dist / entry["file"])
        script = archive.getinfo("run.sh")
        assert script.external_attr >> 16 == 0o100755
        assert f"exec python -m alpaco.gateway.lambda_app {name}" in archive.read(script).decode()


@pytest.fixture(scope="module")
def opt(built: tuple[Path, dict[str, Any]], tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The layer as Lambda mounts it. The trigger uses no layer but the runtime's boto3, which
    the layer's stands in for here."""
    folder = tmp_path_factory.mktemp("opt")
    zipfile.ZipFile(built[0] / "layer.zip").extractall(folder)
    return folder


@pytest.mark.parametrize("function", functions(), ids=lambda f: f.name)
def test_imports_its_handler_with_only_the_layer(
    built: tuple[Path, dict[str, Any]], opt: Path, tmp_path: Path, function: Any
) -> None:
    dist, manifest = built
    entry = manifest["functions"][function.name]
    zipfile.ZipFile(dist / entry["file"]).extractall(tmp_path)
    result = subprocess.run(
        [
            sys.executable,
            "-I",
            "-S",
            "-c",
            IMPORT,
            str(tmp_path),
            str(opt / "python"),
            entry["handler"],
            function.name,
        ],
        env={"PATH": os.environ.get("PATH", ""), **ENVIRONMENT},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-3000:]


def test_manifest_is_what_terraform_uploads(built: tuple[Path, dict[str, Any]]) -> None:
    dist, manifest = built
    assert json.loads((dist / "manifest.json").read_text()) == manifest
    for folder in ("rest_service", "stream_service", "executor"):
        package = tfconfig.merged(tfconfig.MODULES / folder)["module"]["function"]["package"]
        assert package == "${var.package}"
