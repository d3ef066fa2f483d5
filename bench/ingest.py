"""Throughput of ``kg ingest``: characters/s and documents/s, and whether cost is linear in documents.

The corpus (``$KG_CORPUS`` or ../shared/corpus) is replicated into a temporary directory
until there are enough documents; every copy gets a unique last line, so each is a
different document (own checksum, own named graph). For each size (default 250, 500 and
1000 documents) a fresh copy of the store is ingested with the real pipeline —
read, extract, RDF, one copy-on-write store change — and timed by phase:

* extract: reading, decoding, sentences, mentions, relations (pure Python);
* write: RDF quads made while bulk-loading them inside the ``kg.store.modify`` call
  (checkpoint copy of the store, drop the old graphs, load, swap the symlink).

    .venv/bin/python bench/ingest.py                 # 250/500/1000 documents
    .venv/bin/python bench/ingest.py --sizes 1000 2000 --store var/store --json out.json

Without ``--store`` the curated KG is built (no OWL) into the temporary directory first.
This is a benchmark, not a test: it prints figures and exits 0 unless it cannot measure.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from kg.config import Config  # noqa: E402
from loaders.ingest import pipeline  # noqa: E402


def replicate(corpus: Path, out: Path, count: int) -> list[Path]:
    sources = sorted(p for p in corpus.iterdir() if p.suffix.lower() in (".txt", ".html", ".pdf"))
    if not sources:
        raise SystemExit(f"no documents in {corpus}")
    out.mkdir(parents=True, exist_ok=True)
    files = []
    for i in range(count):
        src = sources[i % len(sources)]
        target = out / f"{i:05d}_{src.stem}{src.suffix}"
        if src.suffix.lower() == ".txt":
            target.write_bytes(src.read_bytes() + f"\n(사본 {i})\n".encode())
        else:
            shutil.copy(src, target)
        files.append(target)
    return files


def fresh_store(base: Path, into: Path) -> Path:
    """A new private copy of ``base`` (its current version) at ``into/<n>/store``."""
    into.mkdir(parents=True, exist_ok=True)
    slot = into / str(len(list(into.iterdir())))
    target = slot / "store"
    shutil.copytree(os.path.realpath(base), target)
    return target


def run(base_store: Path, files: list[Path], work: Path) -> dict[str, float]:
    store = fresh_store(base_store, work)
    report = pipeline.ingest(store, files, quiet=True)
    chars = sum(int(d["characters"]) for d in report.documents)
    return {"documents": len(files), "characters": chars, "quads": report.quads,
            "extract_s": report.extract_seconds, "write_s": report.write_seconds, "total_s": report.seconds,
            "docs_per_s": len(files) / report.seconds, "chars_per_s": chars / report.seconds,
            "extract_docs_per_s": len(files) / report.extract_seconds,
            "extract_chars_per_s": chars / report.extract_seconds}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[250, 500, 1000])
    parser.add_argument("--store", help="an existing store to copy (default: build one without OWL)")
    parser.add_argument("--corpus", help="folder of reports to replicate (default: the shared corpus)")
    parser.add_argument("--json", help="also write the measurements as JSON to this file")
    args = parser.parse_args(argv)
    config = Config.from_env()
    corpus = Path(args.corpus) if args.corpus else config.corpus_dir
    if corpus is None:
        raise SystemExit("no corpus: give --corpus DIR")
    with tempfile.TemporaryDirectory(prefix="kg-bench-ingest-") as tmp:
        work = Path(tmp)
        if args.store:
            base = Path(args.store)
        else:
            from kg.build import build

            base = work / "base" / "store"
            base.parent.mkdir()
            print("[bench] building the curated KG (no OWL) ...", file=sys.stderr, flush=True)
            build(Config.from_env(store=str(base)), progress=lambda _m: None, owl=False)
        files = replicate(corpus, work / "docs", max(args.sizes))
        rows = []
        for size in sorted(args.sizes):
            print(f"[bench] {size} documents ...", file=sys.stderr, flush=True)
            rows.append(run(base, files[:size], work / "run"))
            shutil.rmtree(work / "run", ignore_errors=True)
    smallest = rows[0]
    print(f"{'docs':>6} {'chars':>11} {'quads':>10} {'extract s':>10} {'write s':>8} {'total s':>8} "
          f"{'docs/s':>7} {'chars/s':>9} {'ms/doc':>7} {'vs first':>8}")
    for r in rows:
        per_doc = 1000 * r["total_s"] / r["documents"]
        ratio = per_doc / (1000 * smallest["total_s"] / smallest["documents"])
        print(f"{r['documents']:>6} {r['characters']:>11} {r['quads']:>10} {r['extract_s']:>10.1f} "
              f"{r['write_s']:>8.1f} {r['total_s']:>8.1f} {r['docs_per_s']:>7.1f} {r['chars_per_s']:>9.0f} "
              f"{per_doc:>7.1f} {ratio:>8.2f}")
    print("extraction alone (no store write): "
          + ", ".join(f"{r['documents']} docs {r['extract_docs_per_s']:.1f} docs/s {r['extract_chars_per_s']:.0f} "
                      f"chars/s" for r in rows))
    print("linear in documents when 'vs first' (time per document relative to the smallest run) stays near 1.0")
    if args.json:
        Path(args.json).write_text(json.dumps(rows, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
