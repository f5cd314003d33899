"""HTTP request ⇄ API Gateway REST (v1) proxy event, shaped as AWS documents it."""

from __future__ import annotations

import base64
import time
import uuid
from typing import Any

from starlette.requests import Request
from starlette.responses import Response

from alpaco.routes import Route

STAGE = "local"


def _is_text(content_type: str) -> bool:
    return not content_type or content_type.startswith("text/") or "json" in content_type


def build_event(
    request: Request, route: Route, body: bytes, claims: dict[str, str] | None
) -> dict[str, Any]:
    headers: dict[str, str] = {}
    multi_headers: dict[str, list[str]] = {}
    for name, value in request.headers.items():
        canonical = "-".join(part.capitalize() for part in name.split("-"))
        headers[canonical] = value
        multi_headers.setdefault(canonical, []).append(value)
    query: dict[str, str] = {}
    multi_query: dict[str, list[str]] = {}
    for name, value in request.query_params.multi_items():
        query[name] = value
        multi_query.setdefault(name, []).append(value)
    content_type = request.headers.get("content-type", "")
    if not body:
        event_body: str | None = None
        encoded = False
    elif _is_text(content_type):
        try:
            event_body, encoded = body.decode("utf-8"), False
        except UnicodeDecodeError:
            event_body, encoded = base64.b64encode(body).decode(), True
    else:
        event_body, encoded = base64.b64encode(body).decode(), True
    request_id = str(uuid.uuid4())
    now = time.time()
    client_ip = request.client.host if request.client else "127.0.0.1"
    authorizer: dict[str, Any] = {"claims": claims} if claims else {}
    return {
        "resource": route.path,
        "path": request.url.path,
        "httpMethod": request.method,
        "headers": headers or None,
        "multiValueHeaders": multi_headers or None,
        "queryStringParameters": query or None,
        "multiValueQueryStringParameters": multi_query or None,
        "pathParameters": dict(request.path_params) or None,
        "stageVariables": None,
        "requestContext": {
            "accountId": "000000000000",
            "apiId": "alpaco-local",
            "resourceId": route.path,
            "resourcePath": route.path,
            "httpMethod": request.method,
            "path": f"/{STAGE}{request.url.path}",
            "protocol": f"HTTP/{request.scope.get('http_version', '1.1')}",
            "requestId": request_id,
            "extendedRequestId": request_id,
            "requestTime": time.strftime("%d/%b/%Y:%H:%M:%S +0000", time.gmtime(now)),
            "requestTimeEpoch": int(now * 1000),
            "stage": STAGE,
            "identity": {"sourceIp": client_ip, "userAgent": request.headers.get("user-agent")},
            "authorizer": authorizer,
        },
        "body": event_body,
        "isBase64Encoded": encoded,
    }


def to_response(result: dict[str, Any]) -> Response:
    """Merge `headers` and `multiValueHeaders` the way API Gateway does (multi-value wins)."""
    raw_body = result.get("body") or ""
    body = base64.b64decode(raw_body) if result.get("isBase64Encoded") else raw_body.encode()
    response = Response(content=body, status_code=int(result.get("statusCode", 500)))
    merged: dict[str, list[str]] = {k: [str(v)] for k, v in (result.get("headers") or {}).items()}
    for name, values in (result.get("multiValueHeaders") or {}).items():
        merged[name] = [str(v) for v in values]
    for name, values in merged.items():
        if name.lower() == "content-length":
            continue
        for value in values:
            response.headers.append(name, value)
    return response
