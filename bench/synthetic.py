"""A synthetic, larger version of the curated KG for benchmarks (default ~10^6 triples).

The curated store is read as N-Quads and split in two:

* shared data, kept once: the ontology graph and the vocabulary graph (classes,
  properties, administrative levels, units ...), so every copy uses the same terms;
* instance data, everything else: replicated ``copies`` times. Copy 0 is the
  original; in copy k every entity IRI under ``https://w3id.org/cnpolicy/id/`` that
  the shared graphs do not define gets the suffix ``-xk`` (before any ``#fragment``),
  and every blank node gets a new label. Literals and named-graph IRIs are kept, so a
  copy lands in the same per-report graphs and carries the same labels.

The same queries therefore make sense on both datasets: a point lookup of an
original IRI returns the same rows, joins and label searches return about ``copies``
times as many, and GROUP BY by class or graph returns the same groups with larger
counts.

The result is written as N-Quads and bulk-loaded with pyoxigraph into a version
directory ``OUT/.store.versions/<id>``, and ``OUT/store`` is a symlink to it — the
layout ``kg build`` makes, so that ``kg serve`` treats it exactly like a real build
(its response cache keys on the symlink target). ``OUT/meta.json`` records the
source digest and the copy count; a later call with the same source and target
reuses the store instead of rebuilding.

    .venv/bin/python bench/synthetic.py --source STORE --out DIR [--triples 1000000]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import os
import shutil
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pyoxigraph as ox

ID_PREFIX = "https://w3id.org/cnpolicy/id/"
GRAPH_PREFIX = "https://w3id.org/cnpolicy/graph/"
SHARED_GRAPHS = (GRAPH_PREFIX + "ontology", GRAPH_PREFIX + "vocabulary")
GENERATOR_VERSION = 2

_IRI_MARK = "\x00"  # replaced by "-x<k>" in copy k
_BNODE_MARK = "\x01"  # replaced by "x<k>" in copy k


def _say(message: str) -> None:
    print(f"[synthetic] {message}", file=sys.stderr, flush=True)


def read_source(source: Path) -> bytes:
    """All quads of a store as N-Quads bytes (sorted, so the digest is stable)."""
    store = ox.Store.read_only(str(source))
    try:
        text = store.dump(format=ox.RdfFormat.N_QUADS) or b""
    finally:
        del store
    return b"".join(sorted(line + b"\n" for line in text.splitlines() if line))


def _term(term: object, shared: set[str]) -> str:
    if isinstance(term, ox.NamedNode):
        iri = term.value
        if iri.startswith(ID_PREFIX) and iri not in shared:
            base, hash_, frag = iri.partition("#")
            if base not in shared:
                return f"<{base}{_IRI_MARK}{hash_}{frag}>"
        return str(term)
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}{_BNODE_MARK}"
    return str(term)  # literals: N-Triples syntax, control characters escaped


def split(nquads: bytes) -> tuple[bytes, str, int, int]:
    """(shared N-Quads, instance template, shared count, instance count)."""
    quads = list(ox.parse(nquads, format=ox.RdfFormat.N_QUADS))
    shared_quads = [q for q in quads if isinstance(q.graph_name, ox.NamedNode) and q.graph_name.value in SHARED_GRAPHS]
    instance = [q for q in quads if not (isinstance(q.graph_name, ox.NamedNode)
                                         and q.graph_name.value in SHARED_GRAPHS)]
    shared_iris = {q.subject.value for q in shared_quads if isinstance(q.subject, ox.NamedNode)}
    lines = []
    for q in instance:
        graph = "" if isinstance(q.graph_name, ox.DefaultGraph) else " " + _term(q.graph_name, shared_iris)
        lines.append(f"{_term(q.subject, shared_iris)} {_term(q.predicate, shared_iris)} "
                     f"{_term(q.object, shared_iris)}{graph} .\n")
    shared_text = ox.serialize(shared_quads, format=ox.RdfFormat.N_QUADS) or b""
    return shared_text, "".join(lines), len(shared_quads), len(instance)


def copies_for(target: int, shared: int, instance: int) -> int:
    if instance == 0:
        return 1
    return max(1, math.ceil((target - shared) / instance))


def write_nquads(path: Path, shared: bytes, template: str, copies: int) -> None:
    with path.open("wb") as out:
        out.write(shared)
        # copy 0: the original IRIs and blank nodes
        out.write(template.replace(_IRI_MARK, "").replace(_BNODE_MARK, "").encode())
        for k in range(1, copies):
            out.write(template.replace(_IRI_MARK, f"-x{k}").replace(_BNODE_MARK, f"x{k}").encode())


def generate(source: Path, out: Path, target: int = 1_000_000, *, force: bool = False,
             say: Callable[[str], None] = _say) -> tuple[Path, dict]:
    """Build (or reuse) the synthetic store; returns (store path, metadata)."""
    started = time.perf_counter()
    nquads = read_source(source)
    digest = hashlib.sha256(nquads).hexdigest()
    meta_path = out / "meta.json"
    store_path = out / "store"
    if not force and meta_path.exists() and store_path.is_symlink() and (store_path / "CURRENT").exists():
        try:
            meta = json.loads(meta_path.read_text())
        except ValueError:
            meta = {}
        if (meta.get("source_sha256") == digest and meta.get("target") == target
                and meta.get("generator") == GENERATOR_VERSION):
            say(f"reusing {store_path} ({meta['quads']} quads, {meta['copies']} copies)")
            return store_path, meta
    shared, template, n_shared, n_instance = split(nquads)
    copies = copies_for(target, n_shared, n_instance)
    say(f"source: {n_shared} shared + {n_instance} instance quads -> {copies} copies "
        f"(~{n_shared + copies * n_instance} quads)")
    out.mkdir(parents=True, exist_ok=True)
    meta_path.unlink(missing_ok=True)
    if store_path.is_symlink():
        store_path.unlink()
    elif store_path.exists():
        shutil.rmtree(store_path)
    versions = out / ".store.versions"
    shutil.rmtree(versions, ignore_errors=True)
    version_path = versions / f"{digest[:12]}-{copies}"
    version_path.parent.mkdir(parents=True)
    nq_path = out / "synthetic.nq"
    t0 = time.perf_counter()
    write_nquads(nq_path, shared, template, copies)
    say(f"wrote {nq_path} ({nq_path.stat().st_size / 1e6:.0f} MB) in {time.perf_counter() - t0:.1f} s")
    t0 = time.perf_counter()
    store = ox.Store(str(version_path))
    store.bulk_load(path=str(nq_path), format=ox.RdfFormat.N_QUADS)
    store.flush()
    store.optimize()
    quads = len(store)
    del store
    nq_path.unlink()
    store_path.symlink_to(os.path.relpath(version_path, out))
    say(f"bulk-loaded {quads} quads into {store_path} in {time.perf_counter() - t0:.1f} s")
    meta = {
        "generator": GENERATOR_VERSION, "source": str(Path(source).resolve()), "source_sha256": digest,
        "target": target, "copies": copies, "shared_quads": n_shared, "instance_quads": n_instance,
        "quads": quads, "seconds": round(time.perf_counter() - started, 1),
    }
    meta_path.write_text(json.dumps(meta, indent=2) + "\n")
    return store_path, meta


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--source", required=True, help="curated store directory (from `kg build --store`)")
    p.add_argument("--out", required=True, help="output directory (store in OUT/store, metadata in OUT/meta.json)")
    p.add_argument("--triples", type=int, default=1_000_000, help="approximate target size (default 10^6)")
    p.add_argument("--force", action="store_true", help="rebuild even if a matching store exists")
    args = p.parse_args(argv)
    store, meta = generate(Path(args.source), Path(args.out), args.triples, force=args.force)
    print(f"{store}: {meta['quads']} quads ({meta['copies']} copies of {meta['instance_quads']} instance quads "
          f"+ {meta['shared_quads']} shared)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
