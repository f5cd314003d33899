"""One provider per process, chosen and configured by the environment."""

from __future__ import annotations

import json
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor

import pytest

from alpaco.kernel.config import ConfigurationError, get_settings, reset_settings
from alpaco.kernel.llm.gemini import GeminiProvider
from alpaco.kernel.llm.offline import registry
from alpaco.kernel.llm.openai_compat import OpenAiCompatProvider
from alpaco.kernel.llm.port import LlmError, LlmRequest
from alpaco.kernel.llm.provider import get_provider, reset_provider
from alpaco.kernel.llm.replay import ReplayProvider

VARIABLES = (
    "ALPACO_LLM_PROVIDER",
    "ALPACO_LLM_MODEL",
    "ALPACO_LLM_BASE_URL",
    "ALPACO_LLM_TIMEOUT_SECONDS",
    "ALPACO_LLM_MAX_ATTEMPTS",
    "ALPACO_LLM_REPLAY",
    "ALPACO_LLM_REPLAY_DELAY_MS",
    "GEMINI_API_KEY",
    "GOOGLE_API_KEY",
    "OPENAI_API_KEY",
)


@pytest.fixture
def env(monkeypatch: pytest.MonkeyPatch) -> Iterator[pytest.MonkeyPatch]:
    for name in VARIABLES:
        monkeypatch.delenv(name, raising=False)
    reset_settings()
    reset_provider()
    yield monkeypatch
    monkeypatch.undo()
    reset_settings()
    reset_provider()


def test_with_nothing_set_the_provider_is_the_offline_registry(env):
    assert get_provider() is registry()


def test_the_provider_is_built_once_per_process_even_when_asked_at_once(env, tmp_path):
    path = tmp_path / "replay.json"
    path.write_text(json.dumps({"intent": ["a"]}), encoding="utf-8")
    env.setenv("ALPACO_LLM_PROVIDER", "replay")
    env.setenv("ALPACO_LLM_REPLAY", str(path))

    with ThreadPoolExecutor(max_workers=8) as pool:
        providers = list(pool.map(lambda _: get_provider(), range(32)))

    assert all(provider is providers[0] for provider in providers)
    assert isinstance(providers[0], ReplayProvider)


def test_replay_reads_the_file_falls_back_to_the_registry_and_waits_as_told(env, tmp_path):
    path = tmp_path / "replay.json"
    path.write_text(json.dumps({"intent": ["scripted"]}), encoding="utf-8")
    env.setenv("ALPACO_LLM_PROVIDER", "replay")
    env.setenv("ALPACO_LLM_REPLAY", str(path))
    env.setenv("ALPACO_LLM_REPLAY_DELAY_MS", "5")
    registry().register("provider-test-step", lambda request: "from the registry")

    provider = get_provider()

    assert provider.complete(LlmRequest("intent", "", "")).text == "scripted"
    assert provider.complete(LlmRequest("provider-test-step", "", "")).text == "from the registry"
    assert get_settings().llm.replay_delay_ms == 5


def test_replay_without_a_file_stops_start_up(env):
    env.setenv("ALPACO_LLM_PROVIDER", "replay")

    with pytest.raises(ConfigurationError, match="ALPACO_LLM_REPLAY must name a file"):
        get_settings()


def test_a_negative_replay_delay_stops_start_up(env):
    env.setenv("ALPACO_LLM_REPLAY_DELAY_MS", "-1")

    with pytest.raises(ConfigurationError, match="ALPACO_LLM_REPLAY_DELAY_MS"):
        get_settings()


def test_gemini_takes_its_key_model_endpoint_and_limits_from_the_environment(env):
    env.setenv("ALPACO_LLM_PROVIDER", "gemini")
    env.setenv("GOOGLE_API_KEY", "AIza-google-key")
    env.setenv("ALPACO_LLM_MODEL", "gemini-3.7-flash")
    env.setenv("ALPACO_LLM_TIMEOUT_SECONDS", "30")
    env.setenv("ALPACO_LLM_MAX_ATTEMPTS", "2")

    provider = get_provider()
    llm = get_settings().llm

    assert isinstance(provider, GeminiProvider)
    assert provider.model == "gemini-3.7-flash"
    assert (llm.api_key, llm.timeout_seconds, llm.max_attempts) == ("AIza-google-key", 30, 2)


def test_gemini_prefers_gemini_api_key(env):
    env.setenv("ALPACO_LLM_PROVIDER", "gemini")
    env.setenv("GOOGLE_API_KEY", "AIza-google-key")
    env.setenv("GEMINI_API_KEY", "AIza-gemini-key")

    assert get_settings().llm.api_key == "AIza-gemini-key"


def test_openai_compatible_defaults_to_openai_and_takes_any_base_url(env):
    env.setenv("ALPACO_LLM_PROVIDER", "openai")
    env.setenv("OPENAI_API_KEY", "ollama")
    env.setenv("ALPACO_LLM_BASE_URL", "http://127.0.0.1:11434/v1")

    provider = get_provider()

    assert isinstance(provider, OpenAiCompatProvider)
    assert get_settings().llm.base_url == "http://127.0.0.1:11434/v1"


@pytest.mark.parametrize(
    ("provider", "variables"),
    [("gemini", "GEMINI_API_KEY or GOOGLE_API_KEY"), ("openai", "OPENAI_API_KEY")],
)
def test_a_model_provider_without_a_key_is_an_llm_error_naming_the_variable(
    env, provider, variables
):
    env.setenv("ALPACO_LLM_PROVIDER", provider)
    env.setenv("GEMINI_API_KEY" if provider == "openai" else "OPENAI_API_KEY", "the-other-key")

    with pytest.raises(LlmError, match=f"set {variables}"):
        get_provider()


def test_the_key_never_shows_in_the_settings_repr(env):
    env.setenv("ALPACO_LLM_PROVIDER", "openai")
    env.setenv("OPENAI_API_KEY", "sk-never-printed")

    assert "sk-never-printed" not in repr(get_settings())


@pytest.mark.parametrize("variable", ["ALPACO_LLM_TIMEOUT_SECONDS", "ALPACO_LLM_MAX_ATTEMPTS"])
def test_a_bound_that_is_not_a_positive_whole_number_stops_start_up(env, variable):
    env.setenv(variable, "0")

    with pytest.raises(ConfigurationError, match=variable):
        get_settings()
