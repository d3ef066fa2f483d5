"""Store access: the one module through which everything reads and writes the graph.

Two backends behind one interface:

* :class:`EmbeddedStore` — an on-disk pyoxigraph (RocksDB) store, the default.
  A store path is a symlink to one immutable build under ``<path>.versions/``;
  a new build is written beside it and swapped in by replacing the symlink, so
  readers never see a half-written store and a failed build leaves the old one.
* :class:`RemoteStore` — any SPARQL 1.1 endpoint (Protocol for queries, Graph
  Store Protocol for writes), so a deployment can move to a bigger triple store.

Both return :class:`Result`, whose rows are pyoxigraph terms and which serialises
with pyoxigraph's own writers.
"""

from __future__ import annotations

import os
import shutil
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from kg.errors import KGError
from kg.namespaces import PREFIXES

RESULT_FORMATS = {
    "json": ox.QueryResultsFormat.JSON,
    "xml": ox.QueryResultsFormat.XML,
    "csv": ox.QueryResultsFormat.CSV,
    "tsv": ox.QueryResultsFormat.TSV,
}
GRAPH_FORMATS = {
    "turtle": ox.RdfFormat.TURTLE,
    "ntriples": ox.RdfFormat.N_TRIPLES,
    "jsonld": ox.RdfFormat.JSON_LD,
    "rdfxml": ox.RdfFormat.RDF_XML,
    "nquads": ox.RdfFormat.N_QUADS,
    "trig": ox.RdfFormat.TRIG,
}
Term = ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple


@dataclass
class Result:
    """The answer to one query: ``kind`` is ``select``, ``ask`` or ``graph``."""

    kind: str
    variables: list[str]
    rows: list[tuple[Term | None, ...]]
    triples: list[ox.Triple]
    boolean: bool | None = None

    def serialize(self, fmt: str) -> bytes:
        if self.kind == "graph":
            if fmt not in GRAPH_FORMATS:
                raise KGError(f"format {fmt!r} does not apply to a graph result", rule="bad-format")
            prefixes = PREFIXES if fmt in ("turtle", "trig") else None
            return ox.serialize(self.triples, format=GRAPH_FORMATS[fmt], prefixes=prefixes) or b""
        if fmt not in RESULT_FORMATS:
            raise KGError(f"format {fmt!r} does not apply to a {self.kind.upper()} result", rule="bad-format")
        return _solutions_bytes(self, RESULT_FORMATS[fmt])

    def dicts(self) -> list[dict[str, Term]]:
        return [
            {v: t for v, t in zip(self.variables, row, strict=True) if t is not None}
            for row in self.rows
        ]


def one_line(exc: BaseException, limit: int = 400) -> str:
    """A parser message on one line, cut to a readable length (position first)."""
    text = " ".join(str(exc).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _solutions_bytes(result: Result, fmt: ox.QueryResultsFormat) -> bytes:
    # Re-create a pyoxigraph result from our rows through its JSON parser, then let
    # pyoxigraph write the requested format: all four formats come from one writer.
    import json

    if result.kind == "ask":
        payload = {"head": {}, "boolean": bool(result.boolean)}
    else:
        payload = {
            "head": {"vars": result.variables},
            "results": {"bindings": [
                {v: _term_json(t) for v, t in zip(result.variables, row, strict=True) if t is not None}
                for row in result.rows
            ]},
        }
    parsed = ox.parse_query_results(json.dumps(payload).encode(), format=ox.QueryResultsFormat.JSON)
    return parsed.serialize(format=fmt)


def _term_json(term: Term) -> dict[str, str]:
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, ox.Literal):
        out = {"type": "literal", "value": term.value}
        if term.language:
            out["xml:lang"] = term.language
        elif term.datatype.value != "http://www.w3.org/2001/XMLSchema#string":
            out["datatype"] = term.datatype.value
        return out
    raise KGError("RDF-star triples are not supported in results", rule="unsupported")


def result_from_oxigraph(answer: Any) -> Result:
    if isinstance(answer, ox.QueryBoolean):
        return Result("ask", [], [], [], bool(answer))
    if isinstance(answer, ox.QuerySolutions):
        variables = [v.value for v in answer.variables]
        rows = [tuple(sol[v] for v in variables) for sol in answer]
        return Result("select", variables, rows, [])
    return Result("graph", [], [], list(answer))


class EmbeddedStore:
    """A pyoxigraph store on disk, opened read-only unless writing a new build."""

    def __init__(self, path: Path | str, *, read_only: bool = True, union_default_graph: bool = True):
        self.path = Path(path)
        self.union_default_graph = union_default_graph
        if not self.path.exists():
            raise KGError(f"no store at {self.path}; run `kg build --store {self.path}` first", rule="no-store")
        try:
            self._store = ox.Store.read_only(str(self.path)) if read_only else ox.Store(str(self.path))
        except OSError as exc:
            raise KGError(f"cannot open store {self.path}: {exc}", rule="bad-store") from None

    @property
    def raw(self) -> ox.Store:
        return self._store

    def query(self, sparql: str, *, substitutions: Mapping[str, Term] | None = None,
              default_graphs: list[str] | None = None, named_graphs: list[str] | None = None,
              prefixes: Mapping[str, str] | None = None) -> Result:
        kwargs: dict[str, Any] = {}
        if prefixes:
            kwargs["prefixes"] = dict(prefixes)
        if default_graphs:
            kwargs["default_graph"] = [ox.NamedNode(g) for g in default_graphs]
        else:
            kwargs["use_default_graph_as_union"] = self.union_default_graph
        if named_graphs:
            kwargs["named_graphs"] = [ox.NamedNode(g) for g in named_graphs]
        if substitutions:
            kwargs["substitutions"] = {ox.Variable(k): v for k, v in substitutions.items()}
        try:
            return result_from_oxigraph(self._store.query(sparql, **kwargs))
        except SyntaxError as exc:
            raise KGError(f"SPARQL syntax error: {one_line(exc)}", rule="bad-query") from None
        except RuntimeError as exc:
            raise KGError(f"query failed: {one_line(exc)}", rule="bad-query") from None

    def graphs(self) -> list[str]:
        return sorted(g.value for g in self._store.named_graphs() if isinstance(g, ox.NamedNode))

    def dump(self, graph: str | None = None) -> bytes:
        if graph is None:
            return self._store.dump(format=ox.RdfFormat.N_QUADS) or b""
        return self._store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.NamedNode(graph)) or b""

    def close(self) -> None:
        del self._store


class RemoteStore:
    """A SPARQL 1.1 endpoint: Protocol for queries, Graph Store Protocol for writes."""

    def __init__(self, query_url: str, *, store_url: str | None = None,
                 update_url: str | None = None, token: str | None = None,
                 timeout: float = 60.0):
        self.query_url = query_url
        base = query_url.rsplit("/", 1)[0]
        self.store_url = store_url or base + "/store"
        self.update_url = update_url or base + "/update"
        self.token = token
        self.timeout = timeout

    def _request(self, url: str, *, data: bytes | None = None, method: str = "GET",
                 headers: Mapping[str, str] | None = None) -> bytes:
        req = urllib.request.Request(url, data=data, method=method, headers=dict(headers or {}))
        if self.token:
            req.add_header("Authorization", f"Bearer {self.token}")
        try:
            with urllib.request.urlopen(req, timeout=self.timeout) as response:  # noqa: S310
                return response.read()
        except urllib.error.HTTPError as exc:
            body = exc.read().decode("utf-8", "replace")[:500]
            raise KGError(f"endpoint answered {exc.code}: {body.strip()}", rule="remote-error") from None
        except urllib.error.URLError as exc:
            raise KGError(f"cannot reach {url}: {exc.reason}", rule="remote-unreachable") from None

    def query(self, sparql: str, *, substitutions: Mapping[str, Term] | None = None,
              default_graphs: list[str] | None = None, named_graphs: list[str] | None = None,
              prefixes: Mapping[str, str] | None = None) -> Result:
        if prefixes:
            sparql = with_prologue(sparql, prefixes)
        if substitutions:
            sparql = _append_values(sparql, substitutions)
        params = [("default-graph-uri", g) for g in default_graphs or []]
        params += [("named-graph-uri", g) for g in named_graphs or []]
        url = self.query_url + ("?" + urllib.parse.urlencode(params) if params else "")
        body = self._request(url, data=sparql.encode(), method="POST", headers={
            "Content-Type": "application/sparql-query",
            "Accept": "application/sparql-results+json, application/n-triples;q=0.9",
        })
        if body.lstrip().startswith(b"{"):
            parsed = ox.parse_query_results(body, format=ox.QueryResultsFormat.JSON)
            return result_from_oxigraph(parsed)
        return Result("graph", [], [], [q.triple for q in ox.parse(body, format=ox.RdfFormat.N_TRIPLES)])

    def replace_all(self, nquads: bytes) -> None:
        """Replace the endpoint's whole dataset with the given N-Quads (Update, then GSP)."""
        self._request(self.update_url, data=b"CLEAR ALL", method="POST",
                      headers={"Content-Type": "application/sparql-update"})
        self._request(self.store_url, data=nquads, method="POST",
                      headers={"Content-Type": "application/n-quads"})

    def graphs(self) -> list[str]:
        res = self.query("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } } ORDER BY ?g")
        return [row[0].value for row in res.rows if row[0] is not None]

    def dump(self, graph: str | None = None) -> bytes:
        if graph is None:
            return self._request(self.store_url, headers={"Accept": "application/n-quads"})
        url = self.store_url + "?" + urllib.parse.urlencode({"graph": graph})
        return self._request(url, headers={"Accept": "application/n-triples"})

    def close(self) -> None:
        pass


def with_prologue(sparql: str, prefixes: Mapping[str, str]) -> str:
    """Declare the given prefixes in front of a query, unless it declares them itself."""
    declared = {line.split()[1].rstrip(":") for line in sparql.splitlines()
                if line.strip().upper().startswith("PREFIX") and len(line.split()) > 1}
    return "".join(f"PREFIX {p}: <{iri}> " for p, iri in prefixes.items() if p not in declared) + sparql


def _append_values(sparql: str, substitutions: Mapping[str, Term]) -> str:
    """Bind parameters remotely with a trailing VALUES block of serialised terms (never raw text)."""
    names = " ".join(f"?{k}" for k in substitutions)
    terms = " ".join(str(v) for v in substitutions.values())
    return f"{sparql}\nVALUES ({names}) {{ ({terms}) }}"


Backend = EmbeddedStore | RemoteStore


def open_store(location: str | Path, *, token: str | None = None) -> Backend:
    """Open a store for reading: an http(s) URL is a remote endpoint, anything else a path."""
    text = str(location)
    if text.startswith(("http://", "https://")):
        return RemoteStore(text, token=token)
    return EmbeddedStore(text)


# ---- writing a new build (embedded) -----------------------------------------


def versions_dir(path: Path) -> Path:
    return path.parent / f".{path.name}.versions"


def write_new_version(path: Path, nquads: bytes, build_id: str) -> Path:
    """Bulk-load N-Quads into a fresh store beside ``path``; returns its directory."""
    target = versions_dir(path) / build_id
    if target.exists():
        shutil.rmtree(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    store = ox.Store(str(target))
    store.bulk_load(input=nquads, format=ox.RdfFormat.N_QUADS)
    store.flush()
    store.optimize()
    del store
    return target


def swap_in(path: Path, new_version: Path, *, keep: int = 2) -> None:
    """Point ``path`` at ``new_version`` atomically (symlink replace), prune old versions."""
    if path.exists() and not path.is_symlink():
        if path.is_dir() and not any(path.iterdir()):
            path.rmdir()
        else:
            legacy = versions_dir(path) / f"legacy-{int(time.time())}"
            path.rename(legacy)
    tmp_link = path.parent / f".{path.name}.swap-{os.getpid()}"
    if tmp_link.is_symlink() or tmp_link.exists():
        tmp_link.unlink()
    tmp_link.symlink_to(os.path.relpath(new_version, path.parent))
    os.replace(tmp_link, path)
    _prune(versions_dir(path), current=new_version, keep=keep)


def _prune(directory: Path, *, current: Path, keep: int) -> None:
    versions = sorted((p for p in directory.iterdir() if p.is_dir()), key=lambda p: p.stat().st_mtime)
    stale = [p for p in versions if p.resolve() != current.resolve()][: max(0, len(versions) - keep)]
    for old in stale:
        shutil.rmtree(old, ignore_errors=True)


def modify(path: Path, change: Callable[[ox.Store], None], *, keep: int = 3) -> Path:
    """Copy-on-write change of an embedded store: never writes the version being read.

    Takes a RocksDB checkpoint of the current version, applies ``change`` to it and
    swaps it in; a failing ``change`` discards the copy and re-raises. Writers are
    serialised with a lock file beside the store.
    """
    import fcntl

    path = Path(path).absolute()
    current = Path(os.path.realpath(path))
    if not (current / "CURRENT").exists():
        raise KGError(f"no store at {path}; run `kg build --store {path}` first", rule="no-store")
    lock_path = path.parent / f".{path.name}.lock"
    with open(lock_path, "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        current = Path(os.path.realpath(path))
        target = versions_dir(path) / f"{time.strftime('%Y%m%dT%H%M%S')}-w{time.time_ns() % 10**9}"
        target.parent.mkdir(parents=True, exist_ok=True)
        ox.Store.read_only(str(current)).backup(str(target))
        store = ox.Store(str(target))
        try:
            change(store)
            store.flush()
        except BaseException:
            del store
            discard(target)
            raise
        del store
        swap_in(path, target, keep=keep)
        return target


def discard(version: Path) -> None:
    shutil.rmtree(version, ignore_errors=True)
