"""Validation of a compiled graph: SHACL shapes, OWL consistency, SPARQL quality checks.

Each check raises :class:`KGError` naming the rule and, where the offending node
came from a table, the file, line and record, so one message tells a curator
what to fix.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox
from rdflib import RDF, Graph, URIRef
from rdflib.namespace import SH

from kg.compile import Compiled
from kg.config import Config
from kg.errors import KGError


@dataclass(frozen=True)
class Check:
    """An ODK-style violation query: it must return zero rows."""

    name: str
    description: str
    sparql: str


def load_checks(ontology_dir: Path) -> list[Check]:
    checks = []
    for path in sorted((ontology_dir / "checks").glob("*.rq")):
        text = path.read_text(encoding="utf-8")
        first = text.splitlines()[0] if text else ""
        description = first.split(":", 1)[1].strip() if first.startswith("# description:") else path.stem
        checks.append(Check(path.stem, description, text))
    return checks


def _blame(compiled: Compiled, node: object) -> tuple[str | None, str | None]:
    """(file:line, record id) of the record that produced ``node``, if any."""
    if not isinstance(node, URIRef):
        return None, None
    base = URIRef(str(node).split("#", 1)[0])
    record = compiled.origin.get(base)
    if record is None:
        return None, None
    return f"{record.file}:{record.line}", record.id


def run_shacl(compiled: Compiled, config: Config) -> int:
    """Validate data + ontology against the shapes; returns the number of focus nodes checked."""
    import pyshacl

    shapes = Graph().parse(config.ontology_dir / "shapes.ttl", format="turtle")
    data = compiled.graph()
    conforms, report, _ = pyshacl.validate(
        data, shacl_graph=shapes, inference="none", abort_on_first=False, allow_warnings=True
    )
    if conforms:
        return len(set(data.subjects()))
    results = sorted(
        report.subjects(SH.resultSeverity, SH.Violation), key=lambda r: str(report.value(r, SH.focusNode))
    )
    first = results[0]
    focus = report.value(first, SH.focusNode)
    path = report.value(first, SH.resultPath)
    message = report.value(first, SH.resultMessage)
    where, record = _blame(compiled, focus)
    shape = report.value(first, SH.sourceShape)
    rule = f"shacl:{str(shape).rsplit('#', 1)[-1].rsplit('/', 1)[-1]}" if isinstance(shape, URIRef) else "shacl"
    more = f" (and {len(results) - 1} more violations)" if len(results) > 1 else ""
    detail = f"{message}" + (f" on {path}" if path is not None else "") + f" at <{focus}>"
    raise KGError(detail + more, where=where, record=record, rule=rule)


def run_checks(compiled: Compiled, config: Config) -> int:
    store = ox.Store()
    store.bulk_load(input=compiled.nquads(), format=ox.RdfFormat.N_QUADS)
    checks = load_checks(config.ontology_dir)
    for check in checks:
        result = store.query(check.sparql, use_default_graph_as_union=True)
        variables = [v.value for v in result.variables]
        rows = list(result)
        if rows:
            values = {v: rows[0][v] for v in variables}
            node = next((t for t in values.values() if isinstance(t, ox.NamedNode)), None)
            where, record = _blame(compiled, URIRef(node.value) if node else None)
            problem = ", ".join(f"{k}={getattr(v, 'value', v)}" for k, v in values.items() if v is not None)
            raise KGError(
                f"{check.description}: {len(rows)} violation(s), first: {problem}",
                where=where, record=record, rule=f"check:{check.name}",
            )
    return len(checks)


_OWL_SCRIPT = r"""
import sys, owlready2
world = owlready2.World()
onto = world.get_ontology("file://" + sys.argv[1]).load()
try:
    with onto:
        if sys.argv[2] == "hermit":
            owlready2.sync_reasoner_hermit(world, infer_property_values=False, debug=0)
        else:
            owlready2.sync_reasoner_pellet(world, infer_property_values=False,
                                           infer_data_property_values=False, debug=0)
except owlready2.OwlReadyInconsistentOntologyError as exc:
    print("INCONSISTENT", exc)
    sys.exit(3)
bad = sorted(c.iri for c in world.inconsistent_classes())
if bad:
    print("UNSATISFIABLE", " ".join(bad[:5]))
    sys.exit(4)
print("CONSISTENT")
"""


#: HermiT accepts only the OWL 2 datatype map. For the reasoner's input (never for the
#: published graph) RDF 1.1 language strings become rdf:PlainLiteral, and dates with
#: partial precision become strings; SHACL checks those datatypes instead.
_REASONER_DATATYPES = {
    b"<http://www.w3.org/1999/02/22-rdf-syntax-ns#langString>":
        b"<http://www.w3.org/1999/02/22-rdf-syntax-ns#PlainLiteral>",
    b"<http://www.w3.org/2001/XMLSchema#date>": b"<http://www.w3.org/2001/XMLSchema#string>",
    b"<http://www.w3.org/2001/XMLSchema#gYear>": b"<http://www.w3.org/2001/XMLSchema#string>",
    b"<http://www.w3.org/2001/XMLSchema#gYearMonth>": b"<http://www.w3.org/2001/XMLSchema#string>",
}


def reasoner_input(graph: Graph) -> bytes:
    data = graph.serialize(format="nt", encoding="utf-8")
    for old, new in _REASONER_DATATYPES.items():
        data = data.replace(old, new)
    return data


def _reason(graph: Graph, config: Config) -> tuple[bool, str]:
    """(consistent?, verdict) for one graph, in a child process with a hard timeout.

    The child keeps owlready2's global state and the JVM out of the caller.
    """
    with tempfile.TemporaryDirectory(prefix="kg-owl-") as tmp:
        path = Path(tmp) / "kg.nt"
        path.write_bytes(reasoner_input(graph))
        try:
            proc = subprocess.run(
                [sys.executable, "-c", _OWL_SCRIPT, str(path), config.reasoner],
                capture_output=True, text=True, timeout=600, env=dict(os.environ), cwd=tmp,
            )
        except subprocess.TimeoutExpired:
            raise KGError("the OWL reasoner did not finish in 600 s", rule="owl") from None
    out = (proc.stdout or "").strip().splitlines()
    verdict = out[-1] if out else ""
    if proc.returncode == 0 and verdict == "CONSISTENT":
        return True, verdict
    if verdict.startswith(("INCONSISTENT", "UNSATISFIABLE")):
        return False, verdict
    tail = (proc.stderr or "").strip().splitlines()[-3:]
    raise KGError(f"OWL reasoner failed to run: {' | '.join(tail) or verdict}", rule="owl")


def run_owl(compiled: Compiled, config: Config) -> str:
    """Check consistency with owlready2's HermiT; on failure, find the table to blame."""
    ok, verdict = _reason(compiled.graph(), config)
    if ok:
        return f"consistent ({config.reasoner})"
    where, record = _owl_blame(compiled, config)
    raise KGError(f"OWL reasoner ({config.reasoner}): {verdict}", where=where, record=record,
                  rule="owl-consistency")


def _owl_blame(compiled: Compiled, config: Config) -> tuple[str | None, str | None]:
    """Which source makes the graph inconsistent: the ontology alone, or one table's records.

    Tables are tried with the ontology, every rdf:type triple and the triples whose subject
    comes from them, halving the set each time (only on the failure path).
    """
    from kg.namespaces import ONTOLOGY_GRAPH

    ontology = Graph()
    types = Graph()
    by_table: dict[str, Graph] = {}
    for s, p, o, g in compiled.quads:
        if g == ONTOLOGY_GRAPH:
            ontology.add((s, p, o))
        elif p == RDF.type:
            types.add((s, p, o))
        record = compiled.origin.get(URIRef(str(s).split("#", 1)[0])) if isinstance(s, URIRef) else None
        if record is not None:
            by_table.setdefault(record.file, Graph()).add((s, p, o))
    if not _reason(ontology, config)[0]:
        return "ontology/cnpolicy.ttl", None
    # bisect over tables: a handful of reasoner runs instead of one per table
    names = list(by_table)  # build order: when several tables contradict, a curated one is named first
    while len(names) > 1:
        half = names[: len(names) // 2]
        part = ontology + types
        for name in half:
            part += by_table[name]
        if not _reason(part, config)[0]:
            names = half
            continue
        rest = names[len(names) // 2:]
        part = ontology + types
        for name in rest:
            part += by_table[name]
        if _reason(part, config)[0]:
            return None, None  # only the combination of tables contradicts the ontology
        names = rest
    return (names[0] if names else None), None
