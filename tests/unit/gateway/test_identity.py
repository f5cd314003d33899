"""The dev identity provider: stable subjects, a persisted key, Cognito-shaped tokens, and who may be
an admin."""

from __future__ import annotations

from pathlib import Path

import jwt
import pytest

from alpaco.gateway.identity import (
    DevIdentityProvider,
    DevUser,
    InvalidIdentity,
    forbidden_group,
    subject_for,
)
from alpaco.kernel.auth import KeySet, TokenVerifier


def _provider(path: Path) -> DevIdentityProvider:
    return DevIdentityProvider(
        path / "key.pem", issuer="http://127.0.0.1:9/auth/dev", audience="aud"
    )


def test_key_persists_and_tokens_verify_with_production_code(tmp_path: Path) -> None:
    first = _provider(tmp_path)
    token = first.issue(DevUser("alice", "Alice", ("Admins",)))
    second = _provider(tmp_path)
    assert second.kid == first.kid
    verifier = TokenVerifier(issuer=second.issuer, audience="aud", keys=KeySet(second.jwks))
    claims = verifier.verify(token)
    assert claims["sub"] == subject_for("alice")
    assert claims["cognito:username"] == "alice"
    assert claims["nickname"] == "Alice"
    assert claims["cognito:groups"] == ["Admins"]
    assert claims["token_use"] == "id"
    assert claims["exp"] - claims["iat"] == 3600
    assert (tmp_path / "key.pem").stat().st_mode & 0o077 == 0


def test_same_username_same_sub_different_usernames_differ() -> None:
    assert subject_for("bob") == subject_for("bob")
    assert subject_for("bob") != subject_for("Bob")


def test_tokens_are_rs256_with_kid(tmp_path: Path) -> None:
    header = jwt.get_unverified_header(_provider(tmp_path).issue(DevUser("a", None, ())))
    assert header["alg"] == "RS256"
    assert header["kid"]


@pytest.mark.parametrize(
    "data",
    [
        None,
        [],
        {"username": ""},
        {"username": "a" * 65},
        {"username": "a\tb"},
        {"username": "ok", "nickname": "\x00"},
        {"username": "ok", "groups": ["g"] * 11},
        {"username": "ok", "groups": [1]},
    ],
)
def test_bad_users_are_refused(data: object) -> None:
    with pytest.raises(InvalidIdentity):
        DevUser.parse(data)


def test_unicode_usernames_are_fine() -> None:
    assert DevUser.parse({"username": "알파카", "nickname": "파카"}).nickname == "파카"


@pytest.mark.parametrize(
    ("username", "groups", "refused"),
    [
        ("root", ("Admins",), None),
        ("mallory", ("Admins",), "Admins"),
        ("Root", ("Readers", "Admins"), "Admins"),
        ("mallory", ("Readers",), None),
        ("mallory", (), None),
    ],
)
def test_only_listed_usernames_may_ask_for_admins(
    username: str, groups: tuple[str, ...], refused: str | None
) -> None:
    assert forbidden_group(DevUser(username, None, groups), frozenset({"root"})) == refused
