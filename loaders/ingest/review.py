"""``kg review``: the proposals of the ingest graphs, with their sentences and YAML suggestions.

For each ingested document it lists the proposed entities (documents, organisations,
regions, people not in the curated tables) and the extracted facts (targets; issuing
bodies, sectors, locations, founders), each with the sentence it rests on, its character
offsets and its confidence, and prints the record that would go into ``data/*.yaml`` if
a researcher accepts it. Fields the text cannot give (English names, indicator, section)
are written as ``TODO``; a target that the curated graph already holds is marked so.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from typing import Any

import yaml

from kg.namespaces import ID_BASE, PREFIXES
from loaders.ingest.gazetteer import PROPOSED_BASE
from loaders.ingest.pipeline import INGEST_GRAPH_PREFIX

OA = "http://www.w3.org/ns/oa#"
ITS = "http://www.w3.org/2005/11/its/rdf#"
_PROLOGUE = f"PREFIX oa: <{OA}>\nPREFIX its: <{ITS}>\n"

_DOCS = _PROLOGUE + """
SELECT ?g ?r ?file ?sha ?title ?date ?curated WHERE {
  GRAPH ?g { ?r a cnp:SourceReport ; cnp:fileName ?file ; cnp:sha256 ?sha .
    OPTIONAL { ?r dcterms:title ?title } OPTIONAL { ?r dcterms:issued ?date }
    OPTIONAL { ?r prov:alternateOf ?curated } }
  FILTER(STRSTARTS(STR(?g), "@INGEST@"))
} ORDER BY ?g
""".replace("@INGEST@", INGEST_GRAPH_PREFIX)
_PROPOSED = _PROLOGUE + """
SELECT ?g ?e ?type ?label ?conf ?start ?end ?sentence WHERE {
  GRAPH ?g {
    ?e prov:wasGeneratedBy ?act ; a ?type ; rdfs:label ?label ; its:taConfidence ?conf .
    FILTER(STRSTARTS(STR(?e), "@PROPOSED@"))
    FILTER NOT EXISTS { ?e a oa:Annotation } FILTER NOT EXISTS { ?e a cnp:Target }
    FILTER NOT EXISTS { ?e a rdf:Statement }
    OPTIONAL { ?ann oa:hasBody ?e ; oa:hasTarget/dcterms:isPartOf ?s .
      ?s oa:hasSelector ?p, ?q . ?p oa:start ?start ; oa:end ?end . ?q oa:exact ?sentence }
  }
  FILTER(STRSTARTS(STR(?g), "@INGEST@"))
} ORDER BY ?g ?start
""".replace("@PROPOSED@", PROPOSED_BASE).replace("@INGEST@", INGEST_GRAPH_PREFIX)
_FACTS = _PROLOGUE + """
SELECT ?g ?f ?kind ?p ?o ?conf ?start ?end ?sentence ?note WHERE {
  GRAPH ?g {
    ?ann oa:motivatedBy oa:describing ; oa:hasBody ?f ; oa:hasTarget ?s ; its:taConfidence ?conf .
    ?s oa:hasSelector ?ps, ?qs . ?ps oa:start ?start ; oa:end ?end . ?qs oa:exact ?sentence .
    OPTIONAL { ?ann rdfs:comment ?note }
    { ?f a cnp:Target . BIND("target" AS ?kind) ?f ?p ?o }
    UNION
    { ?f a rdf:Statement ; rdf:predicate ?pred . BIND(STRAFTER(STR(?pred), "#") AS ?kind) ?f ?p ?o
      FILTER(?p IN (rdf:subject, rdf:object)) }
  }
  FILTER(STRSTARTS(STR(?g), "@INGEST@"))
} ORDER BY ?g ?start ?f
""".replace("@INGEST@", INGEST_GRAPH_PREFIX)
_CURATED_TARGETS = """
SELECT ?t ?j ?v ?y ?u WHERE { ?t a cnp:Target ; cnp:jurisdiction ?j ; cnp:value ?v ; cnp:targetYear ?y ; cnp:unit ?u .
  FILTER(!STRSTARTS(STR(?t), "@PROPOSED@")) }
""".replace("@PROPOSED@", PROPOSED_BASE)

TABLE_OF_KIND = {
    "document": "documents.yaml", "region": "regions.yaml", "person": "people.yaml", "Company": "companies.yaml",
    "GovernmentBody": "bodies.yaml", "Legislature": "bodies.yaml", "organisation": "institutions.yaml",
}
DOCUMENT_CLASSES = {"Plan", "FiveYearPlan", "ActionPlan", "Regulation", "Opinions", "Measures", "Notice",
                    "ImplementationProgramme", "Report"}
REGION_CLASSES = {"Region", "Country", "ProvinceLevelDivision", "Municipality", "City", "District", "DevelopmentZone",
                  "HighTechZone", "DemonstrationZone", "IndustrialPark", "FreeTradeZone", "GeographicArea", "Zone"}


@dataclass
class Items:
    documents: list[dict[str, Any]] = field(default_factory=list)


def _v(term: Any) -> Any:
    return None if term is None else term.value


def _short(iri: str | None) -> str | None:
    if not iri:
        return None
    for prefix, base in sorted(PREFIXES.items(), key=lambda kv: -len(kv[1])):
        if iri.startswith(base) and prefix not in ("cnpid",):
            return f"{prefix}:{iri[len(base):]}"
    return iri


def _slug(iri: str | None) -> str:
    return (iri or "TODO").rstrip("/").rsplit("/", 1)[-1]


def _suggest_id(label: str, kind: str) -> str:
    ascii_part = re.sub(r"[^a-z0-9]+", "-", label.lower()).strip("-")
    return ascii_part[:40] if len(ascii_part) >= 4 else f"{kind.lower()}-{hashlib.sha1(label.encode()).hexdigest()[:8]}"


def collect(store: Any, doc: str | None = None) -> Items:
    """Everything ``kg review`` shows, read from the ingest graphs of a store."""
    items = Items()
    by_graph: dict[str, dict[str, Any]] = {}
    for row in store.query(_DOCS, prefixes=PREFIXES).rows:
        g = row[0].value
        doc_id = g[len(INGEST_GRAPH_PREFIX):]
        if doc and doc != doc_id:
            continue
        if g not in by_graph:
            by_graph[g] = {"doc_id": doc_id, "graph": g, "file": _v(row[2]), "sha256": _v(row[3]),
                           "title": _v(row[4]), "date": _v(row[5]), "curated_report": _v(row[6]),
                           "proposed": [], "facts": []}
            items.documents.append(by_graph[g])
    for g, e, type_, label, conf, start, end, sentence in store.query(_PROPOSED, prefixes=PREFIXES).rows:
        entry = by_graph.get(g.value)
        kind = type_.value.rsplit("#", 1)[-1]
        if entry is None:
            continue
        general = kind in ("PolicyDocument", "Organization", "Region")
        existing = next((p for p in entry["proposed"] if p["iri"] == e.value), None)
        if existing:
            if not general:
                existing["kind"] = kind
            continue
        entry["proposed"].append({"iri": e.value, "kind": kind, "label": label.value,
                                  "lang": getattr(label, "language", None), "confidence": float(conf.value),
                                  "start": int(start.value) if start else None, "end": int(end.value) if end else None,
                                  "sentence": _v(sentence)})
    curated = {(r[1].value, float(r[2].value), r[3].value, r[4].value): r[0].value
               for r in store.query(_CURATED_TARGETS, prefixes=PREFIXES).rows}
    facts: dict[tuple[str, str], dict[str, Any]] = {}
    for g, f, kind, p, o, conf, start, end, sentence, note in store.query(_FACTS, prefixes=PREFIXES).rows:
        entry = by_graph.get(g.value)
        if entry is None:
            continue
        fact = facts.get((g.value, f.value))
        if fact is None:
            fact = facts[(g.value, f.value)] = {"iri": f.value, "kind": kind.value, "confidence": float(conf.value),
                                               "start": int(start.value), "end": int(end.value),
                                               "sentence": sentence.value, "note": _v(note), "values": {}}
            entry["facts"].append(fact)
        key = p.value.rsplit("#", 1)[-1].rsplit("/", 1)[-1]
        fact["values"].setdefault(key, o.value)
    for entry in items.documents:
        for fact in entry["facts"]:
            v = fact["values"]
            if fact["kind"] == "target":
                key = (v.get("jurisdiction"), float(v.get("value", 0)), v.get("targetYear"), v.get("unit"))
                fact["already_curated"] = curated.get(key)
            fact["suggestion"] = suggest_fact(fact, entry)
        for prop in entry["proposed"]:
            prop["suggestion"] = suggest_entity(prop, entry)
    return items


def _sources(entry: dict[str, Any]) -> list[dict[str, str]]:
    report = _slug(entry.get("curated_report")) if entry.get("curated_report") else "TODO-report-id"
    return [{"report": report, "section": "TODO"}]


def suggest_entity(p: dict[str, Any], entry: dict[str, Any]) -> tuple[str, str]:
    """(table file, YAML record) for a proposed entity."""
    kind, label, lang = p["kind"], p["label"], p.get("lang") or "ko"
    if kind in DOCUMENT_CLASSES or kind == "PolicyDocument":
        record = {"id": _suggest_id(label, "document"), "type": kind if kind in DOCUMENT_CLASSES else "TODO",
                  "title": {lang: label, "en": "TODO"}, "issuers": ["TODO"], "jurisdiction": "TODO"}
        if lang != "zh":
            record["no_zh_title_reason"] = "TODO (or give title.zh)"
        table = "documents.yaml"
    elif kind in REGION_CLASSES:
        record = {"id": _suggest_id(label, "region"), "type": kind if kind != "Region" else "TODO",
                  "name": {lang: label, "en": "TODO"}, "part_of": "TODO"}
        table = "regions.yaml"
    elif kind == "Person":
        record = {"id": _suggest_id(label, "person"), "type": "Person", "name": {lang: label, "en": "TODO"}}
        table = "people.yaml"
    else:
        record = {"id": _suggest_id(label, "org"), "type": kind if kind != "Organization" else "TODO",
                  "name": {lang: label, "en": "TODO"}}
        table = TABLE_OF_KIND.get(kind, "institutions.yaml")
        if kind in ("GovernmentBody", "Legislature"):
            record.update({"level": "TODO", "jurisdiction": "TODO"})
    record["sources"] = _sources(entry)
    return table, yaml.safe_dump([record], allow_unicode=True, sort_keys=False, width=120)


def suggest_fact(f: dict[str, Any], entry: dict[str, Any]) -> tuple[str, str]:
    v = f["values"]
    if f["kind"] == "target":
        unit = _slug(v.get("unit")).replace("NUM", "count").replace("PERCENT", "percent")
        record: dict[str, Any] = {
            "id": f"{_slug(v.get('jurisdiction'))}-target-{v.get('targetYear')}-{_slug(f['iri'])[-6:]}",
            "type": "Target", "indicator": "TODO", "value": _num(v.get("value")), "unit": unit}
        if v.get("qualifier"):
            record["qualifier"] = _slug(v["qualifier"])
        if v.get("scope"):
            record["scope"] = _slug(v["scope"])
        record["target_year"] = int(v.get("targetYear", 0))
        record["jurisdiction"] = _slug(v.get("jurisdiction"))
        if v.get("setBy"):
            record["document"] = _slug(v["setBy"])
        if v.get("reportedKRW"):
            record["reported_krw"] = _num(v["reportedKRW"])
        record["label"] = {"ko": v.get("label", "TODO"), "en": "TODO"}
        record["sources"] = _sources(entry)
        return "facts.yaml", yaml.safe_dump([record], allow_unicode=True, sort_keys=False, width=120)
    subject, obj = _slug(v.get("subject")), _slug(v.get("object"))
    field_of = {"issuedBy": ("documents.yaml", "issuers"), "coversSector": ("documents.yaml", "sectors"),
                "jurisdiction": ("documents.yaml", "jurisdiction"), "location": ("institutions.yaml", "location"),
                "foundedBy": ("institutions.yaml", "founders")}
    table, name = field_of.get(f["kind"], ("?", f["kind"]))
    value = f"[{obj}]" if name in ("issuers", "sectors", "founders") else obj
    return table, f"# in the record with id: {subject}\n{name}: {value}\n"


def _num(value: Any) -> int | float | str:
    try:
        number = float(value)
    except (TypeError, ValueError):
        return str(value)
    return int(number) if number.is_integer() else number


def render_json(items: Items) -> str:
    return json.dumps({"documents": items.documents}, ensure_ascii=False, indent=2)


def _describe(f: dict[str, Any]) -> str:
    v = f["values"]
    if f["kind"] == "target":
        extras = ", ".join(x for x in (_slug(v.get("scope")) if v.get("scope") else "",
                                       _slug(v.get("qualifier")) if v.get("qualifier") else "") if x)
        return (f"target: {_short(v.get('jurisdiction'))} {_num(v.get('value'))} {_short(v.get('unit'))} "
                f"by {v.get('targetYear')}" + (f" ({extras})" if extras else ""))
    return f"{f['kind']}: {_short(v.get('subject'))} → {_short(v.get('object'))}"


def render_table(items: Items) -> str:
    if not items.documents:
        return "no ingested documents (run `kg ingest FILE...` first)"
    out = []
    for d in items.documents:
        out.append(f"== {d['doc_id']}  {d['file']}" + (f"  \"{d['title']}\"" if d.get("title") else "")
                   + (f"  {d['date']}" if d.get("date") else "")
                   + (f"  (same bytes as {_short(d['curated_report'])})" if d.get("curated_report") else ""))
        out.append(f"-- proposed entities: {len(d['proposed'])}")
        for p in d["proposed"]:
            out.append(f"  [{p['kind']}] {p['label']}  conf {p['confidence']:.2f}  {p['iri']}")
            if p.get("sentence"):
                out.append(f"      sentence (chars {p['start']}-{p['end']}): {p['sentence']}")
            table, snippet = p["suggestion"]
            out.append(f"      suggestion for data/{table}:")
            out += ["        " + line for line in snippet.rstrip().splitlines()]
        out.append(f"-- extracted facts: {len(d['facts'])}")
        for f in d["facts"]:
            mark = f"  [already curated: {_short(f['already_curated'])}]" if f.get("already_curated") else ""
            note = f"  ({f['note']})" if f.get("note") else ""
            out.append(f"  {_describe(f)}  conf {f['confidence']:.2f}{mark}{note}")
            out.append(f"      sentence (chars {f['start']}-{f['end']}): {f['sentence']}")
            if not f.get("already_curated"):
                table, snippet = f["suggestion"]
                out.append(f"      suggestion for data/{table}:")
                out += ["        " + line for line in snippet.rstrip().splitlines()]
        out.append("")
    return "\n".join(out).rstrip()


__all__ = ["ID_BASE", "collect", "render_json", "render_table"]
