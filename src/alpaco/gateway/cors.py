"""CORS as API Gateway's settings give it: a preflight answer for every route, and the allowed
origin echoed on every response. It wraps the whole app, outside Starlette's error middleware,
because a 500 a browser cannot read is a 500 nobody can debug."""

from __future__ import annotations

from collections.abc import Sequence

from starlette.datastructures import Headers, MutableHeaders
from starlette.responses import Response
from starlette.routing import BaseRoute, Match
from starlette.routing import Route as StarletteRoute
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from alpaco.kernel.http import Cors, vary_on_origin


class CorsMiddleware:
    def __init__(self, app: ASGIApp, routes: Sequence[BaseRoute], cors: Cors) -> None:
        self.app = app
        self.routes = routes
        self.cors = cors

    def methods(self, scope: Scope) -> set[str]:
        """What the path answers to, whichever method asked: a route matching only by path is a
        partial match."""
        found: set[str] = set()
        for route in self.routes:
            if isinstance(route, StarletteRoute) and route.methods:
                match, _ = route.matches(scope)
                if match is not Match.NONE:
                    found |= route.methods
        return found

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        origin = Headers(scope=scope).get("origin")
        if scope["method"] == "OPTIONS" and (methods := self.methods(scope)):
            allow = ",".join(sorted({*methods, "OPTIONS"}))
            headers = {"Allow": allow, **self.cors.preflight(origin, methods)}
            await Response(status_code=204, headers=headers)(scope, receive, send)
            return
        granted = self.cors.headers(origin)

        async def send_with_cors(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                vary = vary_on_origin(headers.get("vary"))
                headers.update(granted)
                headers["Vary"] = vary
            await send(message)

        await self.app(scope, receive, send_with_cors)
