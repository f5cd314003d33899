"""The grader's settings: defaults for where it runs, overrides, and a bad name stops start-up."""

from __future__ import annotations

import pytest

from alpaco.kernel.config import ConfigurationError
from alpaco.services.grader.settings import LIMITER_ENV, GraderSettings


def test_off_lambda_the_default_is_the_in_process_limiter() -> None:
    assert GraderSettings.from_env({}) == GraderSettings(limiter="memory")


def test_on_lambda_the_default_is_the_shared_limiter() -> None:
    on_lambda = {"AWS_LAMBDA_FUNCTION_NAME": "alpaco-grader", LIMITER_ENV: "  "}

    assert GraderSettings.from_env(on_lambda).limiter == "dynamodb"


@pytest.mark.parametrize(("raw", "limiter"), [("memory", "memory"), (" DynamoDB ", "dynamodb")])
def test_the_variable_overrides_the_default(raw: str, limiter: str) -> None:
    on_lambda = {"AWS_LAMBDA_FUNCTION_NAME": "alpaco-grader", LIMITER_ENV: raw}

    assert GraderSettings.from_env(on_lambda).limiter == limiter
    assert GraderSettings.from_env({LIMITER_ENV: raw}).limiter == limiter


def test_an_unknown_limiter_names_the_variable() -> None:
    with pytest.raises(
        ConfigurationError,
        match=r"^ALPACO_GRADER_LIMITER must be 'memory' or 'dynamodb', not 'redis'$",
    ):
        GraderSettings.from_env({LIMITER_ENV: "Redis"})


def test_the_environment_is_read_when_none_is_given(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(LIMITER_ENV, "dynamodb")

    assert GraderSettings.from_env().limiter == "dynamodb"
