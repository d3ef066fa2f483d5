"""The ingest pipeline: read → normalise → sentences → mentions → link → relations → RDF → store.

:func:`extract` runs the text stages on one file; :func:`ingest` reads every file first
(so a bad file stops the run before anything is written), then replaces each document's
named graph inside one :func:`kg.store.modify` call — drop graph, load quads — so a run
either lands completely or not at all, and ingesting the same file again gives the same
graph.
"""

from __future__ import annotations

import datetime as dt
import re
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from kg.errors import KGError
from kg.namespaces import INGEST_GRAPH_BASE
from loaders.ingest import gazetteer as gz
from loaders.ingest.gazetteer_store import load_gazetteer
from loaders.ingest.mentions import MentionFinder
from loaders.ingest.model import Extraction
from loaders.ingest.relations import RelationExtractor
from loaders.ingest.sentences import split
from loaders.ingest.text import MAX_BYTES, SourceText, read_source

INGEST_GRAPH_PREFIX = INGEST_GRAPH_BASE


def doc_id_for(path: Path, sha256: str) -> str:
    """Stable document id: a slug of the file name plus the first 12 hex digits of its checksum."""
    stem = re.sub(r"[^a-z0-9]+", "-", path.stem.lower()).strip("-")[:40].strip("-") or "doc"
    return f"{stem}-{sha256[:12]}"


def ingest_graph(doc_id: str) -> str:
    return INGEST_GRAPH_PREFIX + doc_id


def parse_date(value: str | None) -> dt.date | None:
    if value and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            return None
    return None


def extract_source(source: SourceText, gazetteer: gz.Gazetteer, doc_id: str | None = None) -> Extraction:
    """Run the text stages on a document already read."""
    doc_id = doc_id or doc_id_for(source.path, source.sha256)
    date = parse_date(source.date)
    sentences = split(source.text)
    mentions = MentionFinder(gazetteer, doc_id, date).find(source.text, sentences)
    publisher = _publisher_mention(source, gazetteer)
    facts = RelationExtractor(gazetteer, date).extract(source.text, sentences, mentions)
    extraction = Extraction(source, doc_id, sentences, mentions, facts)
    for m in mentions:
        if m.proposed and m.entity and m.entity not in extraction.proposed:
            extraction.proposed[m.entity] = m
    if publisher:
        source.meta["publisher_iri"] = publisher
    curated = gazetteer.reports.get(source.sha256)
    if curated:
        source.meta["curated_report"] = curated
    return extraction


def _publisher_mention(source: SourceText, gazetteer: gz.Gazetteer) -> str | None:
    if not source.publisher:
        return None
    entries = [e for e in gazetteer.lookup(source.publisher) if e.type == "organisation"]
    return entries[0].iri if entries else None


def extract(path: Path | str, gazetteer: gz.Gazetteer, *, max_bytes: int = MAX_BYTES) -> Extraction:
    return extract_source(read_source(path, max_bytes=max_bytes), gazetteer)


# ---- progress ------------------------------------------------------------------


class ProgressBar:
    """A one-line text bar on stderr, redrawn in place; silent when ``quiet``."""

    def __init__(self, total: int, *, quiet: bool = False, label: str = "ingest", width: int = 30):
        self.total, self.quiet, self.label, self.width = total, quiet, label, width
        self.start = time.perf_counter()
        self.shown = False

    def update(self, done: int, note: str = "") -> None:
        if self.quiet or self.total < 2:
            return
        filled = int(self.width * done / self.total)
        bar = "#" * filled + "-" * (self.width - filled)
        elapsed = time.perf_counter() - self.start
        text = f"\r{self.label} [{bar}] {done}/{self.total} {elapsed:5.1f}s {note[:30]:<30}"
        sys.stderr.write(text)
        sys.stderr.flush()
        self.shown = True

    def close(self) -> None:
        if self.shown:
            sys.stderr.write("\n")
            sys.stderr.flush()


# ---- ingest into a store ---------------------------------------------------------------


@dataclass
class IngestReport:
    documents: list[dict[str, object]]
    quads: int
    seconds: float
    version: str = ""
    extract_seconds: float = 0.0  # reading, extraction and RDF
    write_seconds: float = 0.0  # the copy-on-write store change


def run_extraction(paths: Sequence[Path], gazetteer: gz.Gazetteer, *, max_bytes: int = MAX_BYTES,
                   quiet: bool = False) -> list[Extraction]:
    """Read and extract every file (all-or-nothing: the first bad file raises)."""
    bar = ProgressBar(len(paths), quiet=quiet)
    out: list[Extraction] = []
    seen: dict[str, Path] = {}
    try:
        for i, path in enumerate(paths, 1):
            extraction = extract(path, gazetteer, max_bytes=max_bytes)
            if extraction.source.sha256 in seen:
                bar.update(i, path.name)
                continue  # the same bytes twice in one run: one graph
            seen[extraction.source.sha256] = path
            out.append(extraction)
            bar.update(i, path.name)
    finally:
        bar.close()
    return out


def ingest(store_path: str | Path, paths: Sequence[Path | str], *, max_bytes: int = MAX_BYTES,
           quiet: bool = False, progress: Callable[[str], None] | None = None) -> IngestReport:
    """Extract every file, then replace each document's ingest graph in one copy-on-write change."""
    from kg.store import modify
    from loaders.ingest.rdf import to_quads

    started = time.perf_counter()
    if str(store_path).startswith(("http://", "https://")):
        raise KGError("kg ingest writes to an embedded store; give --store a directory", rule="remote-store")
    files = [Path(p) for p in paths]
    if not files:
        raise KGError("no files to ingest", rule="usage")
    gazetteer = load_gazetteer(str(store_path))
    extractions = run_extraction(files, gazetteer, max_bytes=max_bytes, quiet=quiet)
    extracted = time.perf_counter()
    if progress:
        progress(f"writing the graphs of {len(extractions)} document(s)")
    counts: dict[str, int] = {}

    def quads() -> Iterator[ox.Quad]:
        for extraction in extractions:  # RDF is made while loading: the quads are never all in memory
            batch = to_quads(extraction)
            counts[extraction.doc_id] = len(batch)
            yield from batch

    def change(store: ox.Store) -> None:
        # runs on a private copy of the store (kg.store.modify): a failure discards the copy,
        # so the fast non-transactional bulk load is safe here
        for extraction in extractions:
            for graph in _graphs_with_checksum(store, extraction.source.sha256):
                store.remove_graph(ox.NamedNode(graph))
            graph = ox.NamedNode(ingest_graph(extraction.doc_id))
            if store.contains_named_graph(graph):
                store.remove_graph(graph)
        store.bulk_extend(quads())

    from kg.store import versions_dir

    path = Path(store_path).absolute()
    if path.is_dir() and not path.is_symlink():
        versions_dir(path).mkdir(exist_ok=True)  # a plain store directory: modify() keeps versions beside it
    version = modify(path, change)
    docs = [{
        "file": str(e.source.path), "doc_id": e.doc_id, "graph": ingest_graph(e.doc_id), "sha256": e.source.sha256,
        "encoding": e.source.encoding, "format": e.source.fmt, "characters": len(e.source.text),
        "sentences": len(e.sentences), "mentions": len(e.mentions), "proposed": len(e.proposed),
        "facts": len(e.facts), "targets": sum(1 for f in e.facts if f.kind == "target"),
        "quads": counts.get(e.doc_id, 0), "title": e.source.title, "date": e.source.date,
    } for e in extractions]
    total = sum(counts.values())
    done = time.perf_counter()
    return IngestReport(docs, total, done - started, version.name, extracted - started, done - extracted)


def _graphs_with_checksum(store: ox.Store, sha256: str) -> list[str]:
    """Ingest graphs already holding a report with these bytes (a renamed file is the same document)."""
    query = (f'SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{ ?r <https://w3id.org/cnpolicy/ontology#sha256> "{sha256}" }}'
             f' FILTER(STRSTARTS(STR(?g), "{INGEST_GRAPH_PREFIX}")) }}')
    return [row[0].value for row in store.query(query)]
