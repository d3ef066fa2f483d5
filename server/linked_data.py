"""Linked data: every instance and ontology-term IRI resolves through this server.

``https://w3id.org/cnpolicy/<path>`` is served at ``/<path>`` (the public base is
configurable). Browsers get an HTML page; RDF clients get Turtle, N-Triples or
JSON-LD by ``Accept``; IRIs the graph does not mention get 404.
"""

from __future__ import annotations

import json

import pyoxigraph as ox
from flask import Blueprint, Response, render_template, request, url_for

from kg.errors import KGError
from kg.namespaces import ONTOLOGY_IRI, PREFIXES, shorten
from server.executor import Job
from server.negotiation import negotiate, prefers_html
from server.sparql import CORS_HEADERS, answer_response
from server.state import state

bp = Blueprint("linked_data", __name__, template_folder="templates")

DESCRIBE = """
CONSTRUCT { ?s ?p ?o } WHERE {
  { VALUES ?s { %(iri)s } ?s ?p ?o }
  UNION
  { VALUES ?iri { %(iri)s } ?s ?p ?o FILTER(STRSTARTS(STR(?s), CONCAT(STR(?iri), "#"))) }
}
"""
PAGE = """
SELECT ?iri ?dir ?p ?o ?oLabel ?g WHERE {
  { GRAPH ?g { ?iri ?p ?o } BIND("out" AS ?dir) OPTIONAL { ?o rdfs:label ?oLabel FILTER(LANG(?oLabel) = "en") } }
  UNION
  { GRAPH ?g { ?o ?p ?iri } BIND("in" AS ?dir) OPTIONAL { ?o rdfs:label ?oLabel FILTER(LANG(?oLabel) = "en") } }
}
ORDER BY ?dir ?p ?o
LIMIT 2000
"""


def public_iri(path: str) -> str:
    return state().config.public_base + path


def local_href(iri: str) -> str | None:
    base = state().config.public_base
    if iri.startswith(base):
        return "/" + iri[len(base):].split("#", 1)[0] + ("#" + iri.split("#", 1)[1] if "#" in iri else "")
    return None


def _short(iri: str) -> str:
    return shorten(iri) or iri


def _iri_term(iri: str) -> str:
    try:
        return str(ox.NamedNode(iri))
    except ValueError:
        raise KGError("not a valid IRI", rule="bad-iri", status=400) from None


def _select(text: str, iri: str) -> list[dict[str, dict[str, str]]]:
    st = state()
    job = Job(text, st.version(), ("json",), (), union=True, prefixes=tuple(sorted(PREFIXES.items())),
              substitutions=(("iri", f"<{iri}>"),), max_rows=5000)
    answer = st.run(job)
    if answer.status != 200:
        raise KGError(answer.message, rule="query-error", status=answer.status)
    return json.loads(answer.body)["results"]["bindings"]


def _resolve(path: str) -> Response:
    iri = public_iri(path)
    if path == "ontology" or path.startswith("ontology/"):
        iri = ONTOLOGY_IRI if path == "ontology" else iri
    rows = _select(PAGE, iri)
    if not rows:
        raise KGError(f"<{iri}> is not described in this knowledge graph", rule="not-found", status=404)
    if prefers_html(request.accept_mimetypes) and not request.args.get("format"):
        return Response(_html(iri, rows), content_type="text/html; charset=utf-8", headers={"Vary": "Accept"})
    _, graph_formats = negotiate(request.accept_mimetypes, request.args.get("format"))
    st = state()
    # pyoxigraph binds substitutions only for projected variables, which CONSTRUCT lacks; a NamedNode
    # validates the IRI (no '>' or spaces can pass), so its N-Triples form is safe to place in VALUES.
    job = Job(DESCRIBE % {"iri": _iri_term(iri)}, st.version(), (), graph_formats, union=True,
              max_rows=st.config.max_rows)
    response = answer_response(st.run(job))
    response.headers.update(CORS_HEADERS)
    response.headers["Link"] = f'<{iri}>; rel="describedby"'
    return response


def _html(iri: str, rows: list[dict[str, dict[str, str]]]) -> str:
    labels: dict[str, list[str]] = {}
    types, outgoing, incoming, sources = [], [], [], []
    seen_graphs = set()
    for row in rows:
        p = row["p"]["value"]
        o = row["o"]
        view = {
            "p": p, "p_short": _short(p), "p_href": local_href(p),
            "value": o["value"], "type": o["type"], "lang": o.get("xml:lang", ""),
            "datatype": _short(o["datatype"]) if "datatype" in o else "",
            "href": local_href(o["value"]) if o["type"] == "uri" else None,
            "label": row.get("oLabel", {}).get("value", ""),
            "short": _short(o["value"]) if o["type"] == "uri" else o["value"],
        }
        seen_graphs.add(row["g"]["value"])
        if row["dir"]["value"] == "in":
            incoming.append(view)
        elif p == "http://www.w3.org/2000/01/rdf-schema#label":
            labels.setdefault(view["lang"] or "-", []).append(o["value"])
        elif p == "http://www.w3.org/1999/02/22-rdf-syntax-ns#type":
            types.append(view)
        elif p == "http://www.w3.org/ns/prov#wasDerivedFrom":
            sources.append(view)
        else:
            outgoing.append(view)
    title = (labels.get("en") or labels.get("ko") or labels.get("zh") or [_short(iri)])[0]
    return render_template(
        "entity.html", iri=iri, title=title, labels=labels, types=types, outgoing=outgoing,
        incoming=incoming, sources=sources, graphs=sorted(seen_graphs),
        turtle_href=request.path + "?format=turtle", editor_href=url_for("editor.index"),
    )


@bp.get("/id/<path:rest>")
def entity(rest: str) -> Response:
    return _resolve("id/" + rest)


TERMS = """
SELECT ?iri ?term ?kind ?label_en ?label_ko ?label_zh ?definition WHERE {
  GRAPH ?g { ?term a ?kind FILTER(STRSTARTS(STR(?term), STR(cnp:))) }
  FILTER(?kind IN (owl:Class, owl:ObjectProperty, owl:DatatypeProperty))
  OPTIONAL { ?term rdfs:label ?label_en FILTER(LANG(?label_en) = "en") }
  OPTIONAL { ?term rdfs:label ?label_ko FILTER(LANG(?label_ko) = "ko") }
  OPTIONAL { ?term rdfs:label ?label_zh FILTER(LANG(?label_zh) = "zh") }
  OPTIONAL { ?term skos:definition ?definition FILTER(LANG(?definition) = "en") }
} ORDER BY ?kind ?term
"""
ONTOLOGY_GRAPH_QUERY = "CONSTRUCT { ?s ?p ?o } WHERE { GRAPH <https://w3id.org/cnpolicy/graph/ontology> { ?s ?p ?o } }"


@bp.get("/ontology")
def ontology() -> Response:
    """The ontology: an HTML term list (anchors for ``#Term`` IRIs) or the ontology graph as RDF."""
    st = state()
    if prefers_html(request.accept_mimetypes) and not request.args.get("format"):
        rows = _select(TERMS, ONTOLOGY_IRI)
        terms = [{k: v["value"] for k, v in row.items()} for row in rows]
        for t in terms:
            t["name"] = t["term"].rsplit("#", 1)[-1]
            t["kind"] = t["kind"].rsplit("#", 1)[-1]
        return Response(render_template("ontology.html", terms=terms, iri=ONTOLOGY_IRI),
                        content_type="text/html; charset=utf-8", headers={"Vary": "Accept"})
    _, graph_formats = negotiate(request.accept_mimetypes, request.args.get("format"))
    job = Job(ONTOLOGY_GRAPH_QUERY, st.version(), (), graph_formats, max_rows=0)
    response = answer_response(st.run(job))
    response.headers.update(CORS_HEADERS)
    return response


@bp.get("/resource")
def resource() -> Response:
    """Any IRI of the graph, given as ``?iri=``; our own IRIs redirect to their page."""
    iri = request.args.get("iri", "")
    base = state().config.public_base
    if iri.startswith(base):
        return _resolve(iri[len(base):].split("#", 1)[0])
    raise KGError("only IRIs under the knowledge graph's base resolve here", rule="not-found", status=404)

