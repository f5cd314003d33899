"""What a route needs to know about its request, read from the event it was given.

Free of Powertools on purpose: routes and the services' filters depend on these plain values, and
the resolver that delivers them (as a route's `Incoming` argument) stays replaceable.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from alpaco.kernel.auth import Claims, InvalidToken, bearer_token, default_verifier
from alpaco.kernel.http import Unauthorized


@dataclass(frozen=True)
class ApiRequest:
    """The parts of a REST (v1) proxy event a route reads besides its validated arguments."""

    headers: Mapping[str, str] = field(default_factory=dict)
    authorizer_claims: Mapping[str, Any] = field(default_factory=dict)

    @classmethod
    def from_event(cls, event: Mapping[str, Any]) -> ApiRequest:
        headers = {str(k).lower(): str(v) for k, v in (event.get("headers") or {}).items()}
        context = event.get("requestContext") or {}
        claims = (context.get("authorizer") or {}).get("claims") or {}
        return cls(headers=headers, authorizer_claims=dict(claims))

    def header(self, name: str) -> str | None:
        return self.headers.get(name.lower())


def caller(request: ApiRequest) -> Claims | None:
    """The caller's identity: from the Cognito authorizer, or, on routes where signing in is optional
    and so no authorizer runs, from a bearer token the caller chose to send (a bad one is a 401)."""
    try:
        if request.authorizer_claims.get("sub"):
            return Claims.from_mapping(request.authorizer_claims)
        token = bearer_token(request.header("Authorization"))
        if token is None:
            return None
        return Claims.from_mapping(default_verifier().verify(token))
    except InvalidToken as exc:
        raise Unauthorized("Invalid or expired token.") from exc


def require_caller(request: ApiRequest) -> Claims:
    found = caller(request)
    if found is None:
        raise Unauthorized("Authentication required.")
    return found


def ascending(sort_order: str | None) -> bool:
    """The lists' `sortOrder` (already checked by `schemas.SortOrder`): newest first unless `ASC`."""
    return sort_order is not None and sort_order.strip().upper() == "ASC"


def present(value: str | None) -> str | None:
    """A query parameter with its surrounding blanks gone; empty counts as absent."""
    return (value or "").strip() or None
