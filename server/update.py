"""SPARQL 1.1 Update at ``/update`` and the Graph Store HTTP Protocol at ``/store``.

Reads are open. Writes need the configured bearer token and are off entirely when
no token is configured. A write never touches the store being served: it copies
the current version (a RocksDB checkpoint), applies the change to the copy and
swaps the served symlink, so running queries finish on the version they started.
"""

from __future__ import annotations

import hmac
import json
from collections.abc import Callable

import pyoxigraph as ox
from flask import Blueprint, Response, request

from kg.errors import KGError
from kg.namespaces import PREFIXES
from kg.store import modify, one_line
from server.negotiation import negotiate
from server.safety import check_update
from server.sparql import CORS_HEADERS
from server.state import state

bp = Blueprint("update", __name__)

UPLOAD_FORMATS = {
    "text/turtle": ox.RdfFormat.TURTLE,
    "application/x-turtle": ox.RdfFormat.TURTLE,
    "application/n-triples": ox.RdfFormat.N_TRIPLES,
    "application/rdf+xml": ox.RdfFormat.RDF_XML,
    "application/ld+json": ox.RdfFormat.JSON_LD,
    "application/n-quads": ox.RdfFormat.N_QUADS,
    "application/trig": ox.RdfFormat.TRIG,
}
DATASET_FORMATS = {ox.RdfFormat.N_QUADS, ox.RdfFormat.TRIG}
READ_FORMATS = {"turtle": (ox.RdfFormat.TURTLE, "text/turtle; charset=utf-8"),
                "ntriples": (ox.RdfFormat.N_TRIPLES, "application/n-triples"),
                "jsonld": (ox.RdfFormat.JSON_LD, "application/ld+json"),
                "rdfxml": (ox.RdfFormat.RDF_XML, "application/rdf+xml")}


def _authorise() -> None:
    token = state().config.token
    if not token:
        raise KGError("this endpoint is read-only: writing is disabled unless KG_TOKEN is configured",
                      rule="read-only", status=403)
    header = request.headers.get("Authorization", "")
    if not header.startswith("Bearer "):
        raise KGError("writing needs 'Authorization: Bearer <token>'", rule="unauthorised", status=401)
    if not hmac.compare_digest(header[len("Bearer "):].strip().encode(), token.encode()):
        raise KGError("the bearer token is not valid", rule="forbidden", status=403)


def _write(change: Callable[[ox.Store], None]) -> str:
    """Apply ``change`` to a copy of the served store and swap the copy in."""
    st = state()
    with st.write_lock:
        try:
            return modify(st.store_path, change).name
        except SyntaxError as exc:
            raise KGError(f"syntax error: {one_line(exc)}", rule="bad-update", status=400) from None
        except (OSError, ValueError, RuntimeError) as exc:
            raise KGError(f"update failed: {one_line(exc)}", rule="bad-update", status=400) from None


@bp.route("/update", methods=["POST", "OPTIONS"])
def update() -> Response:
    if request.method == "OPTIONS":
        return Response(status=204, headers=CORS_HEADERS)
    _authorise()
    ctype = (request.mimetype or "").lower()
    if ctype == "application/sparql-update":
        text = request.get_data(as_text=True)
    elif ctype == "application/x-www-form-urlencoded":
        text = request.form.get("update", "")
    else:
        raise KGError("use application/sparql-update or a form with update=", rule="unsupported-media-type",
                      status=415)
    if not text.strip():
        raise KGError("missing update", rule="missing-update", status=400)
    check_update(text, state().config.service_allowlist, PREFIXES)
    version = _write(lambda store: store.update(text, prefixes=PREFIXES))
    return Response(status=204, headers={"KG-Store-Version": version})


def _target_graph() -> ox.NamedNode | ox.DefaultGraph | None:
    if "default" in request.args:
        return ox.DefaultGraph()
    graph = request.args.get("graph")
    if graph:
        return ox.NamedNode(graph)
    return None


def _upload_format() -> ox.RdfFormat:
    fmt = UPLOAD_FORMATS.get((request.mimetype or "").lower())
    if fmt is None:
        raise KGError(f"unsupported Content-Type {request.mimetype!r}", rule="unsupported-media-type", status=415)
    if fmt == ox.RdfFormat.JSON_LD:
        _refuse_remote_context(request.get_data())
    return fmt


def _refuse_remote_context(body: bytes) -> None:
    """A JSON-LD @context given by URL would make the parser fetch it: refuse."""
    try:
        doc = json.loads(body)
    except ValueError as exc:
        raise KGError(f"invalid JSON-LD: {exc}", rule="bad-upload", status=400) from None

    def walk(node: object) -> None:
        if isinstance(node, dict):
            ctx = node.get("@context")
            if isinstance(ctx, str) or (isinstance(ctx, list) and any(isinstance(c, str) for c in ctx)):
                raise KGError("remote JSON-LD @context is refused: inline the context", rule="remote-context",
                              status=400)
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(doc)


@bp.route("/store", methods=["GET", "HEAD", "PUT", "POST", "DELETE", "OPTIONS"])
def graph_store() -> Response:
    if request.method == "OPTIONS":
        return Response(status=204, headers={**CORS_HEADERS, "Access-Control-Allow-Methods": "GET, HEAD, OPTIONS"})
    graph = _target_graph()
    if request.method in ("GET", "HEAD"):
        return _read(graph)
    _authorise()
    if request.method == "DELETE":
        if graph is None:
            raise KGError("DELETE needs ?graph=IRI or ?default", rule="missing-graph", status=400)
        exists = isinstance(graph, ox.DefaultGraph) or any(
            True for _ in ox.Store.read_only(state().version()).quads_for_pattern(None, None, None, graph))
        if not exists:
            raise KGError(f"no graph {graph}", rule="not-found", status=404)
        _write(lambda store: store.remove_graph(graph) if isinstance(graph, ox.NamedNode)
               else store.clear_graph(graph))
        return Response(status=204)
    fmt = _upload_format()
    body = request.get_data()
    if graph is None and fmt not in DATASET_FORMATS:
        raise KGError("without ?graph or ?default, upload N-Quads or TriG", rule="missing-graph", status=400)

    def change(store: ox.Store) -> None:
        if request.method == "PUT" and graph is not None:
            store.clear_graph(graph)
        elif request.method == "PUT":
            store.clear()
        kwargs = {"to_graph": graph} if graph is not None else {}
        store.load(input=body, format=fmt, **kwargs)

    _write(change)
    return Response(status=204 if request.method == "PUT" else 200)


def _read(graph: ox.NamedNode | ox.DefaultGraph | None) -> Response:
    store = ox.Store.read_only(state().version())
    if graph is None:
        body = store.dump(format=ox.RdfFormat.N_QUADS) or b""
        return Response(body, content_type="application/n-quads", headers=CORS_HEADERS)
    if isinstance(graph, ox.NamedNode) and graph not in set(store.named_graphs()):
        raise KGError(f"no graph {graph.value}", rule="not-found", status=404)
    _, graph_formats = negotiate(request.accept_mimetypes, request.args.get("format"))
    if not graph_formats:
        raise KGError("no acceptable RDF format", rule="not-acceptable", status=406)
    fmt, ctype = READ_FORMATS[graph_formats[0]]
    body = store.dump(format=fmt, from_graph=graph) or b""
    return Response(body, content_type=ctype, headers={**CORS_HEADERS, "Vary": "Accept"})
