"""The one error body, and the CORS policy every response follows, errors included."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, ClassVar

ALLOW_HEADERS = (
    "Authorization",
    "Content-Type",
    "X-Amz-Date",
    "X-Api-Key",
    "X-Amz-Security-Token",
    "X-Amz-Content-Sha256",
    "X-Custom-Auth-Token",
)
# Response headers a page on another origin may read besides the CORS-safelisted ones: a 429's
# Retry-After would be invisible to the frontend otherwise.
EXPOSE_HEADERS = ("Retry-After",)
PREFLIGHT_MAX_AGE_SECONDS = 7200  # Chromium's ceiling; a longer answer is cut to it anyway


@dataclass(frozen=True)
class Cors:
    """Which web origins may read our answers: the settings' list, each echoed back, never `*`.

    `Vary: Origin` goes on every answer, allowed or not, so that a cache never hands the answer
    meant for one origin (or for none) to another.
    """

    origins: frozenset[str]

    def allows(self, origin: str | None) -> bool:
        return origin is not None and origin in self.origins

    def headers(self, origin: str | None) -> dict[str, str]:
        if origin is None or origin not in self.origins:
            return {"Vary": "Origin"}
        return {
            "Access-Control-Allow-Origin": origin,
            "Access-Control-Expose-Headers": ",".join(EXPOSE_HEADERS),
            "Vary": "Origin",
        }

    def preflight(self, origin: str | None, methods: Iterable[str]) -> dict[str, str]:
        """A disallowed origin gets no grant at all, and the browser then refuses the request."""
        headers = self.headers(origin)
        if self.allows(origin):
            headers["Access-Control-Allow-Methods"] = ",".join(sorted({*methods, "OPTIONS"}))
            headers["Access-Control-Allow-Headers"] = ",".join(ALLOW_HEADERS)
            headers["Access-Control-Max-Age"] = str(PREFLIGHT_MAX_AGE_SECONDS)
        return headers


def vary_on_origin(existing: str | None) -> str:
    """`Vary` is a list: add Origin to what a handler already varies on rather than replace it."""
    names = [name.strip() for name in (existing or "").split(",") if name.strip()]
    if "origin" not in {name.lower() for name in names}:
        names.append("Origin")
    return ", ".join(names)


class ApiError(Exception):
    status: ClassVar[int] = 500
    code: ClassVar[str] = "internal"

    def __init__(self, message: str, *, details: Any = None) -> None:
        super().__init__(message)
        self.message = message
        self.details = details

    def body(self) -> dict[str, Any]:
        return error_body(self.code, self.message, self.details)

    def headers(self) -> dict[str, str]:
        """What the answer carries besides its body and CORS."""
        return {}


class BadRequest(ApiError):
    status = 400
    code = "bad_request"


class Unauthorized(ApiError):
    status = 401
    code = "unauthorized"


class Forbidden(ApiError):
    status = 403
    code = "forbidden"


class NotFound(ApiError):
    status = 404
    code = "not_found"


class Conflict(ApiError):
    status = 409
    code = "conflict"


class PayloadTooLarge(ApiError):
    status = 413
    code = "payload_too_large"


class UnsupportedMediaType(ApiError):
    status = 415
    code = "unsupported_media_type"


class RetryLater(ApiError):
    """`retry_after` is the whole seconds until a retry can succeed, when that is known: it becomes
    the `Retry-After` header, so a client need not parse the message to back off."""

    def __init__(
        self, message: str, *, retry_after: int | None = None, details: Any = None
    ) -> None:
        super().__init__(message, details=details)
        self.retry_after = retry_after

    def headers(self) -> dict[str, str]:
        return {} if self.retry_after is None else {"Retry-After": str(self.retry_after)}


class TooManyRequests(RetryLater):
    status = 429
    code = "too_many_requests"


class ServiceUnavailable(RetryLater):
    """Something the request needs is down for now (the database); nothing was half-written."""

    status = 503
    code = "unavailable"


class InternalError(ApiError):
    status = 500
    code = "internal"


def invalid_request(
    errors: Sequence[Mapping[str, Any]], *, missing: str | None = None
) -> BadRequest:
    """Pydantic's errors as one 400: the first problem in words, each located in `details`;
    `missing` is a route's own words for a body that only lacks required fields (the original
    clients show theirs)."""
    details = [{"loc": list(e.get("loc", ())), "msg": str(e.get("msg", ""))} for e in errors]
    if missing is not None and errors and all(e.get("type") == "missing" for e in errors):
        return BadRequest(missing, details=details)
    first = details[0] if details else {"loc": [], "msg": ""}
    where = ".".join(str(part) for part in first["loc"]) or "request"
    return BadRequest(f"Invalid request: {where}: {first['msg']}", details=details)


def error_body(code: str, message: str, details: Any = None) -> dict[str, Any]:
    body: dict[str, Any] = {"message": message, "code": code}
    if details is not None:
        body["details"] = details
    return body
