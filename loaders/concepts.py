"""Loaders for SKOS concepts: sectors, indicators, controlled vocabularies, sector mentions."""

from __future__ import annotations

from collections.abc import Iterable

from rdflib import RDF, RDFS, Literal, URIRef
from rdflib.namespace import SKOS

from kg.namespaces import (
    CNP,
    INDICATOR_SCHEME,
    QUDT,
    SECTOR_SCHEME,
    VOCABULARY_GRAPH,
    entity,
)
from kg.tables import Record
from loaders.base import Context, Loader, Triple, lang_literals, provenance_triples


class SectorLoader(Loader):
    table = "sectors"
    kind = "sector"
    types = frozenset({"Sector"})
    scheme = SECTOR_SCHEME

    def triples(self, record: Record, subject: URIRef, ctx: Context) -> Iterable[Triple]:
        yield subject, SKOS.inScheme, self.scheme
        for label in lang_literals(record, "name", required=("en",)):
            yield subject, SKOS.prefLabel, label
        broader = ctx.refs(record, "broader", (self.table,))
        for parent in broader:
            yield subject, SKOS.broader, parent
        if not broader:
            yield subject, SKOS.topConceptOf, self.scheme
        for text in lang_literals(record, "definition"):
            yield subject, SKOS.definition, text


class IndicatorLoader(SectorLoader):
    table = "indicators"
    kind = "indicator"
    types = frozenset({"Indicator"})
    scheme = INDICATOR_SCHEME


class SectorMentionLoader(Loader):
    """Rows saying a region pursues a sector (and how it files it), without own IRIs."""

    table = "sector_mentions"
    kind = "classification"
    types = frozenset()
    required = ("region", "sector", "sources")

    def check(self, record: Record) -> None:
        for key in self.required:
            if not record.get(key):
                raise record.error(f"missing required field {key!r}", rule="required-field")

    def quads(self, record: Record, ctx: Context) -> Iterable[tuple[URIRef, Triple]]:
        region = ctx.ref(record, "region", record.get("region"), ("regions",))
        sector = ctx.ref(record, "sector", record.get("sector"), ("sectors",))
        cited = provenance_triples(record, region, ctx)
        primary = ctx.source_graph(cited[0][0])
        yield primary, (region, CNP.prioritisesSector, sector)
        documents = ctx.refs(record, "document", ("documents",))
        for doc in documents:
            yield primary, (doc, CNP.coversSector, sector)
        if record.get("classified_under"):
            under = ctx.ref(record, "classified_under", record.get("classified_under"), ("sectors",))
            node = entity("classification", f"{record.get('region')}-{record.get('sector')}")
            yield primary, (node, RDF.type, CNP.SectorClassification)
            idx = ctx.index
            label = (f"{idx[record.get('region')].label} files {idx[record.get('sector')].label} "
                     f"under {idx[record.get('classified_under')].label}")
            yield primary, (node, RDFS.label, Literal(label, lang="en"))
            yield primary, (node, CNP.classifyingRegion, region)
            yield primary, (node, CNP.classifiedSector, sector)
            yield primary, (node, CNP.classifiedUnder, under)
            for doc in documents:
                yield primary, (node, CNP.accordingTo, doc)
            for report_slug, triples in provenance_triples(record, node, ctx):
                for triple in triples:
                    yield ctx.source_graph(report_slug), triple
        # the reports cited here state a fact about the region, so they become its sources too
        for report_slug, triples in cited:
            for triple in triples:
                yield ctx.source_graph(report_slug), triple


def vocabulary_quads(records: list[Record]) -> tuple[dict[str, URIRef], list[tuple[URIRef, Triple]]]:
    """Controlled vocabularies and units -> (unit code map, quads in the vocabulary graph)."""
    units: dict[str, URIRef] = {}
    quads: list[tuple[URIRef, Triple]] = []
    seen_units: set[URIRef] = set()
    g = VOCABULARY_GRAPH
    for record in records:
        if "units" in record:
            for unit in record.get("units"):
                iri = URIRef(unit["iri"])
                units[str(unit["code"])] = iri
                if iri in seen_units:
                    continue
                seen_units.add(iri)
                quads.append((g, (iri, RDF.type, QUDT.Unit)))
                for lang, text in sorted(unit["name"].items()):
                    quads.append((g, (iri, RDFS.label, Literal(text, lang=lang))))
            continue
        scheme = entity("scheme", str(record.get("scheme")))
        quads.append((g, (scheme, RDF.type, SKOS.ConceptScheme)))
        for label in lang_literals(record, "name", required=("en", "ko", "zh")):
            quads.append((g, (scheme, RDFS.label, label)))
        kind = {
            "AdministrativeLevel": "level", "Scope": "scope",
            "ValueQualifier": "qualifier", "PaymentFrequency": "frequency",
        }[record.get("class")]
        for concept in record.get("concepts"):
            iri = entity(kind, concept["id"])
            quads.append((g, (iri, RDF.type, CNP[record.get("class")])))
            quads.append((g, (iri, SKOS.inScheme, scheme)))
            quads.append((g, (iri, SKOS.topConceptOf, scheme)))
            for lang, text in sorted(concept["name"].items()):
                quads.append((g, (iri, RDFS.label, Literal(text, lang=lang))))
                quads.append((g, (iri, SKOS.prefLabel, Literal(text, lang=lang))))
    return units, quads
