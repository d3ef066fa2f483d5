"""The query editor at ``/``: YASGUI from the npm registry, served from this app (no CDN).

``npm install`` (run by scripts/up.sh and the tests) puts YASGUI under
``node_modules/``; this blueprint serves its build files at ``/static/yasgui/``
and preconfigures it with the endpoint, the project's prefixes and example queries.
"""

from __future__ import annotations

from pathlib import Path

from flask import Blueprint, Response, abort, render_template, request, send_from_directory

from kg.config import REPO_ROOT
from kg.namespaces import PREFIXES
from server.state import state

bp = Blueprint("editor", __name__, template_folder="templates")
YASGUI_DIR = REPO_ROOT / "node_modules" / "@zazuko" / "yasgui" / "build"
ALLOWED = {"yasgui.min.js", "yasgui.min.css", "yasgui.min.js.map"}

BUILTIN_EXAMPLES = [
    ("Policy documents by date", """SELECT ?doc ?title ?issued ?issuer WHERE {
  ?doc a/rdfs:subClassOf* cnp:PolicyDocument ; dcterms:title ?title ; cnp:issuedBy/rdfs:label ?issuer .
  FILTER(LANG(?title) = "en") FILTER(LANG(?issuer) = "en")
  OPTIONAL { ?doc dcterms:issued ?issued }
} ORDER BY DESC(STR(?issued))"""),
    ("Targets with amounts", """SELECT ?target ?label ?value ?unit ?year ?region WHERE {
  ?target a cnp:Target ; rdfs:label ?label ; cnp:value ?value ; cnp:unit/rdfs:label ?unit ;
          cnp:targetYear ?year ; cnp:jurisdiction/rdfs:label ?region .
  FILTER(LANG(?label) = "en" && LANG(?unit) = "en" && LANG(?region) = "en")
} ORDER BY ?year"""),
    ("Facts per source report (GRAPH)", """SELECT ?g (COUNT(*) AS ?triples) WHERE {
  GRAPH ?g { ?s ?p ?o }
} GROUP BY ?g ORDER BY DESC(?triples)"""),
]


def example_queries() -> list[dict[str, str]]:
    """Saved queries from ``queries/`` (name and ``#+ summary:``) followed by built-in examples."""
    examples = []
    qdir = Path(state().config.queries_dir)
    for path in sorted(qdir.glob("*.rq")) if qdir.is_dir() else []:
        text = path.read_text(encoding="utf-8")
        summary = next((ln.split(":", 1)[1].strip() for ln in text.splitlines()
                        if ln.startswith("#+ summary:")), "")
        examples.append({"name": f"{path.stem}: {summary}" if summary else path.stem, "query": text})
    examples += [{"name": name, "query": query} for name, query in BUILTIN_EXAMPLES]
    return examples


@bp.get("/")
def index() -> Response:
    return Response(render_template(
        "editor.html", prefixes=PREFIXES, examples=example_queries(), yasgui_ready=YASGUI_DIR.is_dir(),
        initial=request.args.get("query"),
    ), content_type="text/html; charset=utf-8")


@bp.get("/static/yasgui/<path:name>")
def yasgui_file(name: str) -> Response:
    if name not in ALLOWED or not YASGUI_DIR.is_dir():
        abort(404)
    response = send_from_directory(YASGUI_DIR, name, max_age=86400)
    return response
