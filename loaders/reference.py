"""Loaders for the reference tables under ``data/reference/``.

Reference tables name what official lists name — every province, prefecture-level division,
county-level city and municipal district (GB/T 2260), foreign countries (ISO 3166-1), national
government bodies, universities, research organisations and companies — with their Korean, Chinese and
English names, codes and hierarchy. They are not facts from the source reports: their
records cite reference lists (``data/reference/lists.yaml``, class ``cnp:ReferenceList``)
and land in the graph ``…/graph/reference/<list>``. They give the report extractor a
gazetteer for reports about places and bodies the curated tables do not know yet.

A record may also *supplement* a curated entity (``supplements: true`` and the curated
id): it adds its reference citations, aliases and codes, never a second label, type or
description, so the curated record keeps the last word. Reference records state nothing else:
locations, sectors or dates in them are refused (``not-reference-data``).
"""

from __future__ import annotations

from collections.abc import Iterable

from rdflib import RDF, RDFS, Literal, URIRef
from rdflib.namespace import DCTERMS, SKOS

from kg.namespaces import CNP
from kg.tables import Record
from loaders.agents import BodyLoader, CompanyLoader, InstitutionLoader
from loaders.base import Context, Loader, Triple, lang_literals, provenance_triples
from loaders.places import RegionLoader, region_codes

SUPPLEMENT_FIELDS = frozenset({"id", "supplements", "sources", "alt_names", "gb2260", "iso3166_1", "pinyin", "note"})
#: what a reference record may state: names, codes and hierarchy; locations, sectors, founding dates
#: and the like are facts, curated from a report into the tables under data/
REFERENCE_FIELDS = SUPPLEMENT_FIELDS - {"supplements"} | {
    "type", "name", "description", "ko_irregular", "part_of", "level", "jurisdiction", "parent"}


class ReferenceListLoader(Loader):
    """The reference lists themselves: title, where they are published, what they cover."""

    table = "sources"
    file = "reference/lists"
    kind = "list"
    types = frozenset({"ReferenceList"})
    required = ("title", "citation")
    names_field = "title"

    def quads(self, record: Record, ctx: Context) -> Iterable[tuple[URIRef, Triple]]:
        subject = ctx.index[str(record.id)].iri
        g = ctx.source_graph(str(record.id))
        yield g, (subject, RDF.type, CNP.ReferenceList)
        for title in lang_literals(record, "title", required=("en",)):
            yield g, (subject, RDFS.label, title)
            yield g, (subject, DCTERMS.title, title)
        yield g, (subject, DCTERMS.bibliographicCitation, Literal(" ".join(str(record.get("citation")).split())))
        for text in lang_literals(record, "description"):
            yield g, (subject, DCTERMS.description, text)


class _Supplementing(Loader):
    """Reference loader behaviour shared by every entity table: supplements of curated records."""

    def check(self, record: Record) -> None:
        if record.get("supplements"):
            unknown = sorted(set(record.keys()) - SUPPLEMENT_FIELDS)
            if unknown:
                raise record.error(f"a supplement may only add sources, aliases and codes, not {', '.join(unknown)}",
                                   rule="bad-supplement")
            if not record.get("sources"):
                raise record.error("missing required field 'sources'", rule="required-field")
            return
        unknown = sorted(set(record.keys()) - REFERENCE_FIELDS)
        if unknown:
            raise record.error(f"a reference record states names, codes and hierarchy, not {', '.join(unknown)}",
                               rule="not-reference-data")
        super().check(record)

    def quads(self, record: Record, ctx: Context) -> Iterable[tuple[URIRef, Triple]]:
        if not record.get("supplements"):
            yield from super().quads(record, ctx)
            return
        target = ctx.index.get(str(record.id))
        if target is None or target.table != self.table:
            raise record.error(f"supplements: no curated {self.table} record with id {record.id!r}",
                               rule="unknown-reference")
        cited = provenance_triples(record, target.iri, ctx)
        primary = ctx.source_graph(cited[0][0])
        for alias in lang_literals(record, "alt_names"):
            yield primary, (target.iri, SKOS.altLabel, alias)
        for triple in self.extra_triples(record, target.iri):
            yield primary, triple
        for slug, triples in cited:
            for triple in triples:
                yield ctx.source_graph(slug), triple

    def extra_triples(self, record: Record, subject: URIRef) -> Iterable[Triple]:
        return ()


class ReferenceRegionLoader(_Supplementing, RegionLoader):
    file = "reference/regions"

    def extra_triples(self, record: Record, subject: URIRef) -> Iterable[Triple]:
        return region_codes(record, subject)


class ReferenceCountyLoader(ReferenceRegionLoader):
    """County-level cities (县级市): a regions table of its own, read after reference/regions."""

    file = "reference/counties"


class ReferenceDistrictLoader(ReferenceRegionLoader):
    """Municipal districts (市辖区): a regions table of its own, read after reference/counties."""

    file = "reference/districts"


class ReferenceBodyLoader(_Supplementing, BodyLoader):
    file = "reference/bodies"


class ReferenceInstitutionLoader(_Supplementing, InstitutionLoader):
    file = "reference/institutions"


class ReferenceCompanyLoader(_Supplementing, CompanyLoader):
    file = "reference/companies"
