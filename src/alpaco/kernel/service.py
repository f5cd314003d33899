"""A REST service's app and handler on Powertools' APIGatewayRestResolver, in our error shape.

Handlers stay small because everything cross-cutting happens here: CORS on every response, validation
and JSON errors as 400s, ApiError as its status, a request log line, and claims from the authorizer.

CORS is ours rather than Powertools' CORSConfig: that one answers a preflight's allowed methods to
any origin and never sends `Vary: Origin`.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from aws_lambda_powertools.event_handler import APIGatewayRestResolver, Response
from aws_lambda_powertools.event_handler.openapi.exceptions import RequestValidationError
from aws_lambda_powertools.shared.json_encoder import Encoder

from alpaco.kernel import log
from alpaco.kernel.auth import Claims, InvalidToken, bearer_token, default_verifier
from alpaco.kernel.config import get_settings
from alpaco.kernel.dynamo import DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE
from alpaco.kernel.http import (
    ApiError,
    BadRequest,
    Cors,
    InternalError,
    NotFound,
    Unauthorized,
    error_body,
    vary_on_origin,
)
from alpaco.kernel.resolver import PerThreadResolver

Handler = Callable[[dict[str, Any], Any], dict[str, Any]]

API_METHODS = ("GET", "POST", "PATCH", "DELETE")


def _serialize(body: Any) -> str:
    """Powertools' encoder (pydantic, dataclasses, Decimal) but UTF-8 text rather than \\u escapes."""
    return json.dumps(body, separators=(",", ":"), cls=Encoder, ensure_ascii=False)


def _json_error(
    status: int, body: dict[str, Any], headers: dict[str, str] | None = None
) -> Response[str]:
    return Response(
        status_code=status,
        content_type="application/json",
        body=json.dumps(body, ensure_ascii=False),
        headers=headers,
    )


def create_app(service: str) -> APIGatewayRestResolver:
    get_settings()  # at import, so that a missing setting fails the cold start, not each request
    app = PerThreadResolver(enable_validation=True, serializer=_serialize)
    logger = log.get_logger(service)

    @app.exception_handler(ApiError)
    def _api_error(exc: ApiError) -> Response[str]:
        return _json_error(exc.status, exc.body(), exc.headers())

    @app.exception_handler(RequestValidationError)
    def _invalid(exc: RequestValidationError) -> Response[str]:
        details = [
            {"loc": list(e.get("loc", ())), "msg": str(e.get("msg", ""))} for e in exc.errors()
        ]
        return _json_error(400, error_body("bad_request", "Invalid request.", details))

    @app.not_found
    def _not_found(_: Exception) -> Response[str]:
        return _json_error(404, NotFound("No such route.").body())

    @app.exception_handler(Exception)
    def _unexpected(exc: Exception) -> Response[str]:
        logger.exception("unhandled error", extra={"error_type": type(exc).__name__})
        return _json_error(500, InternalError("Internal server error.").body())

    return app


def _origin(event: dict[str, Any]) -> str | None:
    for name, value in (event.get("headers") or {}).items():
        if name.lower() == "origin":
            return str(value)
    return None


def make_handler(app: APIGatewayRestResolver, service: str) -> Handler:
    logger = log.get_logger(service)

    def handler(event: dict[str, Any], context: Any) -> dict[str, Any]:
        started = time.perf_counter()
        cors = Cors(get_settings().cors_origins)
        origin = _origin(event)
        response: dict[str, Any]
        if str(event.get("httpMethod", "")).upper() == "OPTIONS":
            # The preflight never reaches a route: it grants the API's methods, and the real
            # request still meets the route's own 404 or 405.
            response = {
                "statusCode": 204,
                "headers": cors.preflight(origin, API_METHODS),
                "body": "",
            }
        else:
            response = app.resolve(event, context)
            headers = response.get("headers") or {}
            vary = vary_on_origin(headers.get("Vary"))
            response["headers"] = {**headers, **cors.headers(origin), "Vary": vary}
        request_context = event.get("requestContext") or {}
        claims = (request_context.get("authorizer") or {}).get("claims") or {}
        logger.info(
            "request",
            extra={
                "request_id": request_context.get("requestId"),
                "route": f"{event.get('httpMethod')} {event.get('resource')}",
                "status": response.get("statusCode"),
                "latency_ms": round((time.perf_counter() - started) * 1000, 2),
                "user_id": claims.get("sub"),
            },
        )
        return response

    return handler


def claims(app: APIGatewayRestResolver) -> Claims | None:
    """The caller's identity: from the Cognito authorizer, or, on routes where signing in is optional
    and so no authorizer runs, from a bearer token the caller chose to send (a bad one is a 401)."""
    authorizer = app.current_event.request_context.authorizer
    raw = authorizer.claims if authorizer else None
    try:
        if raw and raw.get("sub"):
            return Claims.from_mapping(raw)
        token = bearer_token(app.current_event.headers.get("Authorization"))
        if token is None:
            return None
        return Claims.from_mapping(default_verifier().verify(token))
    except InvalidToken as exc:
        raise Unauthorized("Invalid or expired token.") from exc


def require_claims(app: APIGatewayRestResolver) -> Claims:
    found = claims(app)
    if found is None:
        raise Unauthorized("Authentication required.")
    return found


def json_body(app: APIGatewayRestResolver) -> dict[str, Any]:
    raw = app.current_event.decoded_body
    if raw is None or raw == "":
        raise BadRequest("Request body must be a JSON object.")
    try:
        data = json.loads(raw)
    except (ValueError, TypeError) as exc:
        raise BadRequest("Malformed JSON body.") from exc
    if not isinstance(data, dict):
        raise BadRequest("Request body must be a JSON object.")
    return data


@dataclass(frozen=True)
class PageRequest:
    page_size: int
    cursor: str | None


def page_request(app: APIGatewayRestResolver, default: int = DEFAULT_PAGE_SIZE) -> PageRequest:
    query = app.current_event.query_string_parameters or {}
    raw_size = query.get("pageSize")
    if raw_size in (None, ""):
        size = default
    else:
        try:
            size = int(str(raw_size))
        except ValueError as exc:
            raise BadRequest("pageSize must be an integer between 1 and 100.") from exc
        if not 1 <= size <= MAX_PAGE_SIZE:
            raise BadRequest("pageSize must be an integer between 1 and 100.")
    cursor = query.get("lastEvaluatedKey") or None
    return PageRequest(page_size=size, cursor=cursor)


def ascending(sort_order: str | None) -> bool:
    """The lists' `sortOrder`: `ASC` or `DESC` in any case; newest first when absent."""
    if sort_order is None:
        return False
    order = sort_order.strip().upper()
    if order not in ("ASC", "DESC"):
        raise BadRequest("sortOrder must be ASC or DESC.")
    return order == "ASC"


def query_param(app: APIGatewayRestResolver, name: str, *, max_length: int = 256) -> str | None:
    value = (app.current_event.query_string_parameters or {}).get(name)
    if value in (None, ""):
        return None
    if len(value) > max_length:
        raise BadRequest(f"{name} is too long (max {max_length} characters).")
    return value
