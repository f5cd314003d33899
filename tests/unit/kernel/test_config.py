"""Settings: local defaults for a developer's machine, and nothing made up anywhere else."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from alpaco.kernel.config import (
    REQUIRED_OUTSIDE_LOCAL,
    ConfigurationError,
    get_settings,
    reset_settings,
)

AWS = {
    "ALPACO_ENV": "aws",
    "ALPACO_CURSOR_SECRET": "a-real-secret",
    "ALPACO_COGNITO_ISSUER": "https://cognito-idp.ap-northeast-2.amazonaws.com/pool",
    "ALPACO_COGNITO_CLIENT_ID": "client",
    "ALPACO_COGNITO_JWKS_URL": "https://cognito-idp.ap-northeast-2.amazonaws.com/pool/jwks",
}


@pytest.fixture(autouse=True)
def fresh_settings() -> Iterator[None]:
    reset_settings()
    yield
    reset_settings()


@pytest.mark.parametrize("missing", REQUIRED_OUTSIDE_LOCAL)
def test_outside_local_mode_a_missing_setting_stops_start_up_naming_it(
    monkeypatch: pytest.MonkeyPatch, missing: str
) -> None:
    for name, value in AWS.items():
        monkeypatch.setenv(name, value)
    monkeypatch.setenv(missing, " ")

    with pytest.raises(
        ConfigurationError, match=f"^{missing} must be set when ALPACO_ENV is 'aws'$"
    ):
        get_settings()


def test_outside_local_mode_the_given_settings_are_used(monkeypatch: pytest.MonkeyPatch) -> None:
    for name, value in AWS.items():
        monkeypatch.setenv(name, value)

    settings = get_settings()

    assert settings.cursor_secret == b"a-real-secret"
    assert settings.cognito_audience == "client"
    assert not settings.is_local


def test_an_unset_environment_is_not_local_and_needs_the_settings(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("ALPACO_ENV")
    for name in REQUIRED_OUTSIDE_LOCAL:
        monkeypatch.delenv(name, raising=False)

    with pytest.raises(ConfigurationError, match="ALPACO_CURSOR_SECRET"):
        get_settings()


def test_local_mode_has_defaults_for_a_developers_machine(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ALPACO_ENV", "local")
    for name in REQUIRED_OUTSIDE_LOCAL:
        monkeypatch.delenv(name, raising=False)

    settings = get_settings()

    assert settings.is_local
    assert settings.cursor_secret
    assert settings.cognito_jwks_url.endswith("/.well-known/jwks.json")
