"""Settings come from the environment only, so one artefact runs locally and on AWS unchanged.

Local defaults exist for what a developer's machine can make up (a cursor key, the dev identity
provider's issuer). Outside local mode there is nothing to make up: a missing secret or Cognito
setting stops start-up, naming the variable, rather than falling back to a value anyone can read
in this repository (a known cursor key would let anyone forge cursors).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Final
from urllib.parse import urlsplit

LOCAL = "local"
GATEWAY_HOST = "127.0.0.1"
GATEWAY_PORT = 8000
FRONTEND_DEV_ORIGINS = ("http://localhost:3000", "http://127.0.0.1:3000")
# The most items one list request may read from DynamoDB (ScannedCount summed over its queries).
# A filter matching one item in fifty still fills a default page of 20 within it, and a page of
# the largest size (100, plus one to learn whether more exist) is never cut short without a
# filter. The list indexes copy only the listed fields (a few hundred bytes an item), so a request
# costs a few hundred KB and tens of read units at most, whoever sends it.
DEFAULT_LIST_READ_BUDGET = 1_000
# Write requests one user may make per window, on every instance together (kernel.rate_limit). Each
# is well above what a person does at a keyboard and well below what a script would:
# - a grading or custom run every 2 s: a student rarely submits faster, and each one is a sandbox
#   running every case (the two-at-once limit alone would let a script start one every ~0.1 s);
# - a post or an edit every 6 s: writing one takes minutes, so this leaves room only for a
#   burst of quick fixes after posting; it is what stops a script flooding the board;
# - a comment every 2 s, as fast as anyone answers in a thread;
# - a like a second: one click each, so that liking down a list, or a double click, never trips it.
# A minute as the window: someone who does trip it waits under a minute.
DEFAULT_RATE_WINDOW_SECONDS = 60
DEFAULT_GRADINGS_PER_WINDOW = 30
DEFAULT_POSTS_PER_WINDOW = 10
DEFAULT_COMMENTS_PER_WINDOW = 30
DEFAULT_LIKES_PER_WINDOW = 60
# Problem generations per user per day: each one is a dozen or more model calls and a few sandbox
# runs, so a day's budget, not a minute's, and one at a time (services/generator/quota.py).
DEFAULT_GENERATIONS_PER_DAY = 20
# Tutor messages per user per UTC day (services/chatbot/quota.py): a long evening of study is a few
# dozen; each one is a model call, so a script looping on the tutor stops here.
DEFAULT_CHAT_MESSAGES_PER_DAY = 100
DAY_SECONDS = 86_400
REQUIRED_OUTSIDE_LOCAL = (
    "ALPACO_CURSOR_SECRET",
    "ALPACO_COGNITO_ISSUER",
    "ALPACO_COGNITO_CLIENT_ID",
    "ALPACO_COGNITO_JWKS_URL",
)


class ConfigurationError(RuntimeError):
    """A setting the platform cannot run without is missing; the message names it."""


@dataclass(frozen=True)
class Rate:
    """At most `limit` requests per user in each window of `window_seconds`; `action` names the
    budget (the words of the 429's message and part of its counter's key)."""

    action: str
    limit: int
    window_seconds: int


# The LLM port's providers (ARCHITECTURE §7); offline and replay need no key.
LLM_PROVIDERS: Final = ("gemini", "openai", "offline", "replay")
LLM_KEY_VARIABLES: Final = ("GEMINI_API_KEY", "GOOGLE_API_KEY", "OPENAI_API_KEY")
# The variables holding each keyed provider's key, the first one set wins.
LLM_PROVIDER_KEYS: Final = {
    "gemini": ("GEMINI_API_KEY", "GOOGLE_API_KEY"),
    "openai": ("OPENAI_API_KEY",),
}
# A whole problem statement with a thinking model can take a minute; twice that is still well
# inside a Lambda's 15 minutes, and a hung connection is given up on rather than waited out.
DEFAULT_LLM_TIMEOUT_SECONDS = 120
# The first call and three retries: with backoff from 1 s, a rate limit gets up to ~7 s to clear.
DEFAULT_LLM_MAX_ATTEMPTS = 4


@dataclass(frozen=True)
class RateLimits:
    """A post's create and edit share one budget: both write a whole post."""

    gradings: Rate
    posts: Rate
    comments: Rate
    likes: Rate
    generations: Rate


@dataclass(frozen=True)
class LlmSettings:
    """How to reach the model; `None` leaves the provider's own default (model, public endpoint).
    The key stays out of `repr`, so a logged or printed Settings never shows it."""

    model: str | None
    base_url: str | None
    timeout_seconds: int
    max_attempts: int
    replay_file: str | None
    replay_delay_ms: int
    api_key: str | None = field(repr=False)


@dataclass(frozen=True)
class Settings:
    env: str
    region: str
    dynamodb_endpoint: str | None
    table_prefix: str
    cursor_secret: bytes
    cognito_issuer: str
    cognito_audience: str
    cognito_jwks_url: str
    jwks_cache_seconds: int
    token_leeway_seconds: int
    max_body_bytes: int
    invoker: str
    lambda_function_prefix: str
    data_dir: str
    cors_origins: frozenset[str]
    dev_admins: frozenset[str]
    list_read_budget: int
    rate_limits: RateLimits
    llm_provider: str
    llm_key_present: bool
    llm: LlmSettings
    chat_messages_per_day: int

    @property
    def is_local(self) -> bool:
        return self.env == LOCAL

    def table_name(self, logical: str) -> str:
        return f"{self.table_prefix}{logical}"


def _llm_provider() -> str:
    name = os.environ.get("ALPACO_LLM_PROVIDER", "").strip().lower() or "offline"
    if name not in LLM_PROVIDERS:
        raise ConfigurationError(
            f"ALPACO_LLM_PROVIDER must be one of {', '.join(LLM_PROVIDERS)}, not {name!r}"
        )
    return name


def _llm_settings(provider: str) -> LlmSettings:
    replay_file = os.environ.get("ALPACO_LLM_REPLAY", "").strip() or None
    if provider == "replay" and replay_file is None:
        raise ConfigurationError(
            "ALPACO_LLM_REPLAY must name a file when ALPACO_LLM_PROVIDER is replay"
        )
    delay_ms = _int("ALPACO_LLM_REPLAY_DELAY_MS", 0)
    if delay_ms < 0:
        raise ConfigurationError(f"ALPACO_LLM_REPLAY_DELAY_MS must not be negative, not {delay_ms}")
    keys = (os.environ.get(name, "").strip() for name in LLM_PROVIDER_KEYS.get(provider, ()))
    return LlmSettings(
        model=os.environ.get("ALPACO_LLM_MODEL", "").strip() or None,
        base_url=os.environ.get("ALPACO_LLM_BASE_URL", "").strip() or None,
        timeout_seconds=_positive_int("ALPACO_LLM_TIMEOUT_SECONDS", DEFAULT_LLM_TIMEOUT_SECONDS),
        max_attempts=_positive_int("ALPACO_LLM_MAX_ATTEMPTS", DEFAULT_LLM_MAX_ATTEMPTS),
        replay_file=replay_file,
        replay_delay_ms=delay_ms,
        api_key=next((key for key in keys if key), None),
    )


def _int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    try:
        return int(raw)
    except ValueError:
        raise ConfigurationError(f"{name} must be a whole number, not {raw!r}") from None


def _positive_int(name: str, default: int) -> int:
    """A count that bounds work: a typo must stop start-up, not silently lift or zero the bound."""
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    try:
        value = int(raw)
    except ValueError:
        value = 0
    if value < 1:
        raise ConfigurationError(f"{name} must be a whole number of at least 1, not {raw!r}")
    return value


def _rate(action: str, default: int, window_seconds: int) -> Rate:
    limit = _positive_int(f"ALPACO_RATE_LIMIT_{action.upper()}", default)
    return Rate(action=action, limit=limit, window_seconds=window_seconds)


def _rate_limits() -> RateLimits:
    window = _positive_int("ALPACO_RATE_LIMIT_WINDOW_SECONDS", DEFAULT_RATE_WINDOW_SECONDS)
    return RateLimits(
        gradings=_rate("gradings", DEFAULT_GRADINGS_PER_WINDOW, window),
        posts=_rate("posts", DEFAULT_POSTS_PER_WINDOW, window),
        comments=_rate("comments", DEFAULT_COMMENTS_PER_WINDOW, window),
        likes=_rate("likes", DEFAULT_LIKES_PER_WINDOW, window),
        generations=_rate("generations", DEFAULT_GENERATIONS_PER_DAY, DAY_SECONDS),
    )


def _names(raw: str) -> frozenset[str]:
    return frozenset(name.strip() for name in raw.split(",") if name.strip())


def local_origins(host: str, port: int) -> tuple[str, ...]:
    """The names a browser on this machine may use for the gateway, and a frontend dev server on
    port 3000 (the original Next.js app); a page anywhere else cannot read the local API."""
    shown = f"[{host}]" if ":" in host else host
    names = dict.fromkeys((shown, "localhost", "127.0.0.1"))
    return (*(f"http://{name}:{port}" for name in names), *FRONTEND_DEV_ORIGINS)


def _origins(raw: str) -> frozenset[str]:
    """Exact origins, never `*`: they are echoed to browsers, so a typo must fail start-up rather
    than silently lock out (or let in) a site."""
    origins = set()
    for name in _names(raw):
        parts = urlsplit(name.rstrip("/"))
        if parts.scheme not in ("http", "https") or not parts.netloc or parts.path or parts.query:
            raise ConfigurationError(
                f"ALPACO_CORS_ORIGINS: {name!r} is not an origin such as https://example.com"
            )
        origins.add(f"{parts.scheme}://{parts.netloc}".lower())
    return frozenset(origins)


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    env = os.environ.get("ALPACO_ENV", "aws")
    if env != LOCAL:
        for name in REQUIRED_OUTSIDE_LOCAL:
            if not os.environ.get(name, "").strip():
                raise ConfigurationError(f"{name} must be set when ALPACO_ENV is {env!r}")
    region = (
        os.environ.get("AWS_REGION") or os.environ.get("AWS_DEFAULT_REGION") or "ap-northeast-2"
    )
    gateway = f"http://{GATEWAY_HOST}:{GATEWAY_PORT}"
    pool_url = os.environ.get("ALPACO_COGNITO_ISSUER", f"{gateway}/auth/dev").rstrip("/")
    default_origins = local_origins(GATEWAY_HOST, GATEWAY_PORT) if env == LOCAL else ()
    llm_provider = _llm_provider()
    return Settings(
        env=env,
        region=region,
        dynamodb_endpoint=os.environ.get("ALPACO_DYNAMODB_ENDPOINT") or None,
        table_prefix=os.environ.get("ALPACO_TABLE_PREFIX", "alpaco-"),
        cursor_secret=os.environ.get("ALPACO_CURSOR_SECRET", "alpaco-local-cursor-key").encode(),
        cognito_issuer=pool_url,
        cognito_audience=os.environ.get("ALPACO_COGNITO_CLIENT_ID", "alpaco-local-client"),
        cognito_jwks_url=os.environ.get(
            "ALPACO_COGNITO_JWKS_URL", f"{pool_url}/.well-known/jwks.json"
        ),
        jwks_cache_seconds=_int("ALPACO_JWKS_CACHE_SECONDS", 3600),
        token_leeway_seconds=_int("ALPACO_TOKEN_LEEWAY_SECONDS", 30),
        max_body_bytes=_int("ALPACO_MAX_BODY_BYTES", 2 * 1024 * 1024),
        invoker=os.environ.get("ALPACO_INVOKER", "local" if env == LOCAL else "lambda"),
        lambda_function_prefix=os.environ.get("ALPACO_LAMBDA_PREFIX", "alpaco-"),
        data_dir=os.environ.get("ALPACO_DATA_DIR", ".alpaco"),
        cors_origins=_origins(os.environ.get("ALPACO_CORS_ORIGINS", ",".join(default_origins))),
        dev_admins=_names(os.environ.get("ALPACO_DEV_ADMINS", "")),
        list_read_budget=_positive_int("ALPACO_LIST_READ_BUDGET", DEFAULT_LIST_READ_BUDGET),
        rate_limits=_rate_limits(),
        llm_provider=llm_provider,
        llm_key_present=any(os.environ.get(name) for name in LLM_KEY_VARIABLES),
        llm=_llm_settings(llm_provider),
        chat_messages_per_day=_positive_int(
            "ALPACO_CHAT_MESSAGES_PER_DAY", DEFAULT_CHAT_MESSAGES_PER_DAY
        ),
    )


def reset_settings() -> None:
    """Forget the cached settings; tests and the CLI call this after changing the environment."""
    get_settings.cache_clear()
