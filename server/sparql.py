"""SPARQL 1.1 Protocol at ``/sparql``: GET, POST form, POST ``application/sparql-query``.

Without a query, ``GET /sparql`` returns the SPARQL 1.1 Service Description.
"""

from __future__ import annotations

from flask import Blueprint, Response, request

from kg.errors import KGError
from kg.namespaces import PREFIXES
from server.description import service_description
from server.executor import Answer, Job
from server.negotiation import negotiate
from server.safety import check_query
from server.state import state

bp = Blueprint("sparql", __name__)

CORS_HEADERS = {
    "Access-Control-Allow-Origin": "*",
    "Access-Control-Allow-Methods": "GET, POST, OPTIONS",
    "Access-Control-Allow-Headers": "Content-Type, Accept, Authorization",
    "Access-Control-Max-Age": "86400",
}


def _query_from_request() -> tuple[str | None, list[str], list[str]]:
    args = request.args
    default_graphs = args.getlist("default-graph-uri")
    named_graphs = args.getlist("named-graph-uri")
    if request.method == "GET":
        return args.get("query"), default_graphs, named_graphs
    ctype = (request.mimetype or "").lower()
    if ctype == "application/sparql-query":
        return request.get_data(as_text=True), default_graphs, named_graphs
    if ctype == "application/x-www-form-urlencoded":
        form = request.form
        if "update" in form:
            raise KGError("updates go to /update, not /sparql", rule="wrong-endpoint", status=400)
        return (form.get("query"), default_graphs + form.getlist("default-graph-uri"),
                named_graphs + form.getlist("named-graph-uri"))
    raise KGError(f"unsupported Content-Type {ctype or '(none)'}: use application/sparql-query or "
                  "application/x-www-form-urlencoded", rule="unsupported-media-type", status=415)


def answer_response(answer: Answer, *, cors: bool = True) -> Response:
    if answer.status != 200:
        raise KGError(answer.message or "query failed", rule={400: "bad-query", 406: "not-acceptable"}
                      .get(answer.status, "query-error"), status=answer.status)
    response = Response(answer.body, status=200, content_type=answer.content_type)
    response.headers["Vary"] = "Accept"
    if answer.truncated:
        response.headers["KG-Result-Truncated"] = "true"
        response.headers["X-SPARQL-MaxRows"] = str(state().config.max_rows)
    if cors:
        response.headers.update(CORS_HEADERS)
    return response


def run_query(text: str, *, default_graphs: list[str] | None = None, named_graphs: list[str] | None = None,
              substitutions: tuple[tuple[str, str], ...] = (), format_param: str | None = None) -> Answer:
    st = state()
    cfg = st.config
    if len(text.encode()) > cfg.max_request_bytes:
        raise KGError(f"query longer than {cfg.max_request_bytes} bytes", rule="too-large", status=413)
    check_query(text, cfg.service_allowlist, PREFIXES)
    select_formats, graph_formats = negotiate(request.accept_mimetypes, format_param)
    job = Job(
        query=text, store=st.version(), select_formats=select_formats, graph_formats=graph_formats,
        union=cfg.union_default_graph, default_graphs=tuple(default_graphs or ()),
        named_graphs=tuple(named_graphs or ()), substitutions=substitutions, max_rows=cfg.max_rows,
        prefixes=tuple(sorted(PREFIXES.items())),
    )
    return st.run(job)


@bp.route("/sparql", methods=["GET", "POST", "OPTIONS"])
def sparql() -> Response:
    if request.method == "OPTIONS":
        return Response(status=204, headers=CORS_HEADERS)
    text, default_graphs, named_graphs = _query_from_request()
    if text is None:
        if request.method == "GET":
            body, ctype = service_description(request.accept_mimetypes, request.args.get("format"))
            return Response(body, content_type=ctype, headers={**CORS_HEADERS, "Vary": "Accept"})
        raise KGError("missing query", rule="missing-query", status=400)
    if not text.strip():
        raise KGError("empty query", rule="missing-query", status=400)
    answer = run_query(text, default_graphs=default_graphs, named_graphs=named_graphs,
                       format_param=request.args.get("format") or request.form.get("format"))
    return answer_response(answer)
