"""The gazetteer read from a store: every curated entity's names, class, places and sources.

Entities under ``…/id/proposed/`` (written by earlier ingests) are left out, so an ingest
never links to its own proposals. A gazetteer is cached per store version (the resolved
path of the version and its modification time), so a run over many documents reads the
store once.
"""

from __future__ import annotations

import os
from pathlib import Path

from kg.namespaces import PREFIXES
from loaders.ingest.gazetteer import PROPOSED_BASE, Entry, Gazetteer

# class local name → mention type; the first class of an entity found here decides
TYPE_OF_CLASS: tuple[tuple[str, str], ...] = (
    ("PolicyDocument", "document"), ("Region", "region"), ("Organization", "organisation"),
    ("Person", "person"), ("Fund", "fund"), ("Event", "event"), ("Project", "event"), ("Sector", "sector"),
)
_ENTRY_QUERY = """
SELECT ?e ?type ?p ?label WHERE {
  GRAPH ?g { ?e a ?type }
  FILTER(?g != <https://w3id.org/cnpolicy/graph/inferred>)
  FILTER(STRSTARTS(STR(?type), STR(cnp:)))
  FILTER(STRSTARTS(STR(?e), STR(cnpid:)) && !STRSTARTS(STR(?e), "@PROPOSED@"))
  VALUES ?p { rdfs:label skos:altLabel dcterms:title }
  ?e ?p ?label .
}
""".replace("@PROPOSED@", PROPOSED_BASE)
_SUPER_QUERY = """
SELECT ?e ?super WHERE {
  ?e a ?super . FILTER(STRSTARTS(STR(?super), STR(cnp:)))
  FILTER(STRSTARTS(STR(?e), STR(cnpid:)) && !STRSTARTS(STR(?e), "@PROPOSED@"))
}
""".replace("@PROPOSED@", PROPOSED_BASE)
_LINK_QUERY = """
SELECT ?e ?p ?o WHERE {
  VALUES ?p { cnp:jurisdiction cnp:location cnp:partOf }
  ?e ?p ?o . FILTER(STRSTARTS(STR(?e), STR(cnpid:)) && !STRSTARTS(STR(?e), "@PROPOSED@"))
}
""".replace("@PROPOSED@", PROPOSED_BASE)
# the corpus files citing an entity; a reference list counts as a source no report can hold out
_SOURCE_QUERY = """
SELECT ?e ?file WHERE {
  ?e prov:wasDerivedFrom ?r .
  { ?r cnp:fileName ?file } UNION { ?r a cnp:ReferenceList . BIND(CONCAT("reference:", STR(?r)) AS ?file) }
  FILTER(!STRSTARTS(STR(?e), "@PROPOSED@")) }
""".replace("@PROPOSED@", PROPOSED_BASE)

_REPORT_QUERY = """
SELECT ?r ?sha WHERE { ?r a cnp:SourceReport ; cnp:sha256 ?sha . FILTER(!STRSTARTS(STR(?r), "@PROPOSED@")) }
""".replace("@PROPOSED@", PROPOSED_BASE)
_DEPTH_QUERY = """
SELECT ?c (COUNT(DISTINCT ?s) AS ?d) WHERE { ?c rdfs:subClassOf+ ?s . FILTER(STRSTARTS(STR(?c), STR(cnp:))) }
GROUP BY ?c
"""

_CACHE: dict[tuple[str, float], Gazetteer] = {}


def from_store(store: object, cache_key: tuple[str, float] | None = None) -> Gazetteer:
    """Build the gazetteer from an open store (``EmbeddedStore`` or ``RemoteStore``)."""
    if cache_key and cache_key in _CACHE:
        return _CACHE[cache_key]
    cnp = PREFIXES["cnp"]
    depth = {row[0].value[len(cnp):]: int(row[1].value) for row in store.query(_DEPTH_QUERY, prefixes=PREFIXES).rows}
    supers: dict[str, set[str]] = {}
    for row in store.query(_SUPER_QUERY, prefixes=PREFIXES).rows:
        supers.setdefault(row[0].value, set()).add(row[1].value[len(cnp):])
    entries: dict[str, Entry] = {}
    labels: dict[str, set[tuple[int, str, str]]] = {}
    for row in store.query(_ENTRY_QUERY, prefixes=PREFIXES).rows:
        iri, kind, prop, label = row[0].value, row[1].value[len(cnp):], row[2].value, row[3]
        mtype = next((t for c, t in TYPE_OF_CLASS if c in supers.get(iri, set()) | {kind}), None)
        if mtype is None:
            continue
        entry = entries.get(iri)
        if entry is None:
            entry = entries[iri] = Entry(iri, mtype, kind)
        elif depth.get(kind, 0) > depth.get(entry.kind, 0):
            entry.kind = kind  # keep the most specific asserted class
        rank = 1 if prop.endswith("altLabel") else 0
        lang = (getattr(label, "language", None) or "und").lower()
        if lang not in ("ko", "zh", "en", "und"):
            continue  # romanisations (zh-Latn-pinyin) would match ordinary Latin text
        labels.setdefault(iri, set()).add((rank, lang, label.value))
    for iri, items in labels.items():
        entry = entries[iri]
        for rank, lang, value in sorted(items):
            names = entry.labels.setdefault(lang, [])
            if value not in names:
                names.append(value)
            if rank == 0:
                entry.preferred.setdefault(lang, value)
    for row in store.query(_LINK_QUERY, prefixes=PREFIXES).rows:
        entry = entries.get(row[0].value)
        if entry is not None:
            setattr(entry, row[1].value.rsplit("#", 1)[-1].replace("partOf", "part_of"), row[2].value)
    for row in store.query(_SOURCE_QUERY, prefixes=PREFIXES).rows:
        entry = entries.get(row[0].value)
        if entry is not None:
            entry.sources.add(row[1].value)
    gazetteer = Gazetteer(sorted(entries.values(), key=lambda e: e.iri))
    for row in store.query(_REPORT_QUERY, prefixes=PREFIXES).rows:
        gazetteer.reports[row[1].value] = row[0].value
    if cache_key:
        _CACHE[cache_key] = gazetteer
    return gazetteer


def load_gazetteer(store_location: str) -> Gazetteer:
    """The gazetteer of the store at ``store_location`` (a path or an endpoint URL)."""
    from kg.store import open_store

    store = open_store(store_location)
    try:
        return from_store(store, store_key(store_location))
    finally:
        store.close()


def store_key(location: str | Path) -> tuple[str, float] | None:
    """Cache key of an embedded store version (its resolved path and modification time)."""
    text = str(location)
    if text.startswith(("http://", "https://")):
        return None
    real = os.path.realpath(text)
    try:
        return real, os.stat(real).st_mtime
    except OSError:
        return None
