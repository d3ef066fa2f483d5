"""Saved queries as a Web API: ``/api/queries``, ``/api/queries/<name>``, ``/api/openapi.json``.

The catalogue is loaded once when the app is created (a bad header stops start-up).
Parameters become RDF terms bound through pyoxigraph's ``substitutions``.
"""

from __future__ import annotations

import json
import math
import urllib.parse
from pathlib import Path

from flask import Blueprint, Flask, Response, current_app, jsonify, render_template, request, url_for

from kg.errors import KGError
from kg.namespaces import PREFIXES
from kg.saved import Catalogue, SavedQuery, load_catalogue
from server.executor import Job
from server.negotiation import negotiate, prefers_html
from server.openapi import openapi_document
from server.sparql import CORS_HEADERS, answer_response
from server.state import state

bp = Blueprint("api", __name__, template_folder="templates")


def install(app: Flask, queries_dir: str) -> Catalogue:
    catalogue = load_catalogue(Path(queries_dir))
    app.extensions["kg_queries"] = catalogue
    return catalogue


def catalogue() -> Catalogue:
    return current_app.extensions["kg_queries"]


def describe(q: SavedQuery) -> dict[str, object]:
    return {
        "name": q.name,
        "summary": q.summary,
        "description": q.description,
        "tags": list(q.tags),
        "form": q.form,
        "parameters": [
            {"name": p.name, "type": p.type, "required": p.required, "default": p.default,
             "enum": list(p.enum) or None, "variable": "?" + p.variable}
            for p in q.params
        ],
        "pagination": q.pagination,
        "url": url_for("api.run", name=q.name, _external=True),
        "query": q.text,
    }


@bp.get("/api/queries")
def index() -> Response:
    if prefers_html(request.accept_mimetypes) and not request.args.get("format"):
        return Response(render_template("queries.html", queries=catalogue().queries),
                        content_type="text/html; charset=utf-8")
    response = jsonify({"queries": [describe(q) for q in catalogue().queries]})
    response.headers.update(CORS_HEADERS)
    return response


@bp.get("/api/openapi.json")
def openapi() -> Response:
    response = jsonify(openapi_document(catalogue(), request.url_root.rstrip("/")))
    response.headers.update(CORS_HEADERS)
    return response


def _page_args(q: SavedQuery) -> tuple[int, int] | None:
    return q.paging(request.args, always=True)


def _job(q: SavedQuery, text: str, bindings: dict, select_formats: tuple[str, ...],
         graph_formats: tuple[str, ...]) -> Job:
    st = state()
    subs = tuple(sorted((var, str(term)) for var, term in bindings.items()))
    return Job(text, st.version(), select_formats, graph_formats, union=st.config.union_default_graph,
               substitutions=subs, max_rows=st.config.max_rows, prefixes=tuple(sorted(PREFIXES.items())))


def _total(q: SavedQuery, bindings: dict) -> int:
    answer = state().run(_job(q, q.count_text(), bindings, ("json",), ()))
    if answer.status != 200:
        raise KGError(answer.message, rule="query-error", status=answer.status)
    rows = json.loads(answer.body)["results"]["bindings"]
    return int(rows[0]["total"]["value"]) if rows else 0


def _links(q: SavedQuery, page: int, per_page: int, total: int) -> str:
    last = max(1, math.ceil(total / per_page))
    params = {k: v for k, v in request.args.items() if k not in ("page", "per_page")}

    def href(p: int) -> str:
        return url_for("api.run", name=q.name, _external=True) + "?" + urllib.parse.urlencode(
            {**params, "page": p, "per_page": per_page})

    rels = [("first", 1), ("last", last)]
    if page > 1:
        rels.append(("prev", page - 1))
    if page < last:
        rels.append(("next", page + 1))
    return ", ".join(f'<{href(p)}>; rel="{rel}"' for rel, p in rels)


@bp.get("/api/queries/<name>")
def run(name: str) -> Response:
    q = catalogue().get(name)
    values = {k: v for k, v in request.args.items() if k not in ("page", "per_page", "format")}
    html = prefers_html(request.accept_mimetypes) and not request.args.get("format")
    if html:
        return _html_page(q, values)
    bindings = q.bindings(values)
    paging = _page_args(q)
    text = q.page_text(*paging) if paging else q.text
    select_formats, graph_formats = negotiate(request.accept_mimetypes, request.args.get("format"))
    response = answer_response(state().run(_job(q, text, bindings, select_formats, graph_formats)))
    if paging:
        total = _total(q, bindings)
        response.headers["X-Total-Count"] = str(total)
        response.headers["Link"] = _links(q, *paging, total)
        response.headers["Access-Control-Expose-Headers"] = "Link, X-Total-Count"
    return response


def _html_page(q: SavedQuery, values: dict[str, str]) -> Response:
    error = None
    table: dict[str, object] | None = None
    total = None
    paging = None
    try:
        bindings = q.bindings(values)
        paging = _page_args(q)
        text = q.page_text(*paging) if paging else q.text
        if q.form in ("select", "ask"):
            answer = state().run(_job(q, text, bindings, ("json",), ()))
            if answer.status != 200:
                raise KGError(answer.message, rule="query-error", status=answer.status)
            table = json.loads(answer.body)
            if paging:
                total = _total(q, bindings)
        else:
            answer = state().run(_job(q, text, bindings, (), ("turtle",)))
            table = {"turtle": answer.body.decode("utf-8")}
    except KGError as exc:
        if exc.rule not in ("missing-parameter", "bad-parameter"):
            raise
        error = str(exc.message)
    editor = url_for("editor.index") + "?" + urllib.parse.urlencode({"query": q.text})
    status = 400 if error and values else 200
    return Response(render_template(
        "query.html", q=q, values=values, table=table, error=error, editor_href=editor, total=total,
        paging=paging, json_href=_with_format("json"), csv_href=_with_format("csv"),
    ), status=status, content_type="text/html; charset=utf-8")


def _with_format(fmt: str) -> str:
    return request.path + "?" + urllib.parse.urlencode({**request.args, "format": fmt})
