"""``kg build``: compile the tables, validate, and swap a new store in only if all passed."""

from __future__ import annotations

import io
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from kg.compile import Compiled, compile_tables
from kg.config import Config
from kg.errors import KGError
from kg.namespaces import INGEST_GRAPH_BASE
from kg.store import RemoteStore, discard, swap_in, write_new_version
from kg.validate import run_checks, run_owl, run_shacl

Progress = Callable[[str], None]


@dataclass
class BuildReport:
    quads: int = 0
    records: int = 0
    digest: str = ""
    location: str = ""
    steps: list[tuple[str, float, str]] = field(default_factory=list)


def _step(report: BuildReport, progress: Progress, name: str, fn: Callable[[], str]) -> None:
    progress(f"{name} ...")
    start = time.perf_counter()
    detail = fn()
    elapsed = time.perf_counter() - start
    report.steps.append((name, elapsed, detail))
    progress(f"{name}: {detail} ({elapsed:.1f} s)")


def validate(config: Config, progress: Progress, *, owl: bool = True) -> tuple[Compiled, BuildReport]:
    """Compile and run every validation; raises KGError on the first failure."""
    report = BuildReport()
    holder: dict[str, Compiled] = {}

    def do_compile() -> str:
        holder["c"] = compile_tables(config)
        report.records = holder["c"].records
        report.quads = len(holder["c"].quads)
        return f"{report.records} records -> {report.quads} quads"

    _step(report, progress, "compile tables", do_compile)
    compiled = holder["c"]
    _step(report, progress, "SHACL shapes", lambda: f"{run_shacl(compiled, config)} nodes conform")
    _step(report, progress, "quality checks", lambda: f"{run_checks(compiled, config)} checks, 0 violations")
    if owl:
        _step(report, progress, "OWL consistency", lambda: run_owl(compiled, config))
    return compiled, report


def build(config: Config, progress: Progress, *, owl: bool = True, keep_ingested: bool = True) -> BuildReport:
    """Validate, then write a new store version and swap it in.

    Graphs of ingested documents (``kg ingest``) are proposals, not tables: unless
    ``keep_ingested`` is false they are copied from the current version into the new one."""
    compiled, report = validate(config, progress, owl=owl)
    nquads = compiled.nquads()
    report.digest = compiled.digest()
    location = config.store
    if location.startswith(("http://", "https://")):
        remote = RemoteStore(location, token=config.token)
        _step(report, progress, "write remote store", lambda: _push(remote, nquads))
        report.location = location
        return report
    path = Path(location).absolute()
    build_id = time.strftime("%Y%m%dT%H%M%S") + "-" + report.digest[:12]
    holder: dict[str, Path] = {}

    carried, graphs = _ingested(path) if keep_ingested else (b"", 0)

    def write() -> str:
        holder["v"] = write_new_version(path, nquads + carried, build_id)
        detail = f"bulk-loaded {len(nquads.splitlines())} quads"
        if graphs:
            detail += (f" + {len(carried.splitlines())} quads of {graphs} ingested document graph(s) kept"
                       " (run kg ingest again to re-link them)")
        return detail

    try:
        _step(report, progress, "write store", write)
        _step(report, progress, "swap in", lambda: _swap(path, holder["v"]))
    except OSError as exc:
        if "v" in holder:
            discard(holder["v"])
        raise KGError(f"could not write the store: {exc}", rule="write") from None
    report.location = str(path)
    return report


def _ingested(path: Path) -> tuple[bytes, int]:
    """N-Quads of the ingested-document graphs in the current version, and how many graphs."""
    if not path.exists():
        return b"", 0
    try:
        store = ox.Store.read_only(str(path))
    except OSError:
        return b"", 0  # not a readable store: the build replaces it, there is nothing to keep
    graphs = [g for g in store.named_graphs() if isinstance(g, ox.NamedNode) and g.value.startswith(INGEST_GRAPH_BASE)]
    out = io.BytesIO()
    for g in sorted(graphs, key=lambda n: n.value):
        ox.serialize(store.quads_for_pattern(None, None, None, g), out, format=ox.RdfFormat.N_QUADS)
    return out.getvalue(), len(graphs)


def _swap(path: Path, version: Path) -> str:
    swap_in(path, version)
    return f"{path} -> {version.name}"


def _push(remote: RemoteStore, nquads: bytes) -> str:
    remote.replace_all(nquads)
    return f"replaced dataset at {remote.query_url}"
