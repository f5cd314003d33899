"""Wires the gateway for a local run: dev identity provider, its JWKS, and the verifier that reads it."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from starlette.types import ASGIApp

from alpaco.gateway.app import create_app
from alpaco.gateway.identity import DevIdentityProvider
from alpaco.kernel.auth import TokenVerifier
from alpaco.kernel.config import get_settings


def identity_provider(data_dir: Path) -> DevIdentityProvider:
    settings = get_settings()
    return DevIdentityProvider(
        data_dir / "dev-signing-key.pem",
        issuer=settings.cognito_issuer,
        audience=settings.cognito_audience,
    )


def build_local_app(data_dir: Path, store_available: Callable[[], bool] | None = None) -> ASGIApp:
    """The dev identity provider exists only when ALPACO_ENV=local; elsewhere Cognito issues tokens.
    `store_available` is the supervisor's word on DynamoDB Local, when `serve` runs it."""
    settings = get_settings()
    identity = identity_provider(data_dir) if settings.is_local else None
    return create_app(
        settings, TokenVerifier.from_settings(settings), identity, store_available=store_available
    )
