"""The API document: every REST service's routes, merged from the models their handlers declare.

Each service's resolver writes its own part (parameters, bodies, responses, auth); Powertools'
merge joins them. Two corrections follow where the resolver documents less than it enforces:
a failed validation is our 400 in the one error shape, never a 422, so the 422 answers go; and a
query model's fields keep their bounds, patterns and enums (the resolver lists bare types).
"""

from __future__ import annotations

import importlib
import json
from collections.abc import Sequence
from functools import cache
from http import HTTPStatus
from importlib.metadata import version
from pathlib import Path
from typing import Any, Final

from aws_lambda_powertools.event_handler.openapi import swagger_ui
from aws_lambda_powertools.event_handler.openapi.merge import OpenAPIMerge
from aws_lambda_powertools.event_handler.openapi.models import HTTPBearer
from aws_lambda_powertools.event_handler.openapi.swagger_ui import generate_swagger_html
from pydantic import BaseModel

from alpaco.kernel.service import SECURITY, SECURITY_SCHEME, Api
from alpaco.routes import ROUTES, Route

TITLE: Final = "ALPACO API"
DESCRIPTION: Final = (
    "Problems, submissions, grading and the community board. Sign in for a bearer token "
    "(locally: `POST /auth/dev/token`); lists page with `pageSize` and `lastEvaluatedKey`, "
    "and every error is `{message, code, details?}`."
)
_SWAGGER_ASSETS: Final = Path(swagger_ui.__file__).parent
_COMPONENTS: Final = "#/components/schemas/"
_SCHEMES: Final = {SECURITY_SCHEME: HTTPBearer(scheme="bearer", bearerFormat="JWT")}


def service_api(service: str) -> Api:
    api: Api = importlib.import_module(f"alpaco.services.{service}.handler").app
    return api


def service_document(service: str) -> dict[str, Any]:
    """One service's part, as its resolver writes it."""
    schema = service_api(service).resolver.get_openapi_schema(
        title=TITLE,
        security_schemes=_SCHEMES,  # type: ignore[arg-type]
    )
    return schema.model_dump(by_alias=True, exclude_none=True, mode="json")


def build_document(routes: Sequence[Route] = ROUTES) -> dict[str, Any]:
    merge = OpenAPIMerge(
        title=TITLE,
        version=version("alpaco"),
        description=DESCRIPTION,
        security_schemes=_SCHEMES,  # type: ignore[arg-type]
        on_conflict="error",
    )
    for service in sorted({route.service for route in routes if not route.streaming}):
        merge.add_schema(service_document(service))
    document: dict[str, Any] = json.loads(merge.get_openapi_json_schema())
    for route in routes:
        if route.streaming:
            _add_stream(document, route)
            continue
        operation = document["paths"][route.path][route.method.lower()]
        operation["responses"].pop("422", None)
        query = service_api(route.service).query_models.get((route.method, route.path))
        if query is not None:
            _describe_query(operation, query)
    _drop_unused_schemas(document)
    return document


def _add_stream(document: dict[str, Any], route: Route) -> None:
    """A streaming route (served by the gateway's ASGI app, not a resolver): its body model and
    its answer, `text/event-stream`, whose frames the handler module describes."""
    handler = importlib.import_module(f"alpaco.services.{route.service}.handler")
    body: type[BaseModel] = handler.REQUEST_BODY
    schema = body.model_json_schema(ref_template=f"{_COMPONENTS}{{model}}")
    schemas = document.setdefault("components", {}).setdefault("schemas", {})
    schemas.update(schema.pop("$defs", {}))
    schemas[body.__name__] = schema
    error = {"content": {"application/json": {"schema": {"$ref": f"{_COMPONENTS}ErrorBody"}}}}
    operation: dict[str, Any] = {
        "summary": f"{route.method} {route.path}",
        "operationId": f"{route.service}_stream",
        "x-streaming": True,
        "requestBody": {
            "required": True,
            "content": {"application/json": {"schema": {"$ref": f"{_COMPONENTS}{body.__name__}"}}},
        },
        "responses": {
            "200": {
                "description": handler.STREAM_FRAMES,
                "content": {"text/event-stream": {"schema": {"type": "string"}}},
            },
            **{
                str(code): {"description": HTTPStatus(code).phrase, **error}
                for code in (400, 401, 429, 500, 503)
            },
        },
    }
    if SECURITY[route.auth] is not None:
        operation["security"] = SECURITY[route.auth]
    document.setdefault("paths", {}).setdefault(route.path, {})[route.method.lower()] = operation


def _describe_query(operation: dict[str, Any], model: type[BaseModel]) -> None:
    fields = model.model_json_schema()["properties"]
    for parameter in operation.get("parameters", []):
        if parameter["in"] == "query" and parameter["name"] in fields:
            parameter["schema"] = _present(fields[parameter["name"]])


def _present(schema: dict[str, Any]) -> dict[str, Any]:
    """A query parameter is a string or absent, never null: keep an optional field's other form."""
    forms = [form for form in schema.get("anyOf", []) if form.get("type") != "null"]
    if len(forms) != 1:
        return schema
    rest = {k: v for k, v in schema.items() if k not in ("anyOf", "default")}
    return {**rest, **forms[0]}


def _drop_unused_schemas(document: dict[str, Any]) -> None:
    """The resolver files its validation models and our query models as components, though no
    answer or body refers to them."""
    schemas = document.get("components", {}).get("schemas", {})
    while True:
        text = json.dumps({k: v for k, v in document.items() if k != "components"}) + json.dumps(
            schemas
        )
        unused = [name for name in schemas if f'"#/components/schemas/{name}"' not in text]
        if not unused:
            return
        for name in unused:
            del schemas[name]


@cache
def document_json() -> str:
    return json.dumps(build_document(), ensure_ascii=False)


@cache
def docs_page() -> str:
    """Powertools' Swagger UI with its script and styles inlined, so the page fetches nothing
    but the document."""
    return generate_swagger_html(
        document_json().replace("</", "<\\/"),
        (_SWAGGER_ASSETS / "swagger-ui-bundle.min.js").read_text(encoding="utf-8"),
        (_SWAGGER_ASSETS / "swagger-ui.min.css").read_text(encoding="utf-8"),
        "",
        None,
    )
