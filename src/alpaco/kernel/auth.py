"""Cognito ID-token verification, identical for the local gateway and for streaming handlers on AWS.

API Gateway's Cognito authorizer does this work in production for REST routes; the same rules are
applied here so that what passes locally would pass there.
"""

from __future__ import annotations

import json
import threading
import time
import urllib.request
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Protocol

import jwt

from alpaco.kernel.config import Settings, get_settings

ADMIN_GROUP = "Admins"
_ALGORITHM = "RS256"
_REQUIRED_CLAIMS = ["exp", "iat", "iss", "aud", "sub", "token_use"]


class InvalidToken(Exception):
    """The token cannot be trusted; the message is safe to show (it never echoes the token)."""


@dataclass(frozen=True)
class Claims:
    user_id: str
    username: str
    nickname: str | None
    groups: tuple[str, ...]

    @property
    def display_name(self) -> str:
        return self.nickname or self.username

    @property
    def is_admin(self) -> bool:
        return ADMIN_GROUP in self.groups

    @classmethod
    def from_mapping(cls, claims: Mapping[str, Any]) -> Claims:
        user_id = str(claims.get("sub") or "")
        if not user_id:
            raise InvalidToken("token has no subject")
        username = str(claims.get("cognito:username") or claims.get("username") or user_id)
        nickname = claims.get("nickname")
        return cls(
            user_id=user_id,
            username=username,
            nickname=str(nickname) if nickname else None,
            groups=_groups(claims.get("cognito:groups")),
        )

    def to_authorizer_claims(self) -> dict[str, str]:
        """Claims as API Gateway's Cognito authorizer hands them to a REST handler: all strings."""
        claims = {"sub": self.user_id, "cognito:username": self.username}
        if self.nickname:
            claims["nickname"] = self.nickname
        if self.groups:
            claims["cognito:groups"] = ",".join(self.groups)
        return claims


def _groups(raw: Any) -> tuple[str, ...]:
    """API Gateway flattens list claims to strings such as "[a, b]" or "a,b"; accept every form."""
    if raw is None or raw == "":
        return ()
    if isinstance(raw, list | tuple):
        return tuple(str(g) for g in raw)
    text = str(raw).strip().strip("[]")
    return tuple(part.strip() for part in text.replace(" ", ",").split(",") if part.strip())


class JwksSource(Protocol):
    def __call__(self) -> Mapping[str, Any]: ...


def http_jwks(url: str, timeout: float = 5.0) -> JwksSource:
    def fetch() -> Mapping[str, Any]:
        if not url.startswith(("https://", "http://")):
            raise InvalidToken("JWKS URL must be http(s)")
        with urllib.request.urlopen(url, timeout=timeout) as response:  # noqa: S310 - scheme checked
            data: Mapping[str, Any] = json.loads(response.read(1024 * 1024))
        return data

    return fetch


class KeySet:
    """A JWKS cache: keys live for `ttl` seconds, and an unknown `kid` refetches at most once per
    `min_refetch` seconds so a flood of forged kids cannot hammer the identity provider."""

    def __init__(
        self,
        source: JwksSource,
        *,
        ttl: float = 3600.0,
        min_refetch: float = 5.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._source = source
        self._ttl = ttl
        self._min_refetch = min_refetch
        self._clock = clock
        self._keys: dict[str, Any] = {}
        self._fetched_at: float | None = None
        self._lock = threading.Lock()

    def key_for(self, kid: str) -> Any:
        with self._lock:
            now = self._clock()
            stale = self._fetched_at is None or now - self._fetched_at > self._ttl
            may_refetch = self._fetched_at is None or now - self._fetched_at >= self._min_refetch
            if stale or (kid not in self._keys and may_refetch):
                self._refresh(now)
            key = self._keys.get(kid)
        if key is None:
            raise InvalidToken("token signed by an unknown key")
        return key

    def _refresh(self, now: float) -> None:
        try:
            document = self._source()
        except InvalidToken:
            raise
        except Exception as exc:
            raise InvalidToken("signing keys are unavailable") from exc
        keys: dict[str, Any] = {}
        for jwk in document.get("keys", []):
            if (
                jwk.get("kty") == "RSA"
                and jwk.get("alg", _ALGORITHM) == _ALGORITHM
                and "kid" in jwk
            ):
                keys[str(jwk["kid"])] = jwt.PyJWK(dict(jwk), algorithm=_ALGORITHM).key
        self._keys = keys
        self._fetched_at = now


class TokenVerifier:
    def __init__(self, *, issuer: str, audience: str, keys: KeySet, leeway: int = 30) -> None:
        self._issuer = issuer
        self._audience = audience
        self._keys = keys
        self._leeway = leeway

    @classmethod
    def from_settings(cls, settings: Settings, source: JwksSource | None = None) -> TokenVerifier:
        keys = KeySet(
            source or http_jwks(settings.cognito_jwks_url), ttl=settings.jwks_cache_seconds
        )
        return cls(
            issuer=settings.cognito_issuer,
            audience=settings.cognito_audience,
            keys=keys,
            leeway=settings.token_leeway_seconds,
        )

    def verify(self, token: str) -> dict[str, Any]:
        """Return the claims of a valid Cognito ID token, else raise InvalidToken."""
        try:
            header = jwt.get_unverified_header(token)
        except jwt.PyJWTError as exc:
            raise InvalidToken("malformed token") from exc
        if header.get("alg") != _ALGORITHM:
            raise InvalidToken("token algorithm must be RS256")
        kid = header.get("kid")
        if not isinstance(kid, str) or not kid:
            raise InvalidToken("token has no key id")
        key = self._keys.key_for(kid)
        try:
            claims: dict[str, Any] = jwt.decode(
                token,
                key,
                algorithms=[_ALGORITHM],
                audience=self._audience,
                issuer=self._issuer,
                leeway=self._leeway,
                options={"require": _REQUIRED_CLAIMS},
            )
        except jwt.ExpiredSignatureError as exc:
            raise InvalidToken("token expired") from exc
        except jwt.ImmatureSignatureError as exc:
            raise InvalidToken("token not yet valid") from exc
        except jwt.PyJWTError as exc:
            raise InvalidToken(f"token rejected: {type(exc).__name__}") from exc
        if claims.get("token_use") != "id":
            raise InvalidToken("an ID token is required")
        return claims


@lru_cache(maxsize=1)
def default_verifier() -> TokenVerifier:
    """The process-wide verifier, so the JWKS cache survives warm invocations."""
    return TokenVerifier.from_settings(get_settings())


def bearer_token(value: str | None) -> str | None:
    """Accept `Bearer <jwt>` and a bare `<jwt>` (the original's clients send both)."""
    if not value:
        return None
    scheme, _, rest = value.strip().partition(" ")
    if scheme.lower() == "bearer":
        return rest.strip() or None
    return value.strip() or None
