"""The grader's and the generator's call to the executor as it runs on AWS: `get_invoker()` with
ALPACO_INVOKER=lambda builds a LambdaInvoker on a real boto3 Lambda client, here pointed at moto's
server (AWS_ENDPOINT_URL_LAMBDA, which botocore honours). moto runs no function code without
Docker: its 'simple' Lambda answers with what the test queued, or echoes the payload; an answer
over Lambda's 6 MB limit comes back as a FunctionError, as on AWS. (It answers for a function
that does not exist too, so that path is not testable here.)"""

from __future__ import annotations

import io
import json
import zipfile
from collections.abc import Iterator
from typing import Any

import boto3
import pytest
import requests
from tests.infra.conftest import REGION

from alpaco.kernel import invoke
from alpaco.kernel.config import reset_settings
from alpaco.kernel.invoke import InvokeError, LambdaInvoker

PREFIX = "alpaco-moto-"


@pytest.fixture
def invoker(moto_url: str, aws: None, monkeypatch: pytest.MonkeyPatch) -> Iterator[invoke.Invoker]:
    monkeypatch.setenv("AWS_ENDPOINT_URL_LAMBDA", moto_url)
    monkeypatch.setenv("AWS_ENDPOINT_URL_IAM", moto_url)
    monkeypatch.setenv("ALPACO_INVOKER", "lambda")
    monkeypatch.setenv("ALPACO_LAMBDA_PREFIX", PREFIX)
    _executor_function()
    reset_settings()
    invoke.get_invoker.cache_clear()
    yield invoke.get_invoker()
    invoke.get_invoker.cache_clear()
    reset_settings()


def _executor_function() -> None:
    lambda_client = boto3.client("lambda")
    if f"{PREFIX}executor" in {
        f["FunctionName"] for f in lambda_client.list_functions()["Functions"]
    }:
        return
    role = boto3.client("iam").create_role(
        RoleName=f"{PREFIX}executor",
        AssumeRolePolicyDocument=json.dumps({"Version": "2012-10-17", "Statement": []}),
    )["Role"]["Arn"]
    code = io.BytesIO()
    with zipfile.ZipFile(code, "w") as archive:
        archive.writestr(
            "alpaco/services/executor/handler.py", "def handler(event, context): ...\n"
        )
    lambda_client.create_function(
        FunctionName=f"{PREFIX}executor",
        Runtime="python3.12",
        Role=role,
        Handler="alpaco.services.executor.handler.handler",
        Code={"ZipFile": code.getvalue()},
        Architectures=["arm64"],
    )


def _queue(moto_url: str, *results: str) -> None:
    requests.post(
        f"{moto_url}/moto-api/static/lambda-simple/response",
        json={"results": list(results), "region": REGION},
        timeout=10,
    ).raise_for_status()


def test_the_settings_choose_the_lambda_invoker(invoker: invoke.Invoker) -> None:
    assert isinstance(invoker, LambdaInvoker)


def test_payload_goes_as_json_to_the_prefixed_function(invoker: invoke.Invoker) -> None:
    """With nothing queued moto echoes the request: what arrived is what the executor would get."""
    payload: dict[str, Any] = {
        "code_to_execute": "print(1)",
        "input_data": [1, "가"],
        "timeout_ms": 2000,
    }
    assert invoker.invoke("executor", payload) == payload


def test_the_executors_answer_comes_back_decoded(invoker: invoke.Invoker, moto_url: str) -> None:
    answer = {"statusCode": 200, "results": [{"status": "OK", "stdout": "3\n"}]}
    _queue(moto_url, json.dumps(answer))
    assert invoker.invoke("executor", {"inputs": ["1 2"]}) == answer


def test_a_function_error_is_an_invoke_error(invoker: invoke.Invoker, moto_url: str) -> None:
    _queue(moto_url, "x" * (6 * 1024 * 1024 + 1))
    with pytest.raises(InvokeError, match="executor failed: Unhandled"):
        invoker.invoke("executor", {})
