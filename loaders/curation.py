"""Loaders for curation records: discrepancies found in reports, and external identifiers."""

from __future__ import annotations

import re
from collections.abc import Iterable

from rdflib import RDF, RDFS, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV

from kg.namespaces import CNP, LINKS_GRAPH, WD, report_graph
from kg.tables import Record
from loaders.base import Context, Loader, Triple, _fragment, lang_literals


class DiscrepancyLoader(Loader):
    table = "discrepancies"
    kind = "discrepancy"
    types = frozenset({"Discrepancy"})
    required = ("report", "section", "affects", "description", "resolution")

    def quads(self, record: Record, ctx: Context) -> Iterable[tuple[URIRef, Triple]]:
        subject = ctx.index[str(record.id)].iri
        report = ctx.ref(record, "report", record.get("report"), ("sources",))
        g = report_graph(str(record.get("report")))
        description = lang_literals(record, "description", required=("en",))
        yield g, (subject, RDF.type, CNP.Discrepancy)
        label = record.get("name", {}).get("en") if isinstance(record.get("name"), dict) else None
        yield g, (subject, RDFS.label, Literal(label or f"Discrepancy {record.id}", lang="en"))
        yield g, (subject, CNP.inReport, report)
        yield g, (subject, CNP.section, Literal(str(record.get("section"))))
        yield g, (subject, PROV.wasDerivedFrom, report)
        section = str(record.get("section"))
        cite = URIRef(f"{subject}#cite-{record.get('report')}-{_fragment(section)}")
        yield g, (subject, CNP.citation, cite)
        yield g, (cite, RDF.type, CNP.Citation)
        yield g, (cite, RDFS.label, Literal(f"{record.get('report')} § {section}", lang="en"))
        yield g, (cite, CNP.citesReport, report)
        yield g, (cite, CNP.section, Literal(section))
        for text in description:
            yield g, (subject, DCTERMS.description, text)
        for text in lang_literals(record, "resolution", required=("en",)):
            yield g, (subject, CNP.resolution, text)
        for target in ctx.refs(record, "affects", ()):
            yield g, (subject, CNP.affects, target)


_PATTERNS = {
    "wikidata": re.compile(r"^Q[1-9][0-9]*$"),
    "iso3166_2": re.compile(r"^CN-[A-Z]{2}$"),
    "iso3166_1": re.compile(r"^[A-Z]{2}$"),
    "gb2260": re.compile(r"^[1-9][0-9]{5}$"),
}
_SCHEME_NAMES = {"wikidata": "wikidata", "iso3166_2": "iso3166-2", "iso3166_1": "iso3166-1", "gb2260": "gb2260"}


class LinkLoader(Loader):
    """External identifiers; every one carries the evidence it was established from."""

    table = "links"
    kind = "link"
    types = frozenset()
    required = ("entity", "evidence")

    def check(self, record: Record) -> None:
        for key in self.required:
            if not record.get(key):
                raise record.error(f"missing required field {key!r}", rule="required-field")
        evidence = record.get("evidence")
        for scheme, pattern in _PATTERNS.items():
            value = record.get(scheme)
            if value is None:
                continue
            if not pattern.match(str(value)):
                raise record.error(f"{scheme} {value!r} is malformed", rule="bad-identifier")
            if not isinstance(evidence, dict) or not evidence.get(scheme):
                raise record.error(f"{scheme} has no evidence", rule="link-without-evidence")

    def quads(self, record: Record, ctx: Context) -> Iterable[tuple[URIRef, Triple]]:
        subject = ctx.ref(record, "entity", record.get("entity"), ())
        g = LINKS_GRAPH
        evidence = record.get("evidence")
        for scheme in _PATTERNS:
            value = record.get(scheme)
            if value is None:
                continue
            value = str(value)
            node = URIRef(f"{subject}#link-{_SCHEME_NAMES[scheme]}")
            yield g, (subject, CNP.externalLink, node)
            yield g, (node, RDF.type, CNP.ExternalLink)
            yield g, (node, RDFS.label, Literal(f"{_SCHEME_NAMES[scheme]} {value}", lang="en"))
            yield g, (node, CNP.identifierScheme, Literal(_SCHEME_NAMES[scheme]))
            yield g, (node, CNP.identifierValue, Literal(value))
            yield g, (node, CNP.evidence, Literal(str(evidence[scheme]).strip()))
            if scheme == "wikidata":
                yield g, (subject, CNP.wikidataEntity, WD[value])
            elif scheme in ("iso3166_2", "iso3166_1"):
                yield g, (subject, CNP.iso3166Code, Literal(value))
            else:
                yield g, (subject, CNP.gb2260Code, Literal(value))
