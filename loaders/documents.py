"""Loaders for policy documents and for the source reports themselves."""

from __future__ import annotations

from collections.abc import Iterable

from rdflib import RDF, RDFS, XSD, Literal, URIRef
from rdflib.namespace import DCTERMS

from kg.namespaces import CNP, report_graph
from kg.tables import Record
from loaders.agents import ORGANISATIONS
from loaders.base import (
    Context,
    Loader,
    Triple,
    date_literal,
    lang_literals,
    year_literal,
)

DOCUMENT_TYPES = frozenset(
    {
        "Plan", "FiveYearPlan", "ActionPlan", "Regulation", "Opinions", "Measures",
        "Notice", "ImplementationProgramme", "Report",
    }
)


class DocumentLoader(Loader):
    table = "documents"
    kind = "document"
    types = DOCUMENT_TYPES
    required = ("title", "sources", "issuers", "jurisdiction")
    names_field = "title"

    def check(self, record: Record) -> None:
        super().check(record)
        title = record.get("title") or {}
        if not title.get("zh") and not record.get("no_zh_title_reason"):
            raise record.error(
                "a document needs title.zh or no_zh_title_reason", rule="chinese-title"
            )
        start, end = record.get("valid_from"), record.get("valid_until")
        if isinstance(start, int) and isinstance(end, int) and start > end:
            raise record.error("valid_from is after valid_until", rule="bad-period")

    def triples(self, record: Record, subject: URIRef, ctx: Context) -> Iterable[Triple]:
        for title in lang_literals(record, "title", required=("en",)):
            yield subject, DCTERMS.title, title
        if record.get("no_zh_title_reason"):
            reason = str(record.get("no_zh_title_reason")).strip()
            yield subject, CNP.noChineseTitleReason, Literal(reason, lang="en")
        if record.get("issued") is not None:
            yield subject, DCTERMS.issued, date_literal(record, "issued", record.get("issued"))
        for key, prop in (("valid_from", CNP.validFrom), ("valid_until", CNP.validUntil)):
            if record.get(key) is not None:
                yield subject, prop, year_literal(record, key, record.get(key))
        for issuer in ctx.refs(record, "issuers", ORGANISATIONS):
            yield subject, CNP.issuedBy, issuer
        yield subject, CNP.jurisdiction, ctx.ref(
            record, "jurisdiction", record.get("jurisdiction"), ("regions",)
        )
        for sector in ctx.refs(record, "sectors", ("sectors",)):
            yield subject, CNP.coversSector, sector
        if record.get("draft") is not None:
            yield subject, CNP.isDraft, Literal(bool(record.get("draft")))
        for event in ctx.refs(record, "adopted_at", ("events",)):
            yield subject, CNP.adoptedAt, event
        for other in ctx.refs(record, "related", ("documents",)):
            yield subject, CNP.relatedDocument, other


class SourceLoader(Loader):
    """Source reports: their own description goes into their own graph."""

    table = "sources"
    kind = "report"
    types = frozenset({"Bulletin", "NewsArticle"})
    required = ("title", "file", "language", "sha256")
    names_field = "title"

    def check(self, record: Record) -> None:
        super().check(record)
        digest = str(record.get("sha256"))
        if len(digest) != 64 or any(c not in "0123456789abcdef" for c in digest):
            raise record.error("sha256 must be 64 lowercase hex digits", rule="bad-value")

    def quads(self, record: Record, ctx: Context) -> Iterable[tuple[URIRef, Triple]]:
        subject = ctx.index[str(record.id)].iri
        g = report_graph(str(record.id))
        yield g, (subject, RDF.type, CNP[record.get("type")])
        for title in lang_literals(record, "title", required=("en",)):
            yield g, (subject, RDFS.label, title)
            yield g, (subject, DCTERMS.title, title)
        yield g, (subject, DCTERMS.language, Literal(str(record.get("language"))))
        yield g, (subject, CNP.fileName, Literal(str(record.get("file"))))
        yield g, (subject, CNP.sha256, Literal(str(record.get("sha256"))))
        yield g, (subject, CNP.titleAssigned, Literal(bool(record.get("title_assigned", False))))
        if record.get("issued") is not None:
            issued = date_literal(record, "issued", record.get("issued"))
            if issued.datatype != XSD.date:
                raise record.error("a report's issued date must be a full date", rule="bad-date")
            yield g, (subject, DCTERMS.issued, issued)
        if record.get("date_note"):
            yield g, (subject, CNP.dateNote, Literal(str(record.get("date_note")).strip()))
        if record.get("publisher"):
            yield g, (subject, DCTERMS.publisher, ctx.ref(record, "publisher", record.get("publisher"), ORGANISATIONS))
        for text in lang_literals(record, "description"):
            yield g, (subject, DCTERMS.description, text)
