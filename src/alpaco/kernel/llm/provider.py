"""The one provider of this process, chosen by the settings (ALPACO_LLM_PROVIDER).

Built on first use, not at import, so a service that never calls a model neither imports an SDK
nor needs a key; the SDKs are imported only in the branch that uses them (cold starts).
"""

from __future__ import annotations

import threading
from functools import lru_cache

from alpaco.kernel.config import LlmSettings, get_settings
from alpaco.kernel.llm._retry import RetryPolicy
from alpaco.kernel.llm.offline import registry
from alpaco.kernel.llm.port import LlmError, LlmProvider
from alpaco.kernel.llm.replay import ReplayProvider

# Steps run in parallel threads; two of them building the replay provider at once would each
# count its own answers.
_building = threading.Lock()


def get_provider() -> LlmProvider:
    with _building:
        return _provider()


def reset_provider() -> None:
    """Forget the provider; tests call this after changing the environment (and the settings)."""
    with _building:
        _provider.cache_clear()


@lru_cache(maxsize=1)
def _provider() -> LlmProvider:
    settings = get_settings()
    llm = settings.llm
    if settings.llm_provider == "gemini":
        from alpaco.kernel.llm.gemini import DEFAULT_MODEL, GeminiProvider

        return GeminiProvider(
            api_key=_key(llm, "GEMINI_API_KEY or GOOGLE_API_KEY"),
            model=llm.model or DEFAULT_MODEL,
            base_url=llm.base_url,
            timeout_seconds=llm.timeout_seconds,
            retry=RetryPolicy(attempts=llm.max_attempts),
        )
    if settings.llm_provider == "openai":
        from alpaco.kernel.llm.openai_compat import (
            DEFAULT_BASE_URL,
            DEFAULT_MODEL,
            OpenAiCompatProvider,
        )

        return OpenAiCompatProvider(
            api_key=_key(llm, "OPENAI_API_KEY (any value for a local server)"),
            model=llm.model or DEFAULT_MODEL,
            base_url=llm.base_url or DEFAULT_BASE_URL,
            timeout_seconds=llm.timeout_seconds,
            retry=RetryPolicy(attempts=llm.max_attempts),
        )
    if settings.llm_provider == "replay" and llm.replay_file:
        return ReplayProvider.from_file(
            llm.replay_file,
            fallback=registry(),
            delay_seconds=llm.replay_delay_ms / 1000,
        )
    return registry()


def _key(llm: LlmSettings, variables: str) -> str:
    """An LlmError rather than a failed start-up: the services that need no model keep running,
    and the health check already reports the missing key."""
    if not llm.api_key:
        raise LlmError(f"no API key for the model: set {variables}")
    return llm.api_key
