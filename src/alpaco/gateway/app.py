"""The local API Gateway: HTTP in, REST proxy events to each service's handler, Cognito-style auth.

On AWS the same Starlette app serves the streaming services behind Lambda Web Adapter.
"""

from __future__ import annotations

import importlib
import json
from collections import defaultdict
from collections.abc import Awaitable, Callable, Sequence
from pathlib import Path
from typing import Any

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response, StreamingResponse
from starlette.routing import BaseRoute, Mount
from starlette.routing import Route as StarletteRoute
from starlette.staticfiles import StaticFiles
from starlette.types import ASGIApp

from alpaco.gateway import health
from alpaco.gateway.cors import CorsMiddleware
from alpaco.gateway.events import build_event, to_response
from alpaco.gateway.identity import DevIdentityProvider, DevUser, InvalidIdentity, forbidden_group
from alpaco.gateway.openapi import docs_page, document_json
from alpaco.kernel import sse
from alpaco.kernel.auth import Claims, InvalidToken, TokenVerifier, bearer_token
from alpaco.kernel.config import Settings
from alpaco.kernel.http import (
    ApiError,
    BadRequest,
    Cors,
    Forbidden,
    NotFound,
    PayloadTooLarge,
    ServiceUnavailable,
    Unauthorized,
    UnsupportedMediaType,
    error_body,
)
from alpaco.kernel.service import RETRY_AFTER_SECONDS
from alpaco.routes import ROUTES, Route

Endpoint = Callable[[Request], Awaitable[Response]]
WEB_DIR = Path(__file__).resolve().parent.parent / "web"


def json_error(error: ApiError) -> Response:
    return json_response(error.status, error.body(), error.headers() or None)


def json_response(status: int, body: Any, headers: dict[str, str] | None = None) -> Response:
    return Response(
        json.dumps(body, ensure_ascii=False),
        status_code=status,
        media_type="application/json",
        headers=headers,
    )


async def read_body(request: Request, limit: int) -> bytes:
    declared = request.headers.get("content-length")
    if declared is not None and declared.isdigit() and int(declared) > limit:
        raise PayloadTooLarge(f"Request body exceeds {limit} bytes.")
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise PayloadTooLarge(f"Request body exceeds {limit} bytes.")
        chunks.append(chunk)
    return b"".join(chunks)


class Gateway:
    def __init__(
        self,
        settings: Settings,
        verifier: TokenVerifier,
        identity: DevIdentityProvider | None = None,
        store_available: Callable[[], bool] | None = None,
    ) -> None:
        self.settings = settings
        self.verifier = verifier
        self.identity = identity
        self.store_available = store_available
        self.cors = Cors(settings.cors_origins)
        self._modules: dict[str, Any] = {}

    def _service(self, name: str) -> Any:
        if name not in self._modules:
            self._modules[name] = importlib.import_module(f"alpaco.services.{name}.handler")
        return self._modules[name]

    async def authenticate(self, request: Request, mode: str) -> Claims | None:
        header = request.headers.get("authorization") or request.headers.get("x-custom-auth-token")
        token = bearer_token(header)
        if token is None:
            if mode == "required":
                raise Unauthorized("Authentication required.")
            return None
        try:
            claims = await run_in_threadpool(self.verifier.verify, token)
            return Claims.from_mapping(claims)
        except InvalidToken as exc:
            raise Unauthorized(f"Unauthorized: {exc}") from exc

    def endpoint(self, routes: dict[str, Route]) -> Endpoint:
        allowed = ",".join(sorted({*routes, "OPTIONS"}))

        async def dispatch(request: Request) -> Response:
            route = routes.get(request.method)
            if route is None:
                return json_response(
                    405,
                    error_body("method_not_allowed", f"{request.method} is not allowed here."),
                    {"Allow": allowed},
                )
            try:
                if not self.store_up():
                    raise ServiceUnavailable(
                        "The database is restarting; try again shortly.",
                        retry_after=RETRY_AFTER_SECONDS,
                    )
                body = await read_body(request, self.settings.max_body_bytes)
                claims = await self.authenticate(request, route.auth)
            except ApiError as exc:
                return json_error(exc)
            module = self._service(route.service)
            if route.streaming:
                # `stream` refuses before the first byte (400, 401, 429 as JSON), with blocking
                # checks (its quota is in DynamoDB); what it returns is the stream itself.
                try:
                    events = await run_in_threadpool(module.stream, body, claims)
                except ApiError as exc:
                    return json_error(exc)
                beat = (
                    sse.keep_alive_comment if route.keep_alive == "comment" else sse.heartbeat_frame
                )
                return StreamingResponse(
                    sse.with_heartbeats(events, beat=beat),
                    media_type="text/event-stream",
                    headers={"Cache-Control": "no-store", "X-Accel-Buffering": "no"},
                )
            event = build_event(
                request, route, body, claims.to_authorizer_claims() if claims else None
            )
            result = await run_in_threadpool(module.handler, event, None)
            return to_response(result)

        return dispatch

    def store_up(self) -> bool:
        return self.store_available is None or self.store_available()

    async def health(self, request: Request) -> Response:
        """Deep unless `?deep=0`: then only that this process answers."""
        if request.query_params.get("deep") == "0":
            return json_response(200, {"status": "ok"})
        found = await run_in_threadpool(health.report, self.settings, self.store_available)
        return json_response(503 if found["status"] == health.DOWN else 200, found)

    async def openapi(self, request: Request) -> Response:
        return Response(await run_in_threadpool(document_json), media_type="application/json")

    async def docs(self, request: Request) -> Response:
        """Swagger UI asks its own address for the document with `?format=json`."""
        if request.query_params.get("format") == "json":
            return await self.openapi(request)
        return HTMLResponse(await run_in_threadpool(docs_page))

    def refuse_web_pages(self, request: Request) -> None:
        """Any site the developer visits could otherwise sign in as anyone from their browser: a
        form or a `text/plain` fetch needs no preflight, so the origin and the media type are
        checked here, before anything is read."""
        origin = request.headers.get("origin")
        foreign = origin is not None and not self.cors.allows(origin)
        if foreign or request.headers.get("sec-fetch-site") == "cross-site":
            raise Forbidden("Dev sign-in is open only to this gateway's pages and allowed origins.")
        media_type = request.headers.get("content-type", "").split(";", 1)[0].strip().lower()
        if media_type != "application/json":
            raise UnsupportedMediaType("Dev sign-in takes Content-Type: application/json.")

    async def dev_token(self, request: Request) -> Response:
        assert self.identity is not None
        try:
            self.refuse_web_pages(request)
            raw = await read_body(request, 16 * 1024)
            try:
                data = json.loads(raw or b"null")
            except ValueError as exc:
                raise BadRequest("Malformed JSON body.") from exc
            user = DevUser.parse(data)
            refused = forbidden_group(user, self.settings.dev_admins)
            if refused is not None:
                raise Forbidden(
                    f"{user.username} may not have the group {refused} (see ALPACO_DEV_ADMINS)."
                )
        except InvalidIdentity as exc:
            return json_error(BadRequest(str(exc)))
        except ApiError as exc:
            return json_error(exc)
        token = self.identity.issue(user)
        return json_response(200, {"idToken": token, "expiresIn": 3600})

    async def jwks(self, request: Request) -> Response:
        assert self.identity is not None
        return json_response(200, self.identity.jwks(), {"Cache-Control": "max-age=300"})

    async def me(self, request: Request) -> Response:
        try:
            claims = await self.authenticate(request, "required")
        except ApiError as exc:
            return json_error(exc)
        assert claims is not None
        return json_response(
            200,
            {
                "userId": claims.user_id,
                "username": claims.username,
                "nickname": claims.nickname,
                "groups": list(claims.groups),
            },
        )


def create_app(
    settings: Settings,
    verifier: TokenVerifier,
    identity: DevIdentityProvider | None = None,
    routes_manifest: Sequence[Route] = ROUTES,
    store_available: Callable[[], bool] | None = None,
) -> ASGIApp:
    gateway = Gateway(settings, verifier, identity, store_available)
    by_path: dict[str, dict[str, Route]] = defaultdict(dict)
    for route in routes_manifest:
        by_path[route.path][route.method] = route
    routes: list[BaseRoute] = [
        StarletteRoute("/health", gateway.health, methods=["GET"]),
        StarletteRoute("/openapi.json", gateway.openapi, methods=["GET"]),
        StarletteRoute("/docs", gateway.docs, methods=["GET"]),
    ]
    if identity is not None:
        routes += [
            StarletteRoute("/auth/dev/token", gateway.dev_token, methods=["POST"]),
            StarletteRoute("/auth/dev/.well-known/jwks.json", gateway.jwks, methods=["GET"]),
            StarletteRoute("/auth/me", gateway.me, methods=["GET"]),
        ]
    routes += [
        StarletteRoute(path, gateway.endpoint(methods), methods=list(methods))
        for path, methods in by_path.items()
    ]
    if WEB_DIR.is_dir():
        routes += [
            StarletteRoute("/", lambda request: RedirectResponse("/app/"), methods=["GET"]),
            Mount("/app", StaticFiles(directory=WEB_DIR, html=True), name="web"),
        ]

    async def http_error(request: Request, exc: Exception) -> Response:
        status = exc.status_code if isinstance(exc, HTTPException) else 500
        if status == 404:
            return json_error(NotFound(f"No route for {request.method} {request.url.path}."))
        if status == 405:  # Starlette names the path's methods in Allow, as RFC 9110 asks
            headers = dict(exc.headers or {}) if isinstance(exc, HTTPException) else None
            return json_response(
                405, error_body("method_not_allowed", "Method not allowed."), headers
            )
        return json_response(status, error_body("http_error", str(getattr(exc, "detail", ""))))

    async def server_error(request: Request, exc: Exception) -> Response:
        return json_response(500, error_body("internal", "Internal server error."))

    app = Starlette(
        routes=routes,
        exception_handlers={HTTPException: http_error, Exception: server_error},
    )
    return CorsMiddleware(app, routes, gateway.cors)
