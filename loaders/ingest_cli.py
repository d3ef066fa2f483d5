"""``kg ingest``, ``kg review`` and ``kg eval-ingest``: the report-ingestion commands of the CLI.

``kg/cli.py`` imports this module and calls :func:`register`. User mistakes raise
:class:`kg.errors.KGError`, which the CLI prints as one line before exiting with 1.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from kg.config import Config
from kg.errors import KGError


def _config(args: argparse.Namespace) -> Config:
    return Config.from_env(store=getattr(args, "store", None))


def _expand(paths: list[str]) -> list[Path]:
    from loaders.ingest.text import SUPPORTED

    out: list[Path] = []
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            found = sorted(f for f in p.rglob("*") if f.is_file() and f.suffix.lower() in SUPPORTED)
            if not found:
                raise KGError("no .txt, .html or .pdf files in the directory", where=str(p), rule="empty-dir")
            out.extend(found)
        else:
            out.append(p)
    return out


def cmd_ingest(args: argparse.Namespace) -> int:
    from loaders.ingest.pipeline import ingest

    config = _config(args)
    files = _expand(args.paths)
    max_bytes = int(args.max_mb * 1024 * 1024)
    if max_bytes <= 0:
        raise KGError("--max-mb must be positive", rule="usage")

    def say(message: str) -> None:
        if not args.quiet:
            print(message, file=sys.stderr, flush=True)

    report = ingest(config.store, files, max_bytes=max_bytes, quiet=args.quiet, progress=say)
    if args.report_out:
        payload = {"store": str(config.store), "version": report.version, "quads": report.quads,
                   "seconds": round(report.seconds, 3), "documents": report.documents}
        try:
            Path(args.report_out).write_text(json.dumps(payload, ensure_ascii=False, indent=2) + "\n",
                                             encoding="utf-8")
        except OSError as exc:
            raise KGError(f"cannot write the report: {exc.strerror}", where=args.report_out, rule="io") from None
    for doc in report.documents:
        print(f"{doc['doc_id']}: {doc['mentions']} mentions, {doc['proposed']} proposed entities, "
              f"{doc['targets']} targets, {doc['facts'] - doc['targets']} relations, {doc['quads']} quads "
              f"→ {doc['graph']}")
    print(f"ingested {len(report.documents)} document(s), {report.quads} quads in {report.seconds:.1f} s")
    return 0


def cmd_review(args: argparse.Namespace) -> int:
    from kg.store import open_store
    from loaders.ingest.review import collect, render_json, render_table

    store = open_store(_config(args).store)
    items = collect(store, doc=args.doc)
    if args.doc and not items.documents:
        raise KGError(f"no ingested document {args.doc!r} (see `kg review` for the list)", rule="unknown-doc")
    print(render_json(items) if args.format == "json" else render_table(items))
    return 0


def cmd_eval(args: argparse.Namespace) -> int:
    from loaders.ingest.evaluate import GOLD_DIR, evaluate, render

    config = _config(args)
    corpus = Path(args.corpus) if args.corpus else config.corpus_dir
    if corpus is None or not Path(corpus).is_dir():
        raise KGError("no corpus directory: give --corpus DIR or set KG_CORPUS", rule="no-corpus")
    gold = Path(args.gold) if args.gold else GOLD_DIR
    result = evaluate(config.store, Path(corpus), gold, held_out=args.held_out)
    print(json.dumps(result.as_dict(), indent=2) if args.format == "json" else render(result))
    return 0 if result.floors_hold() or not args.check else 1


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("ingest", parents=[common], help="extract entities, amounts and targets from reports")
    p.add_argument("paths", nargs="+", metavar="PATH", help=".txt, .html or .pdf files (or directories)")
    p.add_argument("--report-out", metavar="FILE", help="write a JSON summary of the run")
    p.add_argument("--max-mb", type=float, default=20.0, help="refuse files larger than this (default 20)")
    p.set_defaults(func=cmd_ingest)

    p = sub.add_parser("review", parents=[common], help="list proposed entities and extracted facts")
    p.add_argument("--format", default="table", choices=("table", "json"))
    p.add_argument("--doc", metavar="ID", help="only this ingested document (its doc id)")
    p.set_defaults(func=cmd_review)

    p = sub.add_parser("eval-ingest", parents=[common], help="score the extraction against the gold annotations")
    p.add_argument("--corpus", metavar="DIR", help="folder of the source reports (default: $KG_CORPUS)")
    p.add_argument("--gold", metavar="DIR", help="gold annotations (default: tests/gold)")
    p.add_argument("--format", default="table", choices=("table", "json"))
    p.add_argument("--held-out", action="store_true",
                   help="drop from the gazetteer the entities cited only by the document being scored")
    p.add_argument("--check", action="store_true", help="exit 1 when a floor does not hold")
    p.set_defaults(func=cmd_eval)
