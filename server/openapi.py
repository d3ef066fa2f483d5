"""OpenAPI 3 document generated from the saved-query catalogue (typed parameters, enums, formats)."""

from __future__ import annotations

from typing import Any

from kg import __version__
from kg.saved import Catalogue, Parameter, SavedQuery

SELECT_TYPES = {
    "application/sparql-results+json": {"schema": {"$ref": "#/components/schemas/SparqlResults"}},
    "application/sparql-results+xml": {"schema": {"type": "string"}},
    "text/csv": {"schema": {"type": "string"}},
    "text/tab-separated-values": {"schema": {"type": "string"}},
    "text/html": {"schema": {"type": "string"}},
}
GRAPH_TYPES = {
    "text/turtle": {"schema": {"type": "string"}},
    "application/n-triples": {"schema": {"type": "string"}},
    "application/ld+json": {"schema": {"type": "object"}},
    "application/rdf+xml": {"schema": {"type": "string"}},
    "text/html": {"schema": {"type": "string"}},
}


def _schema(p: Parameter) -> dict[str, Any]:
    schema: dict[str, Any]
    if p.type == "iri":
        schema = {"type": "string", "format": "uri"}
    elif p.type == "integer":
        schema = {"type": "integer"}
    elif p.type == "number":
        schema = {"type": "number"}
    elif p.type == "xsd_date":
        schema = {"type": "string", "format": "date"}
    elif p.type == "xsd_gYear":
        schema = {"type": "string", "pattern": "^[0-9]{4}$"}
    elif p.type == "boolean":
        schema = {"type": "string", "enum": ["true", "false"]}
    else:
        schema = {"type": "string"}
    if p.enum:
        schema["enum"] = list(p.enum)
    if p.default is not None:
        schema["default"] = p.default
    return schema


def _operation(q: SavedQuery) -> dict[str, Any]:
    params: list[dict[str, Any]] = []
    for p in q.params:
        desc = f"SPARQL variable ?{p.variable}; " + (f"a @{p.type} literal" if p.lang else f"type {p.type}")
        params.append({"name": p.name, "in": "query", "required": p.required and p.default is None,
                       "description": desc, "schema": _schema(p)})
    if q.pagination:
        params += [
            {"name": "page", "in": "query", "required": False, "schema": {"type": "integer", "minimum": 1,
                                                                           "default": 1}},
            {"name": "per_page", "in": "query", "required": False,
             "schema": {"type": "integer", "minimum": 1, "maximum": 10 * q.pagination, "default": q.pagination}},
        ]
    params.append({"name": "format", "in": "query", "required": False,
                   "description": "overrides the Accept header",
                   "schema": {"type": "string", "enum": ["json", "xml", "csv", "tsv"] if q.form in ("select", "ask")
                              else ["turtle", "ntriples", "jsonld", "rdfxml"]}})
    ok: dict[str, Any] = {"description": "query results",
                          "content": SELECT_TYPES if q.form in ("select", "ask") else GRAPH_TYPES}
    if q.pagination:
        ok["headers"] = {
            "Link": {"description": "first/prev/next/last pages", "schema": {"type": "string"}},
            "X-Total-Count": {"description": "rows over all pages", "schema": {"type": "integer"}},
        }
    return {
        "operationId": q.name,
        "summary": q.summary,
        "description": q.description or q.summary,
        "tags": list(q.tags) or ["queries"],
        "parameters": params,
        "responses": {
            "200": ok,
            "400": {"$ref": "#/components/responses/Error"},
            "404": {"$ref": "#/components/responses/Error"},
            "406": {"$ref": "#/components/responses/Error"},
            "503": {"$ref": "#/components/responses/Error"},
        },
    }


def openapi_document(catalogue: Catalogue, server_url: str) -> dict[str, Any]:
    paths: dict[str, Any] = {
        "/api/queries": {"get": {
            "operationId": "listQueries", "summary": "List the saved queries with their parameters",
            "tags": ["catalogue"],
            "responses": {"200": {"description": "the catalogue",
                                  "content": {"application/json": {"schema": {"type": "object"}}}}},
        }},
    }
    for q in catalogue.queries:
        paths[f"/api/queries/{q.name}"] = {"get": _operation(q)}
    return {
        "openapi": "3.0.3",
        "info": {
            "title": "China Tech-Policy Knowledge Graph — saved queries",
            "version": __version__,
            "description": "Each saved SPARQL query in queries/ as an operation. Parameters are bound as typed RDF "
                           "terms, never pasted into the query text.",
            "license": {"name": "CC BY 4.0 (data)", "url": "https://creativecommons.org/licenses/by/4.0/"},
        },
        "servers": [{"url": server_url}],
        "paths": paths,
        "components": {
            "schemas": {
                "SparqlResults": {"type": "object", "properties": {
                    "head": {"type": "object"}, "results": {"type": "object"}, "boolean": {"type": "boolean"}}},
                "Error": {"type": "object", "required": ["error"], "properties": {
                    "error": {"type": "string"}, "rule": {"type": "string"}}},
            },
            "responses": {"Error": {
                "description": "an error",
                "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}},
            }},
        },
    }
