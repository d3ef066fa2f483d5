"""The small interface every loader implements, and the context they share.

A loader turns the records of one curated table into triples. It never decides
which named graph a triple lands in: the build puts an entity's descriptive
triples into the graph of the first report it cites, and the provenance triples
(``prov:wasDerivedFrom``, ``cnp:citation``) into the graph of every report it
cites, so ``GRAPH ?g`` shows provenance while the union default graph stays free
of duplicates.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any, ClassVar

from rdflib import RDF, RDFS, XSD, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, SKOS

from kg.namespaces import CNP, entity, reference_graph, report_graph
from kg.tables import Record

Triple = tuple[URIRef, URIRef, URIRef | Literal]

LANGS = ("en", "ko", "zh")
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_DATE_FORMS = (
    (re.compile(r"^\d{4}-\d{2}-\d{2}$"), XSD.date, "%Y-%m-%d"),
    (re.compile(r"^\d{4}-\d{2}$"), XSD.gYearMonth, "%Y-%m"),
    (re.compile(r"^\d{4}$"), XSD.gYear, "%Y"),
)


@dataclass(frozen=True)
class Indexed:
    """What the build knows about an ID before any loader runs."""

    iri: URIRef
    table: str
    type: str
    label: str = ""


@dataclass
class Context:
    """Shared state of one build: the global ID index and the report IRIs."""

    index: dict[str, Indexed] = field(default_factory=dict)
    units: dict[str, URIRef] = field(default_factory=dict)

    def source_graph(self, source_slug: str) -> URIRef:
        """The named graph of what a source states: a report's graph, or a reference list's."""
        known = self.index.get(source_slug)
        if known is not None and known.type == "ReferenceList":
            return reference_graph(source_slug)
        return report_graph(source_slug)

    def unit(self, record: Record, code: Any) -> URIRef:
        """The QUDT unit (or currency) IRI for a table's ``unit:`` code."""
        iri = self.units.get(str(code))
        if iri is None:
            known = ", ".join(sorted(self.units))
            raise record.error(f"unknown unit {code!r} (known: {known})", rule="bad-unit")
        return iri

    def ref(self, record: Record, field_name: str, value: Any, tables: Sequence[str]) -> URIRef:
        """Resolve a reference, failing with file, line and rule when it is unknown."""
        slug = str(value)
        target = self.index.get(slug)
        if target is None:
            raise record.error(f"{field_name}: unknown id {slug!r}", rule="unknown-reference")
        if tables and target.table not in tables:
            raise record.error(
                f"{field_name}: {slug!r} is a {target.table} record; expected one of "
                + ", ".join(tables),
                rule="wrong-reference-kind",
            )
        return target.iri

    def refs(self, record: Record, field_name: str, tables: Sequence[str]) -> list[URIRef]:
        values = record.get(field_name) or []
        if not isinstance(values, list):
            values = [values]
        return [self.ref(record, field_name, v, tables) for v in values]


class Loader:
    """Base loader: subclasses set the class attributes and implement ``triples``."""

    table: ClassVar[str]
    #: the YAML file under ``data/`` (without ``.yaml``) when it is not the table's name
    file: ClassVar[str | None] = None
    kind: ClassVar[str]
    types: ClassVar[frozenset[str]]
    #: fields every record must have, beyond ``id`` and ``type``
    required: ClassVar[tuple[str, ...]] = ("name", "sources")
    #: whether records carry ``name``/``sources`` handled by the shared code
    #: the field holding the entity's names (documents use ``title``)
    names_field: ClassVar[str] = "name"

    @property
    def path_name(self) -> str:
        return self.file or self.table

    def kind_of(self, record: Record) -> str:
        return self.kind

    def check(self, record: Record) -> None:
        slug = record.id
        if slug is None or not SLUG.match(slug):
            raise record.error(f"id must be a lowercase slug, got {slug!r}", rule="bad-id")
        rtype = record.get("type")
        if rtype not in self.types:
            allowed = ", ".join(sorted(self.types))
            raise record.error(f"type {rtype!r} is not one of: {allowed}", rule="bad-type")
        for key in self.required:
            if not record.get(key):
                raise record.error(f"missing required field {key!r}", rule="required-field")

    def triples(self, record: Record, subject: URIRef, ctx: Context) -> Iterable[Triple]:
        raise NotImplementedError

    def quads(self, record: Record, ctx: Context) -> Iterable[tuple[URIRef, Triple]]:
        """(graph, triple) pairs: description in the first cited report's graph,
        provenance in the graph of every cited report."""
        subject = ctx.index[str(record.id)].iri
        cited = provenance_triples(record, subject, ctx)
        primary = ctx.source_graph(cited[0][0])
        for triple in common_triples(record, subject, self.names_field):
            yield primary, triple
        for triple in self.triples(record, subject, ctx):
            yield primary, triple
        for report_slug, triples in cited:
            for triple in triples:
                yield ctx.source_graph(report_slug), triple


# ---- literal helpers -------------------------------------------------------


def lang_literals(record: Record, field_name: str, required: Sequence[str] = ()) -> list[Literal]:
    """``{en: .., ko: .., zh: ..}`` -> language-tagged literals (lists allowed for aliases)."""
    value = record.get(field_name)
    if value is None:
        if required:
            raise record.error(f"missing {field_name}", rule="required-field")
        return []
    if not isinstance(value, dict):
        raise record.error(f"{field_name} must map languages to text", rule="bad-value")
    out = []
    for lang in required:
        if not value.get(lang):
            raise record.error(f"{field_name}.{lang} is required", rule="required-field")
    for lang, text in sorted(value.items()):
        if lang not in LANGS:
            raise record.error(f"{field_name}: unknown language {lang!r}", rule="bad-language")
        texts = text if isinstance(text, list) else [text]
        for t in texts:
            if not isinstance(t, str) or not t.strip():
                raise record.error(f"{field_name}.{lang} must be non-empty text", rule="bad-value")
            out.append(Literal(t.strip(), lang=lang))
    return out


def date_literal(record: Record, field_name: str, value: Any) -> Literal:
    """An ISO date with the precision given: xsd:date, xsd:gYearMonth or xsd:gYear."""
    if isinstance(value, dt.date):
        value = value.isoformat()
    text = str(value)
    for pattern, datatype, fmt in _DATE_FORMS:
        if pattern.match(text):
            try:
                dt.datetime.strptime(text, fmt)
            except ValueError:
                break
            return Literal(text, datatype=datatype)
    raise record.error(f"{field_name}: {value!r} is not YYYY-MM-DD, YYYY-MM or YYYY", rule="bad-date")


def year_literal(record: Record, field_name: str, value: Any) -> Literal:
    if not isinstance(value, int) or not 1900 <= value <= 2100:
        raise record.error(f"{field_name}: {value!r} is not a year", rule="bad-year")
    return Literal(str(value), datatype=XSD.gYear)


def decimal_literal(record: Record, field_name: str, value: Any) -> Literal:
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        raise record.error(f"{field_name}: {value!r} is not a number", rule="bad-number")
    try:
        number = Decimal(str(value))
    except InvalidOperation:
        raise record.error(f"{field_name}: {value!r} is not a number", rule="bad-number") from None
    if not number.is_finite():
        raise record.error(f"{field_name}: {value!r} is not a finite number", rule="bad-number")
    text = format(number.normalize(), "f")
    return Literal(text, datatype=XSD.decimal)


def integer_literal(record: Record, field_name: str, value: Any) -> Literal:
    if isinstance(value, bool) or not isinstance(value, int):
        raise record.error(f"{field_name}: {value!r} is not an integer", rule="bad-number")
    return Literal(str(value), datatype=XSD.integer)


def common_triples(record: Record, subject: URIRef, names_field: str = "name") -> Iterable[Triple]:
    """Type, labels, aliases and description shared by every curated entity."""
    yield subject, RDF.type, CNP[record.get("type")]
    for label in lang_literals(record, names_field, required=("en",)):
        yield subject, RDFS.label, label
    for alias in lang_literals(record, "alt_names"):
        yield subject, SKOS.altLabel, alias
    for text in lang_literals(record, "description"):
        yield subject, DCTERMS.description, text


def provenance_triples(
    record: Record, subject: URIRef, ctx: Context
) -> list[tuple[str, list[Triple]]]:
    """Per cited report, in citation order: (report id, provenance triples for its graph)."""
    sources = record.get("sources")
    if not isinstance(sources, list) or not sources:
        raise record.error("sources must be a non-empty list", rule="no-source")
    by_report: dict[str, list[Triple]] = {}
    for src in sources:
        if not isinstance(src, dict) or "report" not in src or "section" not in src:
            raise record.error("each source needs report and section", rule="no-source")
        report = ctx.ref(record, "sources.report", src["report"], ("sources",))
        section = str(src["section"])
        cite = URIRef(f"{subject}#cite-{src['report']}-{_fragment(section)}")
        triples = by_report.setdefault(str(src["report"]), [(subject, PROV.wasDerivedFrom, report)])
        triples += [
            (subject, CNP.citation, cite),
            (cite, RDF.type, CNP.Citation),
            (cite, RDFS.label, Literal(f"{src['report']} § {section}", lang="en")),
            (cite, CNP.citesReport, report),
            (cite, CNP.section, Literal(section)),
        ]
    return list(by_report.items())


def _fragment(text: str) -> str:
    # letters of any script survive (IRIs are Unicode), so sections in Chinese stay distinct
    return re.sub(r"[\W_]+", "-", text).strip("-").lower() or "x"


def entity_iri(kind: str, slug: str) -> URIRef:
    return entity(kind, slug)


def reported_krw(record: Record, subject: URIRef) -> Iterable[Triple]:
    """The KRW conversion a report prints next to an amount, kept apart from the value."""
    if record.get("reported_krw") is not None:
        yield subject, CNP.reportedKRW, decimal_literal(record, "reported_krw", record.get("reported_krw"))
