"""Content negotiation for SPARQL results and RDF: ``Accept`` with q-values, ``format`` overrides."""

from __future__ import annotations

from werkzeug.datastructures import MIMEAccept

from kg.errors import KGError

SELECT_MIMES = {
    "application/sparql-results+json": "json",
    "application/json": "json",
    "application/sparql-results+xml": "xml",
    "application/xml": "xml",
    "text/xml": "xml",
    "text/csv": "csv",
    "text/tab-separated-values": "tsv",
}
GRAPH_MIMES = {
    "text/turtle": "turtle",
    "application/x-turtle": "turtle",
    "application/n-triples": "ntriples",
    "text/plain": "ntriples",
    "application/ld+json": "jsonld",
    "application/json": "jsonld",
    "application/rdf+xml": "rdfxml",
    "application/xml": "rdfxml",
}
FORMAT_ALIASES = {
    "json": ("json", "jsonld"), "srj": ("json", None), "xml": ("xml", "rdfxml"), "srx": ("xml", None),
    "csv": ("csv", None), "tsv": ("tsv", None), "turtle": (None, "turtle"), "ttl": (None, "turtle"),
    "ntriples": (None, "ntriples"), "nt": (None, "ntriples"), "jsonld": (None, "jsonld"),
    "json-ld": (None, "jsonld"), "rdfxml": (None, "rdfxml"), "rdf": (None, "rdfxml"),
}
DEFAULT_SELECT = ("json", "xml", "csv", "tsv")
DEFAULT_GRAPH = ("turtle", "ntriples", "jsonld", "rdfxml")


def _ranked(accept: MIMEAccept, table: dict[str, str], defaults: tuple[str, ...]) -> tuple[str, ...]:
    if not accept:
        return defaults
    scored: dict[str, float] = {}
    for value, quality in accept:
        if quality <= 0:
            continue
        value = value.lower()
        if value in ("*/*", "application/*", "text/*"):
            for i, fmt in enumerate(defaults):
                scored.setdefault(fmt, quality - i * 1e-4)
            continue
        fmt = table.get(value)
        if fmt is not None:
            scored[fmt] = max(scored.get(fmt, 0), quality)
    return tuple(sorted(scored, key=lambda f: -scored[f]))


def negotiate(accept: MIMEAccept, format_param: str | None) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Acceptable (result formats, RDF formats), best first; an explicit ``format`` wins."""
    if format_param:
        alias = FORMAT_ALIASES.get(format_param.strip().lower())
        if alias is None:
            known = ", ".join(sorted(FORMAT_ALIASES))
            raise KGError(f"unknown format {format_param!r}; use one of {known}", rule="bad-format", status=400)
        sel, graph = alias
        return ((sel,) if sel else ()), ((graph,) if graph else ())
    return _ranked(accept, SELECT_MIMES, DEFAULT_SELECT), _ranked(accept, GRAPH_MIMES, DEFAULT_GRAPH)


def prefers_html(accept: MIMEAccept) -> bool:
    """True when a browser asks: text/html is named explicitly and ranks at least as high as RDF.

    Browsers send long lists (Chromium adds ``application/signed-exchange``), so the single
    best match is not a reliable signal; ``*/*`` alone (curl's default) gets RDF.
    """
    html = max(accept["text/html"], accept["application/xhtml+xml"])
    best_rdf = max([accept[m] for m in GRAPH_MIMES] + [0])
    named = any(v.lower() in ("text/html", "application/xhtml+xml") and q > 0 for v, q in accept)
    return named and html >= best_rdf
