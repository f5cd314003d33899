"""One streaming service's ASGI app, as AWS Lambda Web Adapter runs it (ARCHITECTURE §3).

The Python runtime cannot stream, so a streaming function's handler is `run.sh`, which starts this
app under uvicorn; the adapter forwards each Function URL request to it and streams the answer
back (`AWS_LWA_INVOKE_MODE=response_stream`). The app serves only that service's streaming routes,
through the same `Gateway.endpoint` the local gateway uses: no health check, API document, web app
or dev sign-in (those belong to the REST API, the site and the developer's machine).

CloudFront signs its requests to the Function URL with SigV4 in `Authorization`, so a browser sends
its ID token in `X-Custom-Auth-Token`, which the adapter moves into `Authorization`
(`AWS_LWA_AUTHORIZATION_SOURCE`); a request without it keeps CloudFront's signature there, which
is no bearer token, so it is a 401.
"""

from __future__ import annotations

import argparse
from collections import defaultdict
from collections.abc import Sequence

import uvicorn
from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute
from starlette.routing import Route as StarletteRoute
from starlette.types import ASGIApp

from alpaco.gateway.app import Gateway, json_error, json_response
from alpaco.gateway.cors import CorsMiddleware
from alpaco.kernel.auth import TokenVerifier
from alpaco.kernel.config import Settings, get_settings
from alpaco.kernel.http import NotFound, error_body
from alpaco.routes import ROUTES, Route

# Lambda Web Adapter's default traffic port; it connects to the app on the loopback interface.
ADAPTER_PORT = 8080


def streaming_routes(service: str, manifest: Sequence[Route] = ROUTES) -> list[Route]:
    routes = [route for route in manifest if route.service == service and route.streaming]
    if not routes:
        raise ValueError(f"{service!r} has no streaming route in alpaco.routes")
    return routes


def create_stream_app(
    service: str,
    settings: Settings,
    verifier: TokenVerifier,
    manifest: Sequence[Route] = ROUTES,
) -> ASGIApp:
    gateway = Gateway(settings, verifier)
    by_path: dict[str, dict[str, Route]] = defaultdict(dict)
    for route in streaming_routes(service, manifest):
        by_path[route.path][route.method] = route
    routes: list[BaseRoute] = [
        StarletteRoute(path, gateway.endpoint(methods), methods=list(methods))
        for path, methods in by_path.items()
    ]

    async def http_error(request: Request, exc: Exception) -> Response:
        """Starlette's own 404 and 405 in the one error body, like every other answer."""
        status = exc.status_code if isinstance(exc, HTTPException) else 500
        if status == 404:
            return json_error(NotFound(f"No route for {request.method} {request.url.path}."))
        return json_response(status, error_body("http_error", "Request not accepted."))

    app = Starlette(routes=routes, exception_handlers={HTTPException: http_error})
    return CorsMiddleware(app, routes, gateway.cors)


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        description="Serve one streaming service for Lambda Web Adapter."
    )
    parser.add_argument("service")
    parser.add_argument("--port", type=int, default=ADAPTER_PORT)
    args = parser.parse_args(argv)
    settings = get_settings()
    app = create_stream_app(args.service, settings, TokenVerifier.from_settings(settings))
    # uvicorn configures no logging of its own: our JSON lines are the log, and its warnings still
    # reach stderr (CloudWatch) through Python's last-resort handler.
    uvicorn.run(app, host="127.0.0.1", port=args.port, log_config=None)


if __name__ == "__main__":
    main()
