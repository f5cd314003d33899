"""Token verification rules and the JWKS cache's rotation behaviour."""

from __future__ import annotations

import json
import time
from typing import Any

import jwt
import pytest
from cryptography.hazmat.primitives.asymmetric import rsa
from jwt.algorithms import RSAAlgorithm

from alpaco.kernel.auth import Claims, InvalidToken, KeySet, TokenVerifier, bearer_token

ISSUER = "https://cognito-idp.ap-northeast-2.amazonaws.com/ap-northeast-2_test"
AUDIENCE = "client-123"


def _key() -> rsa.RSAPrivateKey:
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


KEY_A, KEY_B = _key(), _key()


def _jwk(key: rsa.RSAPrivateKey, kid: str) -> dict[str, Any]:
    jwk: dict[str, Any] = json.loads(RSAAlgorithm.to_jwk(key.public_key()))
    return {**jwk, "kid": kid, "alg": "RS256", "use": "sig"}


class Source:
    def __init__(self, *keys: dict[str, Any]) -> None:
        self.keys = list(keys)
        self.calls = 0

    def __call__(self) -> dict[str, Any]:
        self.calls += 1
        return {"keys": self.keys}


def _token(key: rsa.RSAPrivateKey = KEY_A, kid: str = "a", **patch: Any) -> str:
    now = int(time.time())
    claims = {
        "sub": "u1",
        "iss": ISSUER,
        "aud": AUDIENCE,
        "token_use": "id",
        "iat": now,
        "exp": now + 300,
        "cognito:username": "u",
    }
    claims.update(patch)
    return jwt.encode(
        {k: v for k, v in claims.items() if v is not None},
        key,
        algorithm="RS256",
        headers={"kid": kid},
    )


def _verifier(source: Source, **kwargs: Any) -> TokenVerifier:
    return TokenVerifier(issuer=ISSUER, audience=AUDIENCE, keys=KeySet(source, **kwargs), leeway=5)


def test_valid_token_yields_claims() -> None:
    claims = _verifier(Source(_jwk(KEY_A, "a"))).verify(_token())
    assert claims["sub"] == "u1"


def test_leeway_accepts_just_expired_token() -> None:
    now = int(time.time())
    token = _token(iat=now - 100, exp=now - 2)
    keys = KeySet(Source(_jwk(KEY_A, "a")))
    # A minute of leeway, so a slow run cannot make this token expire for real; none refuses it.
    TokenVerifier(issuer=ISSUER, audience=AUDIENCE, keys=keys, leeway=60).verify(token)
    with pytest.raises(InvalidToken, match="expired"):
        TokenVerifier(issuer=ISSUER, audience=AUDIENCE, keys=keys, leeway=0).verify(token)


@pytest.mark.parametrize(
    ("patch", "reason"),
    [
        ({"exp": -60}, "expired"),
        ({"nbf": 60}, "not yet valid"),
        ({"iat": 3600, "exp": 7200}, "not yet valid"),
        ({"iss": "https://elsewhere"}, "rejected"),
        ({"aud": "other"}, "rejected"),
        ({"token_use": "access"}, "ID token"),
        ({"exp": None}, "rejected"),
        ({"sub": None}, "rejected"),
    ],
)
def test_bad_claims_are_rejected(patch: dict[str, Any], reason: str) -> None:
    """Time claims in `patch` are offsets from now, so collection time never matters."""
    now = int(time.time())
    timed = {
        k: now + v if k in {"exp", "nbf", "iat"} and v is not None else v for k, v in patch.items()
    }
    with pytest.raises(InvalidToken, match=reason):
        _verifier(Source(_jwk(KEY_A, "a"))).verify(_token(**timed))


def test_unknown_kid_refetches_once_and_accepts_a_rotated_key() -> None:
    source = Source(_jwk(KEY_A, "a"))
    verifier = _verifier(source, min_refetch=0)
    verifier.verify(_token())
    assert source.calls == 1
    source.keys.append(_jwk(KEY_B, "b"))
    verifier.verify(_token(KEY_B, "b"))
    assert source.calls == 2
    verifier.verify(_token(KEY_B, "b"))
    assert source.calls == 2


def test_unknown_kid_flood_does_not_hammer_the_provider() -> None:
    source = Source(_jwk(KEY_A, "a"))
    verifier = _verifier(source, min_refetch=60)
    verifier.verify(_token())
    for i in range(20):
        with pytest.raises(InvalidToken, match="unknown key"):
            verifier.verify(_token(KEY_B, f"forged-{i}"))
    assert source.calls == 1


def test_keys_expire_after_ttl() -> None:
    now = [0.0]
    source = Source(_jwk(KEY_A, "a"))
    verifier = _verifier(source, ttl=10, clock=lambda: now[0])
    verifier.verify(_token())
    now[0] = 11
    verifier.verify(_token())
    assert source.calls == 2


def test_signature_from_another_key_with_a_known_kid_is_rejected() -> None:
    with pytest.raises(InvalidToken):
        _verifier(Source(_jwk(KEY_A, "a"))).verify(_token(KEY_B, "a"))


def test_alg_none_and_hs256_are_rejected_before_key_lookup() -> None:
    source = Source(_jwk(KEY_A, "a"))
    none_token = jwt.encode({"sub": "x"}, key=None, algorithm="none", headers={"kid": "a"})
    hs_token = jwt.encode({"sub": "x"}, "k" * 32, algorithm="HS256", headers={"kid": "a"})
    for token in (none_token, hs_token):
        with pytest.raises(InvalidToken, match="RS256"):
            _verifier(source).verify(token)
    assert source.calls == 0


def test_unreachable_jwks_is_an_invalid_token_not_a_crash() -> None:
    def broken() -> dict[str, Any]:
        raise OSError("connection refused")

    verifier = TokenVerifier(issuer=ISSUER, audience=AUDIENCE, keys=KeySet(broken))
    with pytest.raises(InvalidToken, match="unavailable"):
        verifier.verify(_token())


@pytest.mark.parametrize(
    ("raw", "groups"),
    [
        (None, ()),
        ("Admins", ("Admins",)),
        ("[Admins, Users]", ("Admins", "Users")),
        ("Admins,Users", ("Admins", "Users")),
        (["Admins"], ("Admins",)),
    ],
)
def test_groups_claim_in_every_shape(raw: Any, groups: tuple[str, ...]) -> None:
    claims = Claims.from_mapping({"sub": "s", "cognito:username": "u", "cognito:groups": raw})
    assert claims.groups == groups
    assert claims.is_admin == ("Admins" in groups)


def test_display_name_prefers_nickname() -> None:
    assert (
        Claims.from_mapping({"sub": "s", "cognito:username": "u", "nickname": "N"}).display_name
        == "N"
    )
    assert Claims.from_mapping({"sub": "s", "cognito:username": "u"}).display_name == "u"


def test_authorizer_claims_round_trip() -> None:
    claims = Claims("s", "u", "N", ("Admins", "B"))
    assert Claims.from_mapping(claims.to_authorizer_claims()) == claims


@pytest.mark.parametrize(
    ("header", "token"),
    [
        ("Bearer abc", "abc"),
        ("bearer  abc ", "abc"),
        ("abc", "abc"),
        ("", None),
        (None, None),
        ("Bearer ", None),
    ],
)
def test_bearer_token_forms(header: str | None, token: str | None) -> None:
    assert bearer_token(header) == token
