"""RDF for one ingested document: its own named graph, W3C Web Annotation provenance.

Everything lands in ``https://w3id.org/cnpolicy/graph/ingest/<doc-id>``; new resources get
IRIs under ``https://w3id.org/cnpolicy/id/proposed/<doc-id>/``. The graph holds:

* the source report (``cnp:SourceReport``: title, publisher, issue date, language,
  checksum, file name; ``prov:alternateOf`` the curated report with the same checksum);
* the ingest activity (``prov:Activity``, ``prov:used`` the report);
* every sentence that carries an annotation, as an ``oa:SpecificResource`` of the report
  (``…/sentence-<n>``) with a ``oa:TextPositionSelector`` (``oa:start``/``oa:end``, character
  offsets in the document text) and a ``oa:TextQuoteSelector`` (``oa:exact`` = the sentence);
* one ``oa:Annotation`` per name mention (motivation ``oa:identifying``, body = the entity
  IRI, curated or proposed; target = the mention span, a SpecificResource with the same two
  selectors and ``dcterms:isPartOf`` its sentence) and per extracted fact (motivation
  ``oa:describing``, body = the fact's resource, target = the sentence), each with
  ``itsrdf:taConfidence`` (``xsd:decimal``) and ``prov:wasGeneratedBy`` the activity;
* proposed entities (typed with their ``cnp:`` class, labelled, ``prov:wasGeneratedBy``);
* extracted targets as ``cnp:Target`` resources with ``cnp:value``, ``cnp:unit``,
  ``cnp:targetYear``, ``cnp:jurisdiction``, ``cnp:scope``, ``cnp:qualifier``,
  ``cnp:reportedKRW``, ``cnp:setBy``;
* other relations as ``rdf:Statement`` resources (``rdf:subject/predicate/object``); the
  triple itself is asserted only when its subject is a proposed resource, so nothing is
  ever said directly about a curated entity.

Blank nodes are never used: every node has an IRI derived from the document id and
offsets, so ingesting the same bytes again yields the same N-Quads.
"""

from __future__ import annotations

import hashlib
from decimal import Decimal

import pyoxigraph as ox

from kg.namespaces import CNP, ID_BASE, entity
from loaders.ingest.gazetteer import PROPOSED_BASE
from loaders.ingest.model import Extraction, Fact, Mention
from loaders.ingest.pipeline import ingest_graph

INGEST_VERSION = "1"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
XSD = "http://www.w3.org/2001/XMLSchema#"
OA = "http://www.w3.org/ns/oa#"
PROV = "http://www.w3.org/ns/prov#"
DCT = "http://purl.org/dc/terms/"
ITS = "http://www.w3.org/2005/11/its/rdf#"
UNITS = {
    "CNY": "http://qudt.org/vocab/currency/CNY", "KRW": "http://qudt.org/vocab/currency/KRW",
    "USD": "http://qudt.org/vocab/currency/USD", "EUR": "http://qudt.org/vocab/currency/EUR",
    "JPY": "http://qudt.org/vocab/currency/JPY", "percent": "http://qudt.org/vocab/unit/PERCENT",
    "count": "http://qudt.org/vocab/unit/NUM", "person": "http://qudt.org/vocab/unit/NUM",
}
#: the cnp: class a proposed entity gets, by mention type, when its own kind is not a cnp: term
GENERAL_CLASS = {"document": "PolicyDocument", "organisation": "Organization", "region": "Region",
                 "person": "Person", "fund": "Fund", "event": "Event", "sector": "Sector"}
RELATION_PREDICATE = {"issuedBy": CNP.issuedBy, "coversSector": CNP.coversSector, "jurisdiction": CNP.jurisdiction,
                      "location": CNP.location, "foundedBy": CNP.foundedBy}
AGENT = PROPOSED_BASE + "agent/kg-ingest-" + INGEST_VERSION


def N(iri: str) -> ox.NamedNode:  # noqa: N802 - reads like the RDF term it builds
    return ox.NamedNode(str(iri))


def _lit(value: object, datatype: str | None = None, lang: str | None = None) -> ox.Literal:
    if lang:
        return ox.Literal(str(value), language=lang)
    if datatype:
        return ox.Literal(str(value), datatype=N(XSD + datatype))
    return ox.Literal(str(value))


def _decimal(value: Decimal | int | float) -> ox.Literal:
    d = Decimal(str(value))
    text = format(d.normalize(), "f") if d == d.to_integral_value() else format(d.normalize(), "f")
    return _lit(text.rstrip(".") or "0", "decimal")


def _lang(text: str) -> str:
    hangul = sum(1 for ch in text if "\uac00" <= ch <= "\ud7a3")
    han = sum(1 for ch in text if "\u4e00" <= ch <= "\u9fff")
    return "ko" if hangul >= han and hangul else ("zh" if han else "en")


def _cnp_class(kind: str | None, mtype: str) -> str:
    try:
        return str(getattr(CNP, kind)) if kind else str(getattr(CNP, GENERAL_CLASS[mtype]))
    except (AttributeError, KeyError):
        return str(getattr(CNP, GENERAL_CLASS.get(mtype, "PolicyDocument")))


class _Writer:
    def __init__(self, extraction: Extraction):
        self.x = extraction
        self.base = f"{PROPOSED_BASE}{extraction.doc_id}/"
        self.graph = N(ingest_graph(extraction.doc_id))
        self.quads: list[ox.Quad] = []
        self.report = N(self.base + "report")
        self.activity = N(self.base + "activity")
        self.sentences_done: set[int] = set()

    def add(self, s: ox.NamedNode, p: str | ox.NamedNode, o: ox.NamedNode | ox.Literal) -> None:
        self.quads.append(ox.Quad(s, p if isinstance(p, ox.NamedNode) else N(p), o, self.graph))

    def generated(self, node: ox.NamedNode, confidence: float) -> None:
        self.add(node, PROV + "wasGeneratedBy", self.activity)
        self.add(node, ITS + "taConfidence", _decimal(round(confidence, 2)))

    # ---- the report and the activity -------------------------------------------------

    def header(self) -> None:
        src = self.x.source
        r = self.report
        self.add(r, RDF + "type", N(CNP.SourceReport))
        self.add(r, RDFS + "label", _lit(src.title, lang=_lang(src.title)) if src.title else _lit(src.path.name))
        if src.title:
            self.add(r, DCT + "title", _lit(src.title, lang=_lang(src.title)))
        self.add(r, CNP.titleAssigned, _lit("false" if src.title else "true", "boolean"))
        self.add(r, CNP.sha256, _lit(src.sha256))
        self.add(r, CNP.fileName, _lit(src.path.name))
        self.add(r, DCT + "language", _lit(src.language))
        self.add(r, DCT + "format", _lit({"txt": "text/plain", "html": "text/html", "pdf": "application/pdf"}[src.fmt]))
        if src.date:
            kind = {10: "date", 7: "gYearMonth", 4: "gYear"}.get(len(src.date))
            if kind:
                self.add(r, DCT + "issued", _lit(src.date, kind))
        publisher = src.meta.get("publisher_iri")
        if publisher:
            self.add(r, DCT + "publisher", N(publisher))
        elif src.publisher:
            org = N(self.base + "publisher")
            self.add(r, DCT + "publisher", org)
            self.add(org, RDF + "type", N(CNP.Organization))
            self.add(org, RDFS + "label", _lit(src.publisher, lang=_lang(src.publisher)))
            self.generated(org, 0.6)
        curated = self._curated_report()
        if curated:
            self.add(r, PROV + "alternateOf", N(curated))
        self.add(r, PROV + "wasGeneratedBy", self.activity)
        a = self.activity
        self.add(a, RDF + "type", N(PROV + "Activity"))
        self.add(a, RDFS + "label", _lit(f"kg ingest of {src.path.name}", lang="en"))
        self.add(a, PROV + "used", r)
        self.add(a, PROV + "wasAssociatedWith", N(AGENT))
        self.add(N(AGENT), RDF + "type", N(PROV + "SoftwareAgent"))
        self.add(N(AGENT), RDFS + "label", _lit(f"kg ingest (rules version {INGEST_VERSION})", lang="en"))

    def _curated_report(self) -> str | None:
        return self.x.source.meta.get("curated_report")

    # ---- annotations --------------------------------------------------------------------

    def selectors(self, node: ox.NamedNode, start: int, end: int) -> None:
        """TextPositionSelector and TextQuoteSelector of ``node`` (a SpecificResource)."""
        text = self.x.source.text
        pos, quote = N(node.value + "-pos"), N(node.value + "-quote")
        self.add(node, RDF + "type", N(OA + "SpecificResource"))
        self.add(node, OA + "hasSource", self.report)
        self.add(node, OA + "hasSelector", pos)
        self.add(node, OA + "hasSelector", quote)
        self.add(pos, RDF + "type", N(OA + "TextPositionSelector"))
        self.add(pos, OA + "start", _lit(start, "nonNegativeInteger"))
        self.add(pos, OA + "end", _lit(end, "nonNegativeInteger"))
        self.add(quote, RDF + "type", N(OA + "TextQuoteSelector"))
        self.add(quote, OA + "exact", _lit(text[start:end]))
        self.add(quote, OA + "prefix", _lit(text[max(0, start - 24):start]))
        self.add(quote, OA + "suffix", _lit(text[end:end + 24]))

    def sentence(self, index: int) -> ox.NamedNode:
        """The sentence as a SpecificResource of the report (written once per sentence)."""
        node = N(f"{self.base}sentence-{index}")
        if index not in self.sentences_done:
            self.sentences_done.add(index)
            s = self.x.sentences[index]
            self.selectors(node, s.start, s.end)
        return node

    def annotation(self, name: str, body: ox.NamedNode, confidence: float, motivation: str,
                   target: ox.NamedNode) -> ox.NamedNode:
        ann = N(self.base + name)
        self.add(ann, RDF + "type", N(OA + "Annotation"))
        self.add(ann, OA + "motivatedBy", N(OA + motivation))
        self.add(ann, OA + "hasBody", body)
        self.add(ann, OA + "hasTarget", target)
        self.generated(ann, confidence)
        return ann

    def mention(self, m: Mention) -> None:
        if not m.entity:
            return
        name = f"mention-{m.start}-{m.end}"
        target = N(self.base + name + "-target")
        self.selectors(target, m.start, m.end)
        if m.sentence >= 0:
            self.add(target, DCT + "isPartOf", self.sentence(m.sentence))
        ann = self.annotation(name, N(m.entity), m.confidence, "identifying", target)
        self.add(ann, ITS + "taClassRef", N(_cnp_class(m.kind, m.type)))

    def proposed(self, iri: str, m: Mention) -> None:
        node = N(iri)
        self.add(node, RDF + "type", N(_cnp_class(m.kind, m.type)))
        general = _cnp_class(None, m.type)
        if general != _cnp_class(m.kind, m.type):
            self.add(node, RDF + "type", N(general))
        label = m.label or m.text
        self.add(node, RDFS + "label", _lit(label, lang=_lang(label)))
        zh = m.attrs.get("zh")
        if zh:
            self.add(node, RDFS + "label" if m.type != "document" else DCT + "title", _lit(zh, lang="zh"))
        if m.type == "document":
            self.add(node, DCT + "title", _lit(label, lang=_lang(label)))
        if m.attrs.get("jurisdiction"):
            self.add(node, CNP.jurisdiction, N(m.attrs["jurisdiction"]))
        if m.attrs.get("part_of"):
            self.add(node, CNP.partOf, N(m.attrs["part_of"]))
        self.add(node, PROV + "wasDerivedFrom", self.report)
        self.generated(node, m.confidence)

    # ---- facts ---------------------------------------------------------------------------

    def fact(self, f: Fact, number: int) -> None:
        sentence = self.x.sentences[f.sentence]
        key = f"{f.kind}|{f.subject}|{f.object}|{sorted((k, str(v)) for k, v in f.attrs.items())}|{f.sentence}"
        digest = hashlib.sha1(key.encode("utf-8")).hexdigest()[:10]
        if f.kind == "target":
            node = N(f"{self.base}target-{digest}")
            self.target(node, f)
        else:
            node = N(f"{self.base}statement-{digest}")
            pred = RELATION_PREDICATE[f.kind]
            self.add(node, RDF + "type", N(RDF + "Statement"))
            self.add(node, RDF + "subject", N(f.subject))
            self.add(node, RDF + "predicate", N(pred))
            self.add(node, RDF + "object", N(f.object))
            self.generated(node, f.confidence)
            if f.subject.startswith(PROPOSED_BASE):
                self.add(N(f.subject), pred, N(f.object))
        ann = self.annotation(f"fact-{digest}", node, f.confidence, "describing", self.sentence(sentence.index))
        for m in f.mentions:
            if m.entity:
                self.add(ann, PROV + "wasDerivedFrom", N(self.base + f"mention-{m.start}-{m.end}"))
            else:  # a quantity or year: point at its span
                span = N(self.base + f"span-{m.start}-{m.end}")
                self.selectors(span, m.start, m.end)
                if m.sentence >= 0:
                    self.add(span, DCT + "isPartOf", self.sentence(m.sentence))
                self.add(ann, PROV + "wasDerivedFrom", span)
        if f.note:
            self.add(ann, RDFS + "comment", _lit(f.note, lang="en"))

    def target(self, node: ox.NamedNode, f: Fact) -> None:
        a = f.attrs
        self.add(node, RDF + "type", N(CNP.Target))
        self.add(node, RDF + "type", N(CNP.QuantitativeFact))
        self.add(node, CNP.value, _decimal(a["value"]))
        unit = UNITS.get(str(a.get("unit")))
        if unit:
            self.add(node, CNP.unit, N(unit))
        self.add(node, CNP.targetYear, _lit(int(a["year"]), "gYear"))
        self.add(node, CNP.jurisdiction, N(a["jurisdiction"]))
        if a.get("scope"):
            self.add(node, CNP.scope, N(entity("scope", a["scope"])))
        if a.get("qualifier"):
            self.add(node, CNP.qualifier, N(entity("qualifier", a["qualifier"])))
        if a.get("krw") is not None:
            self.add(node, CNP.reportedKRW, _decimal(a["krw"]))
        if a.get("document"):
            self.add(node, CNP.setBy, N(a["document"]))
        if a.get("label"):
            self.add(node, RDFS + "label", _lit(f"{a['label']} ({int(a['year'])}년 목표)", lang="ko"))
        self.add(node, PROV + "wasDerivedFrom", self.report)
        self.generated(node, f.confidence)


def to_quads(extraction: Extraction) -> list[ox.Quad]:
    """All quads of one document's ingest graph, in a stable order."""
    w = _Writer(extraction)
    w.header()
    for m in extraction.mentions:
        w.mention(m)
    for iri, m in sorted(extraction.proposed.items()):
        w.proposed(iri, m)
    for i, f in enumerate(extraction.facts):
        w.fact(f, i)
    seen: set[ox.Quad] = set()
    unique = []
    for q in w.quads:
        if q not in seen:
            seen.add(q)
            unique.append(q)
    return unique


__all__ = ["ID_BASE", "to_quads"]
