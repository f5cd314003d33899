"""A REST service's app and handler on Powertools' APIGatewayRestResolver, in our error shape.

Handlers stay small because everything cross-cutting happens here: CORS on every response, request
validation as 400s with the field's location, ApiError as its status, a request log line, and the
parts of the event a route reads (`Incoming`), delivered as an argument.

CORS is ours rather than Powertools' CORSConfig: that one answers a preflight's allowed methods to
any origin and never sends `Vary: Origin`.

Powertools keeps the request it is resolving in class attributes that every resolver shares. On
Lambda a process serves one request at a time, but the local gateway calls handlers from a thread
pool, so resolving holds `_resolving`; each route gives it up for as long as its own body runs
(`route`), which is where the time goes (grading waits for the sandbox). A route reads nothing
from the resolver: its arguments carry the validated body, query and path, and the request.
"""

from __future__ import annotations

import base64
import binascii
import functools
import inspect
import json
import threading
import time
import typing
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from http import HTTPStatus
from typing import Annotated, Any, Final, Literal, TypeVar

from aws_lambda_powertools.event_handler import APIGatewayRestResolver, Response
from aws_lambda_powertools.event_handler.depends import Depends
from aws_lambda_powertools.event_handler.openapi.exceptions import RequestValidationError
from aws_lambda_powertools.event_handler.openapi.params import Query
from aws_lambda_powertools.event_handler.request import Request
from aws_lambda_powertools.shared.json_encoder import Encoder
from pydantic import BaseModel

from alpaco.kernel import log
from alpaco.kernel.config import get_settings
from alpaco.kernel.dynamo_errors import Unavailable
from alpaco.kernel.http import (
    ApiError,
    BadRequest,
    Cors,
    InternalError,
    NotFound,
    ServiceUnavailable,
    Unauthorized,
    UnsupportedMediaType,
    invalid_request,
    vary_on_origin,
)
from alpaco.kernel.request import ApiRequest
from alpaco.kernel.schemas import ErrorBody

Handler = Callable[[dict[str, Any], Any], dict[str, Any]]
Route = TypeVar("Route", bound=Callable[..., Any])
Auth = Literal["none", "optional", "required"]

API_METHODS: Final = ("GET", "POST", "PATCH", "DELETE")
RETRY_AFTER_SECONDS: Final = 2
_BODY_METHODS: Final = frozenset({"POST", "PUT", "PATCH"})
_resolving = threading.Lock()


SECURITY_SCHEME: Final = "cognito"
SECURITY: Final[dict[Auth, list[dict[str, list[str]]] | None]] = {
    "none": None,
    "optional": [{}, {SECURITY_SCHEME: []}],
    "required": [{SECURITY_SCHEME: []}],
}


@dataclass
class Api:
    """A service's resolver, with the routes that need a caller: those answer 401 before anything
    of the request is read (the resolver would validate the body first)."""

    service: str
    resolver: APIGatewayRestResolver
    signed_in: set[tuple[str, str]] = field(default_factory=set)
    missing_messages: dict[tuple[str, str], str] = field(default_factory=dict)
    query_models: dict[tuple[str, str], type[BaseModel]] = field(default_factory=dict)


def _incoming(request: Request) -> ApiRequest:
    return ApiRequest.from_event(request.resolved_event.raw_event)


Incoming = Annotated[ApiRequest, Depends(_incoming)]


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


def create_app(service: str) -> Api:
    get_settings()  # at import, so that a missing setting fails the cold start, not each request
    app = APIGatewayRestResolver(enable_validation=True, serializer=_serialize)
    api = Api(service=service, resolver=app)
    logger = log.get_logger(service)

    @app.exception_handler(ApiError)
    def _api_error(exc: ApiError) -> Response[str]:
        return _json_error(exc.status, exc.body(), exc.headers())

    @app.exception_handler(Unavailable)
    def _store_down(exc: Unavailable) -> Response[str]:
        logger.warning("store unavailable", extra={"error": str(exc)})
        error = ServiceUnavailable(
            "The database is unavailable; try again shortly.", retry_after=RETRY_AFTER_SECONDS
        )
        return _json_error(error.status, error.body(), error.headers())

    @app.exception_handler(RequestValidationError)
    def _invalid(exc: RequestValidationError) -> Response[str]:
        # Validation runs before the route's body, so under `_resolving`: the event is this one.
        event = app.current_event
        missing = api.missing_messages.get((event.http_method.upper(), event.resource))
        return _json_error(400, invalid_request(exc.errors(), missing=missing).body())

    @app.not_found
    def _not_found(_: Exception) -> Response[str]:
        return _json_error(404, NotFound("No such route.").body())

    @app.exception_handler(Exception)
    def _unexpected(exc: Exception) -> Response[str]:
        logger.exception("unhandled error", extra={"error_type": type(exc).__name__})
        return _json_error(500, InternalError("Internal server error.").body())

    return api


def route(
    api: Api,
    method: str,
    path: str,
    *,
    ok: type[BaseModel],
    status: int = 200,
    auth: Auth = "none",
    errors: Iterable[int] = (),
    missing: str | None = None,
) -> Callable[[Route], Route]:
    """Register a route at its manifest path (`/community/{postId}`) with its `auth` as in the
    manifest, documented by `ok` (the body of a `status` answer) and the error statuses it can
    answer besides 400, 500, 401 where a token may come and 404 where the path has parameters.
    `missing` words the 400 for a body without its required fields."""
    responses: dict[int, Any] = {
        status: {
            "description": HTTPStatus(status).phrase,
            "content": {"application/json": {"model": ok}},
        }
    }
    implied = {400, 500}
    if auth != "none":
        implied.add(401)
    if "{" in path:
        implied.add(404)  # a path parameter the resolver cannot match names no route
    for code in sorted({*implied, *errors}):
        responses[code] = {
            "description": HTTPStatus(code).phrase,
            "content": {"application/json": {"model": ErrorBody}},
        }
    powertools_path = path.replace("{", "<").replace("}", ">")

    if auth == "required":
        api.signed_in.add((method.upper(), path))
    if missing is not None:
        api.missing_messages[(method.upper(), path)] = missing

    def register(func: Route) -> Route:
        query = _query_model(func)
        if query is not None:
            api.query_models[(method.upper(), path)] = query
        api.resolver.route(
            powertools_path, method.upper(), responses=responses, security=SECURITY[auth]
        )(_outside_resolving(func))
        return func

    return register


def _query_model(func: Callable[..., Any]) -> type[BaseModel] | None:
    """The model a route takes its query string into, if any (`Annotated[Model, Query()]`)."""
    for hint in typing.get_type_hints(func, include_extras=True).values():
        if typing.get_origin(hint) is Annotated:
            model, *marks = typing.get_args(hint)
            if any(isinstance(mark, Query) for mark in marks) and issubclass(model, BaseModel):
                return model  # type: ignore[no-any-return]
    return None


def _outside_resolving(func: Callable[..., Any]) -> Callable[..., Any]:
    """`func` for the resolver, run with `_resolving` released; the signature the resolver reads
    carries evaluated annotations, as the wrapper's module cannot evaluate the route's."""
    hints = typing.get_type_hints(func, include_extras=True)
    signature = inspect.signature(func)

    @functools.wraps(func)
    def body(*args: Any, **kwargs: Any) -> Any:
        _resolving.release()
        try:
            return func(*args, **kwargs)
        finally:
            _resolving.acquire()

    body.__signature__ = signature.replace(  # type: ignore[attr-defined]
        parameters=[p.replace(annotation=hints[p.name]) for p in signature.parameters.values()],
        return_annotation=hints.get("return", inspect.Signature.empty),
    )
    return body


def _origin(event: dict[str, Any]) -> str | None:
    for name, value in (event.get("headers") or {}).items():
        if name.lower() == "origin":
            return str(value)
    return None


def _not_json(event: dict[str, Any]) -> bool:
    """Bodies are JSON; Powertools would also parse forms, which a page on any site can send."""
    if str(event.get("httpMethod", "")).upper() not in _BODY_METHODS:
        return False
    headers = {str(k).lower(): str(v) for k, v in (event.get("headers") or {}).items()}
    media = headers.get("content-type", "").split(";")[0].strip().lower()
    return media not in ("", "application/json")


def _utf8_body(event: dict[str, Any]) -> bool:
    """A base64 body must decode to UTF-8 text; the resolver would fail on it with a 500."""
    body = event.get("body")
    if not body or not event.get("isBase64Encoded"):
        return True
    try:
        base64.b64decode(str(body), validate=True).decode("utf-8")
    except (binascii.Error, UnicodeDecodeError):
        return False
    return True


def _refusal(error: ApiError) -> dict[str, Any]:
    return {
        "statusCode": error.status,
        "headers": {"Content-Type": "application/json"},
        "body": json.dumps(error.body()),
    }


def _answer(api: Api, event: dict[str, Any], context: Any) -> dict[str, Any]:
    route_key = (str(event.get("httpMethod", "")).upper(), str(event.get("resource", "")))
    if route_key in api.signed_in and not ApiRequest.from_event(event).authorizer_claims:
        return _refusal(Unauthorized("Authentication required."))
    if _not_json(event):
        return _refusal(UnsupportedMediaType("Request bodies must be application/json."))
    if not _utf8_body(event):
        return _refusal(BadRequest("Request bodies must be UTF-8 encoded JSON."))
    app = api.resolver
    with _resolving:
        # Powertools clears its per-request context when a resolve ends, and an earlier request
        # may still be in its body: start from nothing rather than from what that one cached.
        app.context.clear()
        response: dict[str, Any] = app.resolve(event, context)
    return response


def make_handler(api: Api) -> Handler:
    logger = log.get_logger(api.service)

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
            response = _answer(api, event, context)
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
