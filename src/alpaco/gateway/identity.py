"""The local stand-in for a Cognito user pool: RS256 ID tokens whose issuer, audience and claims are
shaped like the real pool's, so the production verification path runs unchanged."""

from __future__ import annotations

import json
import time
import unicodedata
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jwt
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from jwt.algorithms import RSAAlgorithm

from alpaco.kernel.auth import ADMIN_GROUP

TOKEN_SECONDS = 3600
_SUB_NAMESPACE = uuid.UUID("6f1d7c52-43a9-4d0e-9b8e-3f5a2c1e7d40")
_MAX_USERNAME = 64
_MAX_GROUPS = 10


class InvalidIdentity(ValueError):
    pass


@dataclass(frozen=True)
class DevUser:
    username: str
    nickname: str | None
    groups: tuple[str, ...]

    @classmethod
    def parse(cls, data: Any) -> DevUser:
        if not isinstance(data, dict):
            raise InvalidIdentity("Body must be a JSON object with a username.")
        username = _name(data.get("username"), "username")
        nickname = data.get("nickname")
        groups = data.get("groups", [])
        if not isinstance(groups, list) or len(groups) > _MAX_GROUPS:
            raise InvalidIdentity(f"groups must be a list of at most {_MAX_GROUPS} names.")
        return cls(
            username=username,
            nickname=None if nickname in (None, "") else _name(nickname, "nickname"),
            groups=tuple(_name(g, "group") for g in groups),
        )


def _name(value: Any, field: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise InvalidIdentity(f"{field} must be a non-empty string.")
    if len(value) > _MAX_USERNAME:
        raise InvalidIdentity(f"{field} must be at most {_MAX_USERNAME} characters.")
    if any(unicodedata.category(ch).startswith("C") for ch in value):
        raise InvalidIdentity(f"{field} must not contain control characters.")
    return value


def forbidden_group(user: DevUser, admins: frozenset[str]) -> str | None:
    """The group `user` asked the sign-in page for but may not have, if any.

    Admins is the one group that grants anything, so only the operator's list may have it; other
    groups are labels. The operator's own `alpaco token` signs with the key and is not asked.
    """
    if ADMIN_GROUP in user.groups and user.username not in admins:
        return ADMIN_GROUP
    return None


def subject_for(username: str) -> str:
    """Stable across restarts and machines, like a Cognito sub is for one user."""
    return str(uuid.uuid5(_SUB_NAMESPACE, username))


class DevIdentityProvider:
    def __init__(self, key_path: Path, *, issuer: str, audience: str) -> None:
        self.issuer = issuer
        self.audience = audience
        self._key = _load_or_create_key(key_path)
        public_numbers = self._key.public_key().public_numbers()
        self.kid = f"dev-{public_numbers.n % (1 << 64):016x}"

    def jwks(self) -> dict[str, Any]:
        jwk = json.loads(RSAAlgorithm.to_jwk(self._key.public_key()))
        jwk.update({"kid": self.kid, "alg": "RS256", "use": "sig"})
        return {"keys": [jwk]}

    def issue(self, user: DevUser, *, now: float | None = None) -> str:
        issued = int(now if now is not None else time.time())
        claims: dict[str, Any] = {
            "sub": subject_for(user.username),
            "aud": self.audience,
            "iss": self.issuer,
            "token_use": "id",
            "auth_time": issued,
            "iat": issued,
            "exp": issued + TOKEN_SECONDS,
            "cognito:username": user.username,
            "email_verified": False,
        }
        if user.nickname:
            claims["nickname"] = user.nickname
        if user.groups:
            claims["cognito:groups"] = list(user.groups)
        return self.sign(claims)

    def sign(self, claims: dict[str, Any]) -> str:
        return jwt.encode(claims, self._key, algorithm="RS256", headers={"kid": self.kid})


def _load_or_create_key(path: Path) -> rsa.RSAPrivateKey:
    if path.exists():
        key = serialization.load_pem_private_key(path.read_bytes(), password=None)
        if not isinstance(key, rsa.RSAPrivateKey):
            raise InvalidIdentity(f"{path} is not an RSA key")
        return key
    path.parent.mkdir(parents=True, exist_ok=True)
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    pem = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    tmp = path.with_suffix(".tmp")
    tmp.write_bytes(pem)
    tmp.chmod(0o600)
    tmp.replace(path)
    return key
