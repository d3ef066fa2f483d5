"""Query execution with an enforced time limit: a pool of persistent worker processes.

pyoxigraph cannot cancel a running query and a thread cannot be stopped, so each
query runs in a worker process that keeps the store open between queries. When a
query passes its deadline the worker is killed (its CPU freed at once) and a fresh
one takes its place; the client gets a clean 503. Workers serialise results with
pyoxigraph's own writers and return bytes, so nothing is rebuilt in Python.
"""

from __future__ import annotations

import contextlib
import multiprocessing as mp
import os
import queue
import threading
import time
from dataclasses import dataclass
from multiprocessing.connection import Connection
from typing import Any

from kg.errors import KGError
from kg.store import GRAPH_FORMATS, RESULT_FORMATS, one_line

RESULT_MIME = {
    "json": "application/sparql-results+json",
    "xml": "application/sparql-results+xml",
    "csv": "text/csv; charset=utf-8",
    "tsv": "text/tab-separated-values; charset=utf-8",
}
GRAPH_MIME = {
    "turtle": "text/turtle; charset=utf-8",
    "ntriples": "application/n-triples",
    "jsonld": "application/ld+json",
    "rdfxml": "application/rdf+xml",
}


@dataclass(frozen=True)
class Job:
    query: str
    store: str
    select_formats: tuple[str, ...]  # acceptable result formats, best first
    graph_formats: tuple[str, ...]
    union: bool = True
    default_graphs: tuple[str, ...] = ()
    named_graphs: tuple[str, ...] = ()
    substitutions: tuple[tuple[str, str], ...] = ()  # (variable, N-Triples term)
    max_rows: int = 100_000
    prefixes: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Answer:
    status: int
    body: bytes
    content_type: str
    kind: str = ""
    truncated: bool = False
    message: str = ""


class _RowCapWriter:
    """Counts result rows in pyoxigraph's output as it is written and cuts at the cap.

    The markers are structural: in SPARQL JSON a new binding begins with ``},{"``
    (a quote inside a value is always escaped), in XML with ``<result>``, in CSV/TSV
    with a newline. On reaching the cap it raises, and :func:`_close_truncated`
    completes the document so the client still gets valid, clearly flagged output.
    """

    MARKERS = {"json": b'},{"', "xml": b"<result>", "csv": b"\n", "tsv": b"\n"}

    class Full(Exception):
        pass

    def __init__(self, fmt: str, max_rows: int):
        self.marker = self.MARKERS[fmt]
        self.fmt = fmt
        self.max_rows = max_rows
        self.buf = bytearray()
        self.count = 0
        self.scan_from = 0
        self.keep_at: int | None = None
        self.full = False

    def write(self, data: bytes) -> int:
        if self.full:  # pyoxigraph may flush its buffer again after we stopped it
            return len(data)
        self.buf += data
        while self.keep_at is None:
            i = self.buf.find(self.marker, self.scan_from)
            if i < 0:
                self.scan_from = max(0, len(self.buf) - len(self.marker) + 1)
                break
            self.count += 1
            self.scan_from = i + len(self.marker)
            if self.fmt == "json" and self.count == self.max_rows:
                self.keep_at = i + 1  # marker k separates row k from row k+1
            elif self.fmt == "xml" and self.count == self.max_rows + 1:
                self.keep_at = i  # marker k opens row k
            elif self.fmt in ("csv", "tsv") and self.count == self.max_rows + 1:
                self.keep_at = i + 1  # newline k ends line k; line 1 is the header
        if self.keep_at is not None and len(self.buf) > self.keep_at:
            del self.buf[self.keep_at:]
            self.full = True
            raise self.Full()
        return len(data)

    def flush(self) -> None:
        pass


def _close_truncated(fmt: str, body: bytes) -> bytes:
    if fmt == "json":
        return body + b"]}}"
    if fmt == "xml":
        return body + b"</results></sparql>"
    return body


def _run(store: Any, job: Job) -> Answer:
    import pyoxigraph as ox

    kwargs: dict[str, Any] = {}
    if job.default_graphs:
        kwargs["default_graph"] = [ox.NamedNode(g) for g in job.default_graphs]
    else:
        kwargs["use_default_graph_as_union"] = job.union
    if job.named_graphs:
        kwargs["named_graphs"] = [ox.NamedNode(g) for g in job.named_graphs]
    if job.substitutions:
        kwargs["substitutions"] = {
            ox.Variable(name): _parse_term(text) for name, text in job.substitutions
        }
    if job.prefixes:
        kwargs["prefixes"] = dict(job.prefixes)
    try:
        result = store.query(job.query, **kwargs)
    except SyntaxError as exc:
        return Answer(400, b"", "", message=f"SPARQL syntax error: {one_line(exc)}")
    except (RuntimeError, OSError, ValueError) as exc:
        return Answer(400, b"", "", message=f"query failed: {one_line(exc)}")
    if isinstance(result, ox.QueryTriples):
        fmt = job.graph_formats[0] if job.graph_formats else None
        if fmt is None:
            return Answer(406, b"", "", kind="graph", message="no acceptable RDF format for a graph result")
        triples = []
        truncated = False
        for t in result:
            if len(triples) >= job.max_rows:
                truncated = True
                break
            triples.append(t)
        prefixes = dict(job.prefixes) if fmt == "turtle" and job.prefixes else None
        body = ox.serialize(triples, format=GRAPH_FORMATS[fmt], prefixes=prefixes) or b""
        return Answer(200, body, GRAPH_MIME[fmt], "graph", truncated)
    fmt = job.select_formats[0] if job.select_formats else None
    kind = "ask" if isinstance(result, ox.QueryBoolean) else "select"
    if fmt is None:
        return Answer(406, b"", "", kind=kind, message="no acceptable format for query results")
    if kind == "ask":
        return Answer(200, result.serialize(format=RESULT_FORMATS[fmt]), RESULT_MIME[fmt], kind)
    if job.max_rows <= 0:  # no limit
        return Answer(200, result.serialize(format=RESULT_FORMATS[fmt]), RESULT_MIME[fmt], kind)
    writer = _RowCapWriter(fmt, job.max_rows)
    try:
        result.serialize(writer, format=RESULT_FORMATS[fmt])
    except _RowCapWriter.Full:
        return Answer(200, _close_truncated(fmt, bytes(writer.buf)), RESULT_MIME[fmt], kind, True)
    except OSError as exc:
        if isinstance(exc.__cause__, _RowCapWriter.Full) or "Full" in repr(exc):
            return Answer(200, _close_truncated(fmt, bytes(writer.buf)), RESULT_MIME[fmt], kind, True)
        raise
    return Answer(200, bytes(writer.buf), RESULT_MIME[fmt], kind)


def _parse_term(text: str) -> Any:
    import pyoxigraph as ox

    quads = list(ox.parse(f"<urn:s> <urn:p> {text} .".encode(), format=ox.RdfFormat.N_TRIPLES))
    return quads[0].object


def _worker_main(conn: Connection) -> None:
    import pyoxigraph as ox

    store = None
    opened = None
    while True:
        try:
            job: Job | None = conn.recv()
        except (EOFError, KeyboardInterrupt):
            return
        if job is None:
            return
        try:
            if job.store != opened:
                store = ox.Store.read_only(job.store)
                opened = job.store
            answer = _run(store, job)
        except Exception as exc:  # report, never die silently: the parent turns it into a 500
            answer = Answer(500, b"", "", message=f"internal error: {type(exc).__name__}: {exc}")
        conn.send(answer)


class _Worker:
    def __init__(self, ctx: Any):
        self.conn, child = ctx.Pipe()
        self.proc = ctx.Process(target=_worker_main, args=(child,), daemon=True)
        self.proc.start()
        child.close()

    def kill(self) -> None:
        try:
            self.proc.kill()
        finally:
            self.proc.join(timeout=5)
            self.conn.close()


class QueryPool:
    """Persistent query processes; at most ``size`` queries run at once in this pool."""

    def __init__(self, size: int, *, timeout: float, queue_wait: float | None = None):
        self.size = size
        self.timeout = timeout
        self.queue_wait = timeout if queue_wait is None else queue_wait
        self._ctx = mp.get_context("spawn")
        self._idle: queue.Queue[_Worker] = queue.Queue()
        self._lock = threading.Lock()
        self._pid = os.getpid()
        for _ in range(size):
            self._idle.put(_Worker(self._ctx))
        self.killed = 0

    def run(self, job: Job, timeout: float | None = None) -> Answer:
        limit = self.timeout if timeout is None else min(timeout, self.timeout)
        try:
            worker = self._idle.get(timeout=self.queue_wait)
        except queue.Empty:
            raise KGError("the server is busy; try again shortly", rule="overloaded", status=503) from None
        started = time.monotonic()
        try:
            worker.conn.send(job)
            if worker.conn.poll(limit):
                answer: Answer = worker.conn.recv()
                self._idle.put(worker)
                return answer
        except (BrokenPipeError, EOFError, OSError):
            worker.kill()
            self._idle.put(_Worker(self._ctx))
            raise KGError("the query worker failed; the query was not completed", rule="worker", status=500) \
                from None
        worker.kill()
        self.killed += 1
        self._idle.put(_Worker(self._ctx))
        elapsed = time.monotonic() - started
        raise KGError(
            f"query exceeded the time limit of {limit:g} s and was stopped after {elapsed:.1f} s",
            rule="timeout", status=503,
        )

    def close(self) -> None:
        while True:
            try:
                worker = self._idle.get_nowait()
            except queue.Empty:
                return
            with contextlib.suppress(OSError):
                worker.conn.send(None)
            worker.kill()
