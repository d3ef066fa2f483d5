"""The ``kg`` command line: build, validate, query, stats, export (and later serve, queries).

User mistakes (bad data, bad query, missing store) print one line to stderr and exit 1;
only programming errors show a traceback.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Sequence
from pathlib import Path

import pyoxigraph as ox

from kg.config import Config
from kg.errors import KGError
from kg.namespaces import PREFIXES, shorten, sparql_prologue
from kg.store import GRAPH_FORMATS, RESULT_FORMATS, Result, open_store

QUERY_FORMATS = ("table", *RESULT_FORMATS, "turtle", "ntriples", "jsonld", "rdfxml")


def _progress(quiet: bool):
    start = time.perf_counter()

    def emit(message: str) -> None:
        if not quiet:
            print(f"[{time.perf_counter() - start:6.1f}s] {message}", file=sys.stderr, flush=True)

    return emit


def _config(args: argparse.Namespace) -> Config:
    return Config.from_env(store=getattr(args, "store", None))


def cmd_build(args: argparse.Namespace) -> int:
    from kg.build import build

    config = _config(args)
    report = build(config, _progress(args.quiet), owl=not args.no_owl, keep_ingested=not args.drop_ingested)
    print(f"built {report.location}: {report.quads} quads from {report.records} records "
          f"(sha256 {report.digest[:16]}…)")
    return 0


def cmd_validate(args: argparse.Namespace) -> int:
    from kg.build import validate

    _, report = validate(_config(args), _progress(args.quiet), owl=not args.no_owl)
    print(f"valid: {report.records} records, {report.quads} quads")
    return 0


def _read_query(args: argparse.Namespace) -> str:
    if args.file:
        try:
            return Path(args.file).read_text(encoding="utf-8")
        except OSError as exc:
            raise KGError(f"cannot read query file: {exc.strerror}", where=args.file, rule="io") from None
    if args.sparql:
        return args.sparql
    if not sys.stdin.isatty():
        return sys.stdin.read()
    raise KGError("give a query as an argument, with --file, or on standard input", rule="usage")


def _short(term: object) -> str:
    if term is None:
        return ""
    if isinstance(term, ox.NamedNode):
        return shorten(term.value) or f"<{term.value}>"
    if isinstance(term, ox.Literal):
        return term.value + (f"@{term.language}" if term.language else "")
    return str(term)


def format_table(result: Result) -> str:
    if result.kind == "ask":
        return "true" if result.boolean else "false"
    if result.kind == "graph":
        return "\n".join(f"{_short(t.subject)} {_short(t.predicate)} {_short(t.object)}"
                         for t in result.triples)
    cells = [[_short(t) for t in row] for row in result.rows]
    widths = [max([len(v), *(len(r[i]) for r in cells)]) for i, v in enumerate(result.variables)]
    widths = [min(w, 60) for w in widths]
    lines = ["  ".join(v.ljust(w) for v, w in zip(result.variables, widths, strict=True))]
    lines.append("  ".join("-" * w for w in widths))
    for row in cells:
        lines.append("  ".join(c[:w].ljust(w) for c, w in zip(row, widths, strict=True)).rstrip())
    lines.append(f"({len(cells)} row{'s' if len(cells) != 1 else ''})")
    return "\n".join(lines)


def run_and_print(result: Result, fmt: str) -> None:
    if fmt == "table":
        print(format_table(result))
        return
    if result.kind == "graph" and fmt in RESULT_FORMATS:
        fmt = "turtle" if fmt != "json" else "jsonld"
    if result.kind != "graph" and fmt in GRAPH_FORMATS:
        raise KGError(f"--format {fmt} is for CONSTRUCT/DESCRIBE; use table, json, xml, csv or tsv",
                      rule="bad-format")
    sys.stdout.buffer.write(result.serialize(fmt))
    if fmt in ("json", "jsonld"):
        sys.stdout.buffer.write(b"\n")
    sys.stdout.flush()


def cmd_query(args: argparse.Namespace) -> int:
    config = _config(args)
    if args.saved:
        from kg.saved import load_catalogue

        if args.sparql or args.file:
            raise KGError("give either --saved NAME or a query, not both", rule="usage")
        saved = load_catalogue(config.queries_dir).get(args.saved)
        values = _params(args.param)
        bindings = saved.bindings(values)
        paging = saved.paging(values, always=False)
        text = saved.page_text(*paging) if paging else saved.text
        store = open_store(config.store)
        run_and_print(store.query(text, prefixes=PREFIXES, substitutions=bindings), args.format)
        return 0
    if args.param:
        raise KGError("--param goes with --saved NAME", rule="usage")
    store = open_store(config.store)
    run_and_print(store.query(_read_query(args), prefixes=PREFIXES), args.format)
    return 0


def _params(pairs: list[str] | None) -> dict[str, str]:
    values = {}
    for pair in pairs or []:
        key, sep, value = pair.partition("=")
        if not sep or not key:
            raise KGError(f"--param {pair!r}: write NAME=VALUE", rule="usage")
        values[key.strip()] = value
    return values


def cmd_queries(args: argparse.Namespace) -> int:
    from kg.saved import load_catalogue

    catalogue = load_catalogue(_config(args).queries_dir)
    width = max((len(q.name) for q in catalogue.queries), default=4)
    for q in catalogue.queries:
        params = " ".join(("" if p.required else "[") + f"{p.name}:{p.type}" + ("" if p.required else "]")
                          for p in q.params)
        print(f"{q.name.ljust(width)}  {q.summary}" + (f"  ({params})" if params else ""))
    print(f"({len(catalogue.queries)} saved queries in {_config(args).queries_dir})", file=sys.stderr)
    return 0


STATS_GRAPHS = "SELECT ?g (COUNT(*) AS ?triples) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g ORDER BY ?g"
STATS_CLASSES = sparql_prologue() + """
SELECT ?class (COUNT(DISTINCT ?s) AS ?instances) WHERE {
  ?s a/rdfs:subClassOf* ?class .
  FILTER(STRSTARTS(STR(?class), STR(cnp:)))
  FILTER(STRSTARTS(STR(?s), STR(cnpid:)))
} GROUP BY ?class ORDER BY DESC(?instances) ?class
"""


def cmd_stats(args: argparse.Namespace) -> int:
    store = open_store(_config(args).store)
    graphs = store.query(STATS_GRAPHS)
    classes = store.query(STATS_CLASSES)
    total = sum(int(row[1].value) for row in graphs.rows)
    print(f"Triples per named graph (total {total}):")
    for g, n in graphs.rows:
        print(f"  {int(n.value):7d}  {g.value}")
    print("\nInstances per class (including subclasses):")
    for c, n in classes.rows:
        print(f"  {int(n.value):7d}  {_short(c)}")
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from kg.compile import canonical_nquads

    store = open_store(_config(args).store)
    data = store.dump(args.graph)
    fmt = ox.RdfFormat.N_TRIPLES if args.graph else ox.RdfFormat.N_QUADS
    quads = list(ox.parse(data, format=fmt))
    if args.graph:
        g = ox.NamedNode(args.graph)
        quads = [ox.Quad(q.subject, q.predicate, q.object, g) for q in quads]
    out = canonical_nquads(quads)
    if args.format == "trig":
        out = ox.serialize(ox.parse(out, format=ox.RdfFormat.N_QUADS), format=ox.RdfFormat.TRIG,
                           prefixes=PREFIXES) or b""
    elif args.graph:
        out = b"".join(line.rsplit(b" <", 1)[0] + b" .\n" for line in out.splitlines())
    if args.output:
        Path(args.output).write_bytes(out)
        print(f"wrote {len(out.splitlines())} lines to {args.output}", file=sys.stderr)
    else:
        sys.stdout.buffer.write(out)
    return 0


def parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--store", metavar="PATH",
                        help="store directory or SPARQL endpoint URL (default: $KG_STORE or var/store)")
    common.add_argument("-q", "--quiet", action="store_true", help="no progress messages")
    top = argparse.ArgumentParser(prog="kg", description="China Tech-Policy Knowledge Graph")
    sub = top.add_subparsers(dest="command", required=True, metavar="COMMAND")

    p = sub.add_parser("build", parents=[common], help="compile, validate and write the store")
    p.add_argument("--no-owl", action="store_true", help="skip the OWL reasoner (faster, less safe)")
    p.add_argument("--drop-ingested", action="store_true",
                   help="do not keep the graphs of ingested documents (kept by default)")
    p.set_defaults(func=cmd_build)

    p = sub.add_parser("validate", parents=[common], help="validate the curated tables without writing")
    p.add_argument("--no-owl", action="store_true", help="skip the OWL reasoner")
    p.set_defaults(func=cmd_validate)

    p = sub.add_parser("query", parents=[common], help="run a SPARQL query")
    p.add_argument("sparql", nargs="?", help="the query text")
    p.add_argument("--file", "-f", help="read the query from a file")
    p.add_argument("--format", default="table", choices=QUERY_FORMATS)
    p.add_argument("--saved", metavar="NAME", help="run a saved query from queries/ (see `kg queries`)")
    p.add_argument("--param", action="append", metavar="NAME=VALUE", help="a saved query's parameter")
    p.set_defaults(func=cmd_query)

    p = sub.add_parser("queries", parents=[common], help="list the saved queries")
    p.set_defaults(func=cmd_queries)

    p = sub.add_parser("stats", parents=[common], help="triples per graph, instances per class")
    p.set_defaults(func=cmd_stats)

    p = sub.add_parser("export", parents=[common], help="canonical N-Quads/TriG of the store or one graph")
    p.add_argument("--graph", help="IRI of one named graph (N-Triples output)")
    p.add_argument("--format", default="nquads", choices=("nquads", "trig"))
    p.add_argument("--output", "-o", help="write to a file instead of standard output")
    p.set_defaults(func=cmd_export)

    _extensions(sub, common)
    return top


def _extensions(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    """Commands contributed by other packages (server, saved queries, ingest)."""
    for module_name in ("server.cli", "loaders.ingest_cli"):
        try:
            module = __import__(module_name, fromlist=["register"])
        except ModuleNotFoundError as exc:
            if exc.name and module_name.startswith(exc.name):
                continue
            raise
        module.register(sub, common)


def main(argv: Sequence[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        return int(args.func(args) or 0)
    except KGError as exc:
        print(f"kg {args.command}: error: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print(f"kg {args.command}: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())
