"""The environment picks the in-flight adapter; an unknown one stops start-up."""

from __future__ import annotations

import pytest

from alpaco.kernel.config import ConfigurationError
from alpaco.services.grader.inflight import ProcessLimiter
from alpaco.services.grader.inflight_dynamodb import DynamoLeaseLimiter
from alpaco.services.grader.limiter_choice import ADAPTERS, limiter_from_env
from alpaco.services.grader.settings import LIMITER_ENV, LIMITERS


@pytest.mark.parametrize(
    ("raw", "on_lambda", "kind"),
    [
        ("", False, ProcessLimiter),
        ("", True, DynamoLeaseLimiter),
        ("memory", True, ProcessLimiter),
        ("DynamoDB", False, DynamoLeaseLimiter),
    ],
)
def test_the_environment_picks_the_adapter(
    monkeypatch: pytest.MonkeyPatch, raw: str, on_lambda: bool, kind: type
) -> None:
    monkeypatch.setenv(LIMITER_ENV, raw)
    if on_lambda:
        monkeypatch.setenv("AWS_LAMBDA_FUNCTION_NAME", "alpaco-grader")
    else:
        monkeypatch.delenv("AWS_LAMBDA_FUNCTION_NAME", raising=False)
    assert isinstance(limiter_from_env(), kind)


def test_an_unknown_adapter_is_a_configuration_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(LIMITER_ENV, "redis")
    with pytest.raises(ConfigurationError, match="redis"):
        limiter_from_env()


def test_every_name_the_settings_accept_has_an_adapter() -> None:
    assert set(ADAPTERS) == set(LIMITERS)
