"""The route manifest, the routes each handler registers and the served document agree."""

from __future__ import annotations

import re

import pytest

from alpaco.gateway.openapi import (
    build_document,
    docs_page,
    document_json,
    service_api,
    service_document,
)
from alpaco.routes import ROUTES, Route

REST = [route for route in ROUTES if not route.streaming]
SECURITY = {"none": None, "optional": [{}, {"cognito": []}], "required": [{"cognito": []}]}


@pytest.fixture(scope="module")
def document() -> dict:
    return build_document()


def _operations(paths: dict) -> set[tuple[str, str]]:
    return {(method.upper(), path) for path, ops in paths.items() for method in ops}


def test_the_document_has_exactly_the_manifests_operations(document: dict) -> None:
    assert document["openapi"].startswith("3.1")
    assert _operations(document["paths"]) == {(r.method, r.path) for r in ROUTES}


@pytest.mark.parametrize("route", [r for r in ROUTES if r.streaming], ids=lambda r: r.path)
def test_a_streaming_route_documents_its_body_stream_and_refusals(
    document: dict, route: Route
) -> None:
    operation = document["paths"][route.path][route.method.lower()]
    assert operation["x-streaming"] is True
    assert operation.get("security") == SECURITY[route.auth]
    body = operation["requestBody"]["content"]["application/json"]["schema"]["$ref"]
    assert body.rsplit("/", 1)[1] in document["components"]["schemas"]
    assert "text/event-stream" in operation["responses"]["200"]["content"]
    assert {"400", "401", "429"} <= set(operation["responses"])


@pytest.mark.parametrize("service", sorted({r.service for r in REST}))
def test_each_handler_registers_exactly_its_manifest_routes(service: str) -> None:
    """From the resolver's own account, so a route registered around `route()` shows up too."""
    registered = _operations(service_document(service)["paths"])
    assert registered == {(r.method, r.path) for r in REST if r.service == service}


@pytest.mark.parametrize("route", REST, ids=lambda r: f"{r.method} {r.path}")
def test_each_operation_states_the_manifests_auth(document: dict, route: Route) -> None:
    operation = document["paths"][route.path][route.method.lower()]
    assert operation.get("security") == SECURITY[route.auth]
    signed_in = service_api(route.service).signed_in
    assert ((route.method, route.path) in signed_in) == (route.auth == "required")


@pytest.mark.parametrize("route", REST, ids=lambda r: f"{r.method} {r.path}")
def test_each_operation_documents_its_answers(document: dict, route: Route) -> None:
    responses = document["paths"][route.path][route.method.lower()]["responses"]
    assert "422" not in responses
    assert any(code.startswith("2") for code in responses)
    expected_errors = {"400", "500"} | ({"401"} if route.auth != "none" else set())
    assert expected_errors <= set(responses)
    for code, answer in responses.items():
        schema = answer["content"]["application/json"]["schema"]
        if code.startswith(("4", "5")):
            assert schema == {"$ref": "#/components/schemas/ErrorBody"}
        else:
            assert "$ref" in schema


def test_every_reference_resolves_and_no_schema_is_orphaned(document: dict) -> None:
    text = document_json()
    names = set(re.findall(r'"#/components/schemas/([^"]+)"', text))
    assert names == set(document["components"]["schemas"])
    assert document["components"]["securitySchemes"]["cognito"]["scheme"] == "bearer"


def test_query_models_keep_their_bounds_and_are_never_null(document: dict) -> None:
    parameters = {p["name"]: p for p in document["paths"]["/problems"]["get"]["parameters"]}
    assert parameters["pageSize"]["schema"]["minimum"] == 1
    assert parameters["pageSize"]["schema"]["maximum"] == 100
    assert parameters["lastEvaluatedKey"]["schema"]["type"] == "string"
    view = document["paths"]["/problems/{problemId}"]["get"]["parameters"]
    assert {"name": "view", "in": "query"}.items() <= view[-1].items()
    assert view[-1]["schema"]["enum"] == ["public", "full"]


def test_original_field_names_are_kept(document: dict) -> None:
    schemas = document["components"]["schemas"]
    assert set(schemas["GradeBody"]["properties"]) == {
        "executionMode",
        "userCode",
        "language",
        "problemId",
        "customTestCases",
    }
    assert schemas["GradeBody"]["required"] == ["userCode"]
    assert {"title", "content", "problemId"} == set(schemas["PostBody"]["properties"])


def test_the_docs_page_fetches_nothing_from_elsewhere() -> None:
    page = docs_page()
    assert "SwaggerUIBundle" in page
    assert not re.search(r"""(src|href)\s*=\s*['"]https?://""", page)
    assert "<\\/" in page or "</script" not in document_json()
