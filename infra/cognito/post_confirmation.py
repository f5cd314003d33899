"""Cognito's post-confirmation trigger: every new user joins the group `GeneralUsers`.

It never blocks a sign-up: Cognito fails the confirmation when a trigger raises, and a user left
out of the group loses nothing the app checks (only `Admins` grants anything), so a failure is
logged and the event goes back unchanged. Federated sign-ins (Google) confirm through
`PostConfirmation_ConfirmSignUp` too; a password reset (`..._ConfirmForgotPassword`) is no new user.
"""

from __future__ import annotations

import logging
import os
from functools import cache
from typing import Any

import boto3

GROUP_VARIABLE = "GENERAL_USERS_GROUP"
NEW_USER = "PostConfirmation_ConfirmSignUp"

logger = logging.getLogger()
logger.setLevel(logging.INFO)


@cache
def _cognito() -> Any:
    return boto3.client("cognito-idp")


def handler(event: dict[str, Any], context: Any) -> dict[str, Any]:
    if event.get("triggerSource") != NEW_USER:
        return event
    group = os.environ[GROUP_VARIABLE]
    try:
        _cognito().admin_add_user_to_group(
            UserPoolId=event["userPoolId"], Username=event["userName"], GroupName=group
        )
    except Exception as exc:
        logger.error("could not add a new user to %s: %s", group, type(exc).__name__)
    return event
