"""Self-description: the SPARQL 1.1 Service Description and the VoID description of the dataset."""

from __future__ import annotations

import functools

from flask import request
from rdflib import RDF, BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, VOID, XSD
from werkzeug.datastructures import MIMEAccept

from kg.errors import KGError
from kg.namespaces import CNP, GRAPH_BASE, ID_BASE, PREFIXES, TERMS_IRI
from server.negotiation import DEFAULT_GRAPH, GRAPH_MIMES, negotiate
from server.state import state

SD = Namespace("http://www.w3.org/ns/sparql-service-description#")
FORMATS = Namespace("http://www.w3.org/ns/formats/")
RDFLIB_FORMAT = {"turtle": "turtle", "ntriples": "nt", "jsonld": "json-ld", "rdfxml": "xml"}
MIME = {"turtle": "text/turtle; charset=utf-8", "ntriples": "application/n-triples",
        "jsonld": "application/ld+json", "rdfxml": "application/rdf+xml"}


def _serialize(g: Graph, accept: MIMEAccept, format_param: str | None) -> tuple[bytes, str]:
    _, graph_formats = negotiate(accept, format_param)
    if not graph_formats:
        raise KGError("no acceptable RDF format", rule="not-acceptable", status=406)
    fmt = graph_formats[0] if graph_formats[0] in RDFLIB_FORMAT else DEFAULT_GRAPH[0]
    for prefix, iri in PREFIXES.items():
        g.bind(prefix, iri)
    g.bind("sd", SD)
    g.bind("void", VOID)
    return g.serialize(format=RDFLIB_FORMAT[fmt], encoding="utf-8"), MIME[fmt]


def service_description(accept: MIMEAccept, format_param: str | None) -> tuple[bytes, str]:
    cfg = state().config
    endpoint = URIRef(request.url_root.rstrip("/") + "/sparql")
    g = Graph()
    svc = URIRef(endpoint + "#service")
    g.add((svc, RDF.type, SD.Service))
    g.add((svc, SD.endpoint, endpoint))
    g.add((svc, SD.supportedLanguage, SD.SPARQL11Query))
    if cfg.writable:
        g.add((svc, SD.supportedLanguage, SD.SPARQL11Update))
    for fmt in ("SPARQL_Results_JSON", "SPARQL_Results_XML", "SPARQL_Results_CSV", "SPARQL_Results_TSV",
                "Turtle", "N-Triples", "JSON-LD", "RDF_XML"):
        g.add((svc, SD.resultFormat, FORMATS[fmt]))
    if cfg.union_default_graph:
        g.add((svc, SD.feature, SD.UnionDefaultGraph))
    g.add((svc, SD.feature, SD.BasicFederatedQuery)) if cfg.service_allowlist else None
    g.add((svc, CNP.queryTimeoutSeconds, Literal(str(cfg.timeout), datatype=XSD.decimal)))
    g.add((svc, CNP.maxResultRows, Literal(cfg.max_rows)))
    g.add((svc, CNP.maxRequestBytes, Literal(cfg.max_request_bytes)))
    for target in cfg.service_allowlist:
        g.add((svc, CNP.serviceAllowed, URIRef(target)))
    dataset = BNode("dataset")
    g.add((svc, SD.defaultDataset, dataset))
    g.add((dataset, RDF.type, SD.Dataset))
    g.add((dataset, DCTERMS.description, Literal(
        "The default graph is the union of all named graphs" if cfg.union_default_graph
        else "The default graph is empty; use GRAPH or default-graph-uri", lang="en")))
    for name, triples in _graph_counts(state().version()):
        ng = BNode(f"g{abs(hash(name))}")
        gd = BNode(f"d{abs(hash(name))}")
        g.add((dataset, SD.namedGraph, ng))
        g.add((ng, SD.name, URIRef(name)))
        g.add((ng, SD.graph, gd))
        g.add((gd, RDF.type, SD.Graph))
        g.add((gd, VOID.triples, Literal(triples)))
    g.add((svc, URIRef("http://rdfs.org/ns/void#rootResource"), URIRef(request.url_root + ".well-known/void")))
    return _serialize(g, accept, format_param)


@functools.lru_cache(maxsize=8)
def _graph_counts(version: str) -> tuple[tuple[str, int], ...]:
    return tuple((row[0], int(row[1])) for row in _select(
        version, "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g ORDER BY ?g"))


def _select(version: str, sparql: str) -> list[list[str]]:
    import pyoxigraph as ox

    store = ox.Store.read_only(version)
    rows = [[t.value if t is not None else "" for t in sol] for sol in
            store.query(sparql, use_default_graph_as_union=True, prefixes=PREFIXES)]
    del store
    return rows


@functools.lru_cache(maxsize=8)
def _void_numbers(version: str) -> dict[str, object]:
    one = lambda q: int(_select(version, q)[0][0])  # noqa: E731
    return {
        "triples": one("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"),
        "entities": one("SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s a ?c "
                        f"FILTER STRSTARTS(STR(?s), '{ID_BASE}') }}"),
        "classes": one("SELECT (COUNT(DISTINCT ?c) AS ?n) WHERE { ?s a ?c }"),
        "properties": one("SELECT (COUNT(DISTINCT ?p) AS ?n) WHERE { ?s ?p ?o }"),
        "subjects": one("SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s ?p ?o }"),
        "wikidata": one("SELECT (COUNT(*) AS ?n) WHERE { ?s cnp:wikidataEntity ?o }"),
        "graphs": _graph_counts(version),
        "class_counts": tuple((r[0], int(r[1])) for r in _select(
            version, "SELECT ?c (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s a ?c } GROUP BY ?c ORDER BY ?c")),
    }


def void_description(accept: MIMEAccept, format_param: str | None) -> tuple[bytes, str]:
    version = state().version()
    numbers = _void_numbers(version)
    root = request.url_root
    ds = URIRef(root + ".well-known/void#dataset")
    g = Graph()
    g.add((ds, RDF.type, VOID.Dataset))
    g.add((ds, DCTERMS.title, Literal("China Tech-Policy Knowledge Graph", lang="en")))
    g.add((ds, DCTERMS.title, Literal("중국 과학기술정책 지식그래프", lang="ko")))
    g.add((ds, DCTERMS.title, Literal("中国科技政策知识图谱", lang="zh")))
    g.add((ds, DCTERMS.description, Literal(
        "Curated facts on Chinese national and regional S&T and future-industry policy, from Korean reports, "
        "each traceable to its source report.", lang="en")))
    g.add((ds, DCTERMS.license, URIRef("https://creativecommons.org/licenses/by/4.0/")))
    g.add((ds, VOID.sparqlEndpoint, URIRef(root + "sparql")))
    g.add((ds, VOID.uriSpace, Literal(ID_BASE)))
    g.add((ds, VOID.exampleResource, URIRef(ID_BASE + "region/shanghai")))
    for key in ("triples", "entities", "classes", "properties"):
        g.add((ds, VOID[key], Literal(numbers[key])))
    g.add((ds, VOID.distinctSubjects, Literal(numbers["subjects"])))
    for vocab in (TERMS_IRI, "http://www.w3.org/2004/02/skos/core#", "http://purl.org/dc/terms/",
                  "http://www.w3.org/ns/prov#", "http://www.w3.org/ns/org#", "https://schema.org/",
                  "http://data.europa.eu/eli/ontology#", "http://qudt.org/schema/qudt/"):
        g.add((ds, VOID.vocabulary, URIRef(vocab)))
    for i, (name, triples) in enumerate(numbers["graphs"]):
        sub = URIRef(f"{root}.well-known/void#graph-{i}")
        g.add((ds, VOID.subset, sub))
        g.add((sub, RDF.type, VOID.Dataset))
        g.add((sub, SD.name, URIRef(name)))
        g.add((sub, VOID.triples, Literal(triples)))
        g.add((sub, DCTERMS.source, URIRef(name.replace(GRAPH_BASE + "report/", ID_BASE + "report/")))) \
            if name.startswith(GRAPH_BASE + "report/") else None
    for i, (cls, count) in enumerate(numbers["class_counts"]):
        part = URIRef(f"{root}.well-known/void#class-{i}")
        g.add((ds, VOID.classPartition, part))
        g.add((part, VOID["class"], URIRef(cls)))
        g.add((part, VOID.entities, Literal(count)))
    links = URIRef(root + ".well-known/void#wikidata-links")
    g.add((ds, VOID.subset, links))
    g.add((links, RDF.type, VOID.Linkset))
    g.add((links, VOID.linkPredicate, CNP.wikidataEntity))
    g.add((links, VOID.subjectsTarget, ds))
    g.add((links, VOID.objectsTarget, URIRef("http://www.wikidata.org/")))
    g.add((links, VOID.triples, Literal(numbers["wikidata"])))
    return _serialize(g, accept, format_param)


__all__ = ["GRAPH_MIMES", "service_description", "void_description"]
