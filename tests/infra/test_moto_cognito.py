"""Cognito verification as on AWS: moto's cognito-idp server issues real RS256 ID tokens and serves
the pool's JWKS, and the kernel's verifier, built from the settings a function gets
(ALPACO_COGNITO_ISSUER, _CLIENT_ID, _JWKS_URL), fetches the keys over HTTP and checks them.
moto's ID tokens carry no `nickname` (it copies no user attributes into them), so the display
name falls back to `cognito:username` here."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import boto3
import pytest
from tests.infra.conftest import REGION

from alpaco.kernel.auth import Claims, InvalidToken, TokenVerifier, default_verifier
from alpaco.kernel.config import get_settings, reset_settings

PASSWORD = "Correct-horse-42"


@dataclass(frozen=True)
class Pool:
    id: str
    client_id: str
    other_client_id: str
    jwks_url: str
    cognito: Any

    @property
    def issuer(self) -> str:
        return f"https://cognito-idp.{REGION}.amazonaws.com/{self.id}"

    def tokens(self, username: str, client_id: str | None = None) -> dict[str, str]:
        return self.cognito.admin_initiate_auth(
            UserPoolId=self.id,
            ClientId=client_id or self.client_id,
            AuthFlow="ADMIN_USER_PASSWORD_AUTH",
            AuthParameters={"USERNAME": username, "PASSWORD": PASSWORD},
        )["AuthenticationResult"]


@pytest.fixture(scope="module")
def pool(moto_url: str) -> Pool:
    cognito = boto3.client(
        "cognito-idp",
        endpoint_url=moto_url,
        region_name=REGION,
        aws_access_key_id="testing",
        aws_secret_access_key="testing",
    )
    pool_id = cognito.create_user_pool(PoolName="alpaco")["UserPool"]["Id"]
    flows = ["ALLOW_ADMIN_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"]
    clients = [
        cognito.create_user_pool_client(
            UserPoolId=pool_id, ClientName=name, ExplicitAuthFlows=flows
        )
        for name in ("web", "other")
    ]
    cognito.create_group(UserPoolId=pool_id, GroupName="Admins")
    for username in ("alice", "root"):
        cognito.admin_create_user(UserPoolId=pool_id, Username=username, MessageAction="SUPPRESS")
        cognito.admin_set_user_password(
            UserPoolId=pool_id, Username=username, Password=PASSWORD, Permanent=True
        )
    cognito.admin_add_user_to_group(UserPoolId=pool_id, Username="root", GroupName="Admins")
    return Pool(
        pool_id,
        clients[0]["UserPoolClient"]["ClientId"],
        clients[1]["UserPoolClient"]["ClientId"],
        f"{moto_url}/{pool_id}/.well-known/jwks.json",
        cognito,
    )


@pytest.fixture
def verifier(pool: Pool, monkeypatch: pytest.MonkeyPatch) -> Iterator[TokenVerifier]:
    monkeypatch.setenv("ALPACO_ENV", "production")
    monkeypatch.setenv("ALPACO_COGNITO_ISSUER", pool.issuer)
    monkeypatch.setenv("ALPACO_COGNITO_CLIENT_ID", pool.client_id)
    monkeypatch.setenv("ALPACO_COGNITO_JWKS_URL", pool.jwks_url)
    reset_settings()
    default_verifier.cache_clear()
    yield default_verifier()
    default_verifier.cache_clear()
    reset_settings()


def test_an_id_token_is_verified_with_the_pools_keys(pool: Pool, verifier: TokenVerifier) -> None:
    assert get_settings().cognito_jwks_url == pool.jwks_url
    claims = Claims.from_mapping(verifier.verify(pool.tokens("alice")["IdToken"]))
    assert claims.username == "alice"
    assert claims.user_id
    assert not claims.is_admin


def test_groups_come_through(pool: Pool, verifier: TokenVerifier) -> None:
    assert Claims.from_mapping(verifier.verify(pool.tokens("root")["IdToken"])).is_admin


def test_an_access_token_is_refused(pool: Pool, verifier: TokenVerifier) -> None:
    with pytest.raises(InvalidToken):
        verifier.verify(pool.tokens("alice")["AccessToken"])


def test_another_clients_token_is_refused(pool: Pool, verifier: TokenVerifier) -> None:
    with pytest.raises(InvalidToken, match="InvalidAudienceError"):
        verifier.verify(pool.tokens("alice", pool.other_client_id)["IdToken"])


def test_a_tampered_token_is_refused(pool: Pool, verifier: TokenVerifier) -> None:
    header, payload, signature = pool.tokens("alice")["IdToken"].split(".")
    forged = f"{header}.{payload}.{signature[:-4]}AAAA"
    with pytest.raises(InvalidToken):
        verifier.verify(forged)
