"""Cognito's post-confirmation trigger (infra/cognito/post_confirmation.py) against moto's
cognito-idp server: a new user joins GeneralUsers; nothing else ever blocks a sign-up."""

from __future__ import annotations

import importlib.util
from collections.abc import Iterator
from types import ModuleType
from typing import Any

import boto3
import pytest
from infra.packaging.functions import TRIGGER_SOURCE
from tests.infra.conftest import REGION

GROUP = "GeneralUsers"


@pytest.fixture
def trigger(moto_url: str, aws: None, monkeypatch: pytest.MonkeyPatch) -> Iterator[ModuleType]:
    monkeypatch.setenv("AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER", moto_url)
    monkeypatch.setenv("GENERAL_USERS_GROUP", GROUP)
    spec = importlib.util.spec_from_file_location("post_confirmation", TRIGGER_SOURCE)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    yield module
    module._cognito.cache_clear()


@pytest.fixture
def pool(trigger: ModuleType) -> str:
    cognito = boto3.client("cognito-idp")
    pool_id: str = cognito.create_user_pool(PoolName="trigger")["UserPool"]["Id"]
    cognito.admin_create_user(UserPoolId=pool_id, Username="newcomer", MessageAction="SUPPRESS")
    return pool_id


def _event(pool_id: str, source: str = "PostConfirmation_ConfirmSignUp") -> dict[str, Any]:
    return {
        "triggerSource": source,
        "userPoolId": pool_id,
        "userName": "newcomer",
        "region": REGION,
    }


def _groups(pool_id: str) -> list[str]:
    found = boto3.client("cognito-idp").admin_list_groups_for_user(
        UserPoolId=pool_id, Username="newcomer"
    )
    return [group["GroupName"] for group in found["Groups"]]


def test_a_new_user_joins_general_users(trigger: ModuleType, pool: str) -> None:
    boto3.client("cognito-idp").create_group(UserPoolId=pool, GroupName=GROUP)
    event = _event(pool)
    assert trigger.handler(event, None) == event
    assert _groups(pool) == [GROUP]


def test_a_password_reset_adds_nobody(trigger: ModuleType, pool: str) -> None:
    boto3.client("cognito-idp").create_group(UserPoolId=pool, GroupName=GROUP)
    trigger.handler(_event(pool, "PostConfirmation_ConfirmForgotPassword"), None)
    assert _groups(pool) == []


def test_a_failure_never_blocks_the_sign_up(
    trigger: ModuleType, pool: str, caplog: pytest.LogCaptureFixture
) -> None:
    event = _event(pool)  # the group does not exist
    assert trigger.handler(event, None) == event
    assert "could not add a new user to GeneralUsers" in caplog.text
