"""Compiling the curated tables into quads: read, check references, run every loader."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox
from rdflib import RDF, RDFS, BNode, Graph, Literal, URIRef
from rdflib.term import Node

from kg.config import Config
from kg.errors import KGError
from kg.namespaces import ID_BASE, INFERRED_GRAPH, ONTOLOGY_GRAPH, TERMS_IRI, entity
from kg.tables import Record, read_table
from loaders import LOADERS, UNINDEXED, Context
from loaders.base import Indexed
from loaders.concepts import vocabulary_quads

Quad = tuple[URIRef, URIRef, Node, URIRef]


@dataclass
class Compiled:
    """Everything a build produces before it is validated and written."""

    quads: list[Quad]
    origin: dict[URIRef, Record] = field(default_factory=dict)
    records: int = 0

    def graph(self, include_ontology: bool = True) -> Graph:
        g = Graph()
        for s, p, o, gname in self.quads:
            if include_ontology or gname != ONTOLOGY_GRAPH:
                g.add((s, p, o))
        return g

    def nquads(self) -> bytes:
        """Canonical N-Quads (RDFC-1.0 blank-node labels, sorted lines)."""
        quads = [ox.Quad(_ox(s), _ox(p), _ox(o), _ox(g)) for s, p, o, g in self.quads]
        return canonical_nquads(quads)

    def digest(self) -> str:
        return hashlib.sha256(self.nquads()).hexdigest()


def canonical_nquads(quads: list[ox.Quad] | ox.Dataset) -> bytes:
    """The same dataset always gives the same bytes, whatever its blank-node labels."""
    dataset = quads if isinstance(quads, ox.Dataset) else ox.Dataset(quads)
    dataset.canonicalize(ox.CanonicalizationAlgorithm.RDFC_1_0)
    text = ox.serialize(dataset, format=ox.RdfFormat.N_QUADS) or b""
    return b"".join(sorted(line + b"\n" for line in text.splitlines() if line))


def _ox(term: Node) -> ox.NamedNode | ox.Literal | ox.BlankNode:
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    raise TypeError(f"unexpected term {term!r}")


def read_ontology(config: Config) -> list[Quad]:
    path = config.ontology_dir / "cnpolicy.ttl"
    g = Graph()
    try:
        g.parse(path, format="turtle")
    except FileNotFoundError:
        raise KGError("ontology file is missing", where=str(path.name), rule="ontology") from None
    except Exception as exc:  # rdflib raises several parser exception types
        raise KGError(f"ontology does not parse: {exc}", where=f"ontology/{path.name}", rule="ontology") from None
    return [(s, p, o, ONTOLOGY_GRAPH) for s, p, o in g]  # type: ignore[misc]


def compile_tables(config: Config) -> Compiled:
    data_dir = Path(config.data_dir)
    vocab_path = data_dir / "vocabulary.yaml"
    units, vocab = vocabulary_quads(read_table(vocab_path))
    ctx = Context(units=units)
    tables: dict[str, list[Record]] = {}
    for loader in LOADERS:
        path = data_dir / f"{loader.path_name}.yaml"
        if not path.exists():
            raise KGError("table is missing", where=f"data/{loader.path_name}.yaml", rule="table-missing")
        records = read_table(path, f"data/{loader.path_name}.yaml")
        tables[loader.path_name] = records
        for record in records:
            loader.check(record)
            if loader.table in UNINDEXED or record.get("supplements"):
                continue
            slug = str(record.id)
            if slug in ctx.index:
                first = ctx.index[slug]
                raise record.error(f"id {slug!r} is already used in {first.table}", rule="duplicate-id")
            names = record.get(loader.names_field)
            label = str(names.get("en", slug)) if isinstance(names, dict) else slug
            ctx.index[slug] = Indexed(entity(loader.kind_of(record), slug), loader.table, str(record.get("type")),
                                      label)

    compiled = Compiled(quads=[])
    seen: set[tuple[Node, Node, Node]] = set()

    def add(graph: URIRef, triple: tuple[Node, Node, Node]) -> None:
        if triple in seen:
            return  # stated already (in this or another graph): keep the first
        seen.add(triple)
        compiled.quads.append((*triple, graph))  # type: ignore[arg-type]

    for quad in read_ontology(config):
        add(quad[3], quad[:3])
    for graph, triple in vocab:
        add(graph, triple)
    for loader in LOADERS:
        for record in tables[loader.path_name]:
            compiled.records += 1
            if record.id and record.id in ctx.index and not record.get("supplements"):
                compiled.origin[ctx.index[record.id].iri] = record  # blame the curated record, not a supplement
            for graph, triple in loader.quads(record, ctx):
                add(graph, triple)
    for triple in inferred_types(compiled.quads):
        add(INFERRED_GRAPH, triple)
    check_corpus(config, tables.get("sources", []))
    return compiled


def inferred_types(quads: list[Quad]) -> list[tuple[Node, Node, Node]]:
    """rdf:type closure over the ontology's rdfs:subClassOf, for our own classes only.

    Materialised in its own graph so that ``?x a cnp:PolicyDocument`` finds every plan,
    regulation and notice, while the report graphs keep only what was curated.
    """
    parents: dict[Node, set[Node]] = {}
    for s, p, o, g in quads:
        if g == ONTOLOGY_GRAPH and p == RDFS.subClassOf and isinstance(o, URIRef) and str(o).startswith(TERMS_IRI):
            parents.setdefault(s, set()).add(o)

    def ancestors(cls: Node, seen: set[Node]) -> set[Node]:
        for parent in parents.get(cls, ()):
            if parent not in seen:
                seen.add(parent)
                ancestors(parent, seen)
        return seen

    out = set()
    for s, p, o, g in quads:
        if p == RDF.type and g != ONTOLOGY_GRAPH and str(s).startswith(ID_BASE):
            out.update((s, RDF.type, sup) for sup in ancestors(o, set()))
    return sorted(out)


def check_corpus(config: Config, sources: list[Record]) -> None:
    """When the source files are at hand, their checksums must match the table."""
    if config.corpus_dir is None:
        return
    for record in sources:
        path = Path(config.corpus_dir) / str(record.get("file"))
        if not path.exists():
            continue
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
        if digest != record.get("sha256"):
            raise record.error(f"sha256 does not match {path.name} in the corpus", rule="checksum")
