"""Settings: local defaults for a developer's machine, and nothing made up anywhere else."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from alpaco.kernel.config import (
    DEFAULT_LIST_READ_BUDGET,
    REQUIRED_OUTSIDE_LOCAL,
    ConfigurationError,
    Rate,
    get_settings,
    local_origins,
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


def test_cors_origins_and_dev_admins_are_comma_separated_lists(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("ALPACO_ENV", "local")
    monkeypatch.setenv("ALPACO_CORS_ORIGINS", " https://Alpaco.example/ ,http://localhost:3000,,")
    monkeypatch.setenv("ALPACO_DEV_ADMINS", "root, ops ,,")

    settings = get_settings()

    assert settings.cors_origins == {"https://alpaco.example", "http://localhost:3000"}
    assert settings.dev_admins == {"root", "ops"}


@pytest.mark.parametrize("origin", ["*", "https://alpaco.example/app", "localhost:3000", "ftp://x"])
def test_what_is_not_an_origin_stops_start_up_naming_the_setting(
    monkeypatch: pytest.MonkeyPatch, origin: str
) -> None:
    monkeypatch.setenv("ALPACO_ENV", "local")
    monkeypatch.setenv("ALPACO_CORS_ORIGINS", f"http://localhost:3000,{origin}")

    with pytest.raises(ConfigurationError, match=r"^ALPACO_CORS_ORIGINS: .* is not an origin"):
        get_settings()


def test_local_mode_lets_the_gateway_and_a_dev_frontend_in_and_no_admins(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("ALPACO_ENV", "local")
    monkeypatch.delenv("ALPACO_CORS_ORIGINS", raising=False)
    monkeypatch.delenv("ALPACO_DEV_ADMINS", raising=False)

    settings = get_settings()

    assert {"http://127.0.0.1:8000", "http://localhost:3000"} <= settings.cors_origins
    assert "*" not in settings.cors_origins
    assert settings.dev_admins == frozenset()


def test_outside_local_mode_no_other_origin_is_let_in_unless_listed(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    for name, value in AWS.items():
        monkeypatch.setenv(name, value)
    monkeypatch.delenv("ALPACO_CORS_ORIGINS", raising=False)

    assert get_settings().cors_origins == frozenset()


def test_local_origins_name_the_gateway_as_a_browser_may_and_the_dev_frontend() -> None:
    assert local_origins("0.0.0.0", 9000) == (
        "http://0.0.0.0:9000",
        "http://localhost:9000",
        "http://127.0.0.1:9000",
        "http://localhost:3000",
        "http://127.0.0.1:3000",
    )
    assert local_origins("::1", 9000)[0] == "http://[::1]:9000"
    assert len(local_origins("localhost", 9000)) == 4


def test_the_list_read_budget_comes_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ALPACO_ENV", "local")
    monkeypatch.delenv("ALPACO_LIST_READ_BUDGET", raising=False)
    assert get_settings().list_read_budget == DEFAULT_LIST_READ_BUDGET == 1_000

    monkeypatch.setenv("ALPACO_LIST_READ_BUDGET", " 250 ")
    reset_settings()

    assert get_settings().list_read_budget == 250


@pytest.mark.parametrize("budget", ["0", "-5", "1k", "2.5"])
def test_a_list_read_budget_that_is_not_a_positive_count_stops_start_up(
    monkeypatch: pytest.MonkeyPatch, budget: str
) -> None:
    monkeypatch.setenv("ALPACO_ENV", "local")
    monkeypatch.setenv("ALPACO_LIST_READ_BUDGET", budget)

    with pytest.raises(
        ConfigurationError, match=r"^ALPACO_LIST_READ_BUDGET must be a whole number"
    ):
        get_settings()


@pytest.mark.parametrize(
    "name", ["ALPACO_JWKS_CACHE_SECONDS", "ALPACO_TOKEN_LEEWAY_SECONDS", "ALPACO_MAX_BODY_BYTES"]
)
def test_a_number_that_is_not_whole_stops_start_up_naming_it(
    monkeypatch: pytest.MonkeyPatch, name: str
) -> None:
    monkeypatch.setenv("ALPACO_ENV", "local")
    monkeypatch.setenv(name, "1h")

    with pytest.raises(ConfigurationError, match=f"^{name} must be a whole number, not '1h'$"):
        get_settings()


def test_numbers_keep_their_defaults_unless_set(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ALPACO_ENV", "local")
    monkeypatch.delenv("ALPACO_JWKS_CACHE_SECONDS", raising=False)
    monkeypatch.setenv("ALPACO_TOKEN_LEEWAY_SECONDS", "")
    monkeypatch.setenv("ALPACO_MAX_BODY_BYTES", "1024")

    settings = get_settings()

    assert (settings.jwks_cache_seconds, settings.token_leeway_seconds) == (3600, 30)
    assert settings.max_body_bytes == 1024


RATE_SETTINGS = [f"ALPACO_RATE_LIMIT_{name}" for name in ("GRADINGS", "POSTS", "COMMENTS", "LIKES")]


def test_rate_limits_default_to_a_minute_of_human_use(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in [*RATE_SETTINGS, "ALPACO_RATE_LIMIT_WINDOW_SECONDS"]:
        monkeypatch.delenv(name, raising=False)

    limits = get_settings().rate_limits

    assert limits.gradings == Rate("gradings", 30, 60)
    assert limits.posts == Rate("posts", 10, 60)
    assert limits.comments == Rate("comments", 30, 60)
    assert limits.likes == Rate("likes", 60, 60)


def test_each_rate_limit_comes_from_its_own_setting(monkeypatch: pytest.MonkeyPatch) -> None:
    for n, name in enumerate(RATE_SETTINGS, 1):
        monkeypatch.setenv(name, str(n))
    monkeypatch.setenv("ALPACO_RATE_LIMIT_WINDOW_SECONDS", "7")

    limits = get_settings().rate_limits

    assert [limits.gradings, limits.posts, limits.comments, limits.likes] == [
        Rate("gradings", 1, 7),
        Rate("posts", 2, 7),
        Rate("comments", 3, 7),
        Rate("likes", 4, 7),
    ]


@pytest.mark.parametrize("name", [*RATE_SETTINGS, "ALPACO_RATE_LIMIT_WINDOW_SECONDS"])
def test_a_rate_limit_of_zero_stops_start_up_rather_than_refuse_everything(
    monkeypatch: pytest.MonkeyPatch, name: str
) -> None:
    monkeypatch.setenv(name, "0")

    with pytest.raises(ConfigurationError, match=f"^{name} must be a whole number"):
        get_settings()
