"""Benchmark of the SPARQL endpoint: pyoxigraph in-process vs ``kg serve`` vs ``oxigraph serve``.

    .venv/bin/python bench/endpoint.py [--quick] [--store DIR] [--synthetic-store DIR]

Two datasets: the curated KG (built with ``kg build`` into a temporary directory
unless ``--store`` is given) and a synthetic ~10^6-triple version of it
(``bench/synthetic.py``, cached between runs). Five queries, the same text for
every engine: point lookup, label search, 3-hop join, aggregate, CONSTRUCT.

Engines:
  a  pyoxigraph in this process: ``Store.read_only``, query and full serialisation
     (SPARQL JSON, N-Triples for CONSTRUCT), so the work matches what a server sends;
  b  ``kg serve`` over HTTP (gunicorn gthread + query worker processes + result cache);
  c  ``oxigraph serve-read-only --union-default-graph`` over HTTP (no result cache).

Latency: sequential POST requests (``application/sparql-query``) on one persistent
http.client connection after warm-up; median and p90. For b twice: "cached" repeats
the identical query (the result cache answers), "uncached" appends a unique comment
``# <nonce> <n>`` so every request takes the real execution path.
Throughput: ``wrk`` (Debian package) with 1 and 4 connections, one wrk thread.

Row counts are checked to be equal across engines before anything is timed.
This is a benchmark, not a test: it prints numbers and PASS/MISS against targets,
and exits non-zero only when it cannot measure (build failure, row-count mismatch,
a server that does not start).
"""

from __future__ import annotations

import argparse
import contextlib
import http.client
import json
import os
import platform
import re
import shlex
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
ID = "https://w3id.org/cnpolicy/id/"

HEADER = """PREFIX cnp: <https://w3id.org/cnpolicy/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
"""
ACCEPT = {"select": "application/sparql-results+json", "graph": "application/n-triples"}

# Targets (from the brief): cheap = in-process median < COSTLY_MS.
COSTLY_MS = 10.0
TARGET_RPS_RATIO = 0.5  # cheap queries: kg serve req/s at 4 clients >= 0.5 x oxigraph serve
TARGET_LATENCY_RATIO = 1.2  # costly queries: kg serve median <= 1.2 x oxigraph serve


class BenchError(Exception):
    pass


def say(message: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


# --- queries -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Query:
    key: str
    title: str
    kind: str  # select | graph
    text: str


def pick_entity(store_path: Path) -> str:
    """The IRI for the point lookup: Shanghai if present, else the entity with most triples."""
    import pyoxigraph as ox

    store = ox.Store.read_only(str(store_path))
    try:
        for candidate in (ID + "region/shanghai", ID + "region/beijing"):
            if any(True for _ in store.quads_for_pattern(ox.NamedNode(candidate), None, None)):
                return candidate
        rows = list(store.query(
            f'SELECT ?s (COUNT(*) AS ?n) WHERE {{ ?s ?p ?o FILTER(STRSTARTS(STR(?s), "{ID}")) }} '
            "GROUP BY ?s ORDER BY DESC(?n) ?s LIMIT 1", use_default_graph_as_union=True))
        if not rows:
            raise BenchError(f"the store {store_path} has no entity under {ID}")
        return rows[0]["s"].value
    finally:
        del store


def make_queries(entity: str) -> list[Query]:
    return [
        Query("point", "point lookup", "select",
              HEADER + f"SELECT ?p ?o WHERE {{ <{entity}> ?p ?o }}"),
        Query("label", "label search", "select",
              HEADER + 'SELECT ?s ?label WHERE { ?s rdfs:label ?label '
                       'FILTER(CONTAINS(LCASE(STR(?label)), "shanghai")) }'),
        Query("join3", "3-hop join", "select",
              HEADER + "SELECT ?x ?region ?parent ?label WHERE {\n"
                       "  ?x cnp:jurisdiction ?region . ?region cnp:partOf ?parent .\n"
                       '  ?parent rdfs:label ?label FILTER(LANG(?label) = "en")\n}'),
        Query("agg", "aggregate", "select",
              HEADER + "SELECT ?class (COUNT(?s) AS ?n) WHERE { ?s a ?class } "
                       "GROUP BY ?class ORDER BY DESC(?n) ?class"),
        Query("construct", "CONSTRUCT", "graph",
              HEADER + "CONSTRUCT { ?r cnp:partOf ?parent ; rdfs:label ?label }\n"
                       'WHERE { ?r cnp:partOf ?parent ; rdfs:label ?label FILTER(LANG(?label) = "en") }'),
    ]


def unique(text: str, nonce: str, n: int) -> str:
    """The same query with a unique trailing comment: defeats any result cache keyed on the text."""
    return f"{text}\n# bench {nonce} {n}\n"


def count_rows(body: bytes, kind: str) -> int:
    if kind == "select":
        return len(json.loads(body)["results"]["bindings"])
    return sum(1 for line in body.splitlines() if line.strip() and not line.startswith(b"#"))


# --- timing ------------------------------------------------------------------------------------


@dataclass
class Timing:
    samples: list[float] = field(default_factory=list)  # milliseconds

    @property
    def median(self) -> float:
        return statistics.median(self.samples) if self.samples else float("nan")

    @property
    def p90(self) -> float:
        if not self.samples:
            return float("nan")
        s = sorted(self.samples)
        return s[min(len(s) - 1, int(round(0.9 * (len(s) - 1))))]

    def summary(self) -> dict:
        return {"median_ms": round(self.median, 4), "p90_ms": round(self.p90, 4), "n": len(self.samples)}


@dataclass(frozen=True)
class Budget:
    seconds: float  # per measured cell
    min_n: int
    max_n: int
    warmup: int


def measure(fn: Callable[[int], None], budget: Budget) -> Timing:
    """Call fn(i) repeatedly after warm-up until the time budget (or max_n) is used.

    Warm-up is ``budget.warmup`` calls, cut short after half the budget (at least one call),
    so that slow queries do not spend most of their budget warming up.
    """
    warm_until = time.perf_counter() + budget.seconds / 2
    for i in range(budget.warmup):
        fn(-1 - i)
        if time.perf_counter() > warm_until:
            break
    timing = Timing()
    deadline = time.perf_counter() + budget.seconds
    i = 0
    while i < budget.max_n and (i < budget.min_n or time.perf_counter() < deadline):
        t0 = time.perf_counter()
        fn(i)
        timing.samples.append((time.perf_counter() - t0) * 1000)
        i += 1
    return timing


def measure_interleaved(fns: dict[str, Callable[[int], None]], budget: Budget) -> dict[str, Timing]:
    """Like :func:`measure` for several functions at once, one call of each per round.

    The budget is per function (so the whole takes about ``len(fns) * budget.seconds``).
    """
    total = budget.seconds * len(fns)
    warm_until = time.perf_counter() + total / 2
    for i in range(budget.warmup):
        for fn in fns.values():
            fn(-1 - i)
        if time.perf_counter() > warm_until:
            break
    timings = {name: Timing() for name in fns}
    deadline = time.perf_counter() + total
    i = 0
    while i < budget.max_n and (i < budget.min_n or time.perf_counter() < deadline):
        for name, fn in fns.items():
            t0 = time.perf_counter()
            fn(i)
            timings[name].samples.append((time.perf_counter() - t0) * 1000)
        i += 1
    return timings


# --- in-process pyoxigraph ---------------------------------------------------------------------


class InProcess:
    def __init__(self, store_path: Path):
        import pyoxigraph as ox

        self.ox = ox
        self.store = ox.Store.read_only(str(store_path))

    def run(self, query: Query, text: str | None = None) -> bytes:
        ox = self.ox
        result = self.store.query(text or query.text, use_default_graph_as_union=True)
        if query.kind == "graph":
            return ox.serialize(result, format=ox.RdfFormat.N_TRIPLES) or b""
        return result.serialize(format=ox.QueryResultsFormat.JSON)

    def close(self) -> None:
        del self.store


# --- HTTP ----------------------------------------------------------------------------------------


class Client:
    """One persistent HTTP/1.1 connection; reconnects once if the server closed it while idle."""

    def __init__(self, port: int, path: str):
        self.port = port
        self.path = path
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)

    def post(self, text: str, accept: str) -> tuple[int, bytes, dict[str, str]]:
        body = text.encode()
        headers = {"Content-Type": "application/sparql-query", "Accept": accept}
        for attempt in (0, 1):
            try:
                self.conn.request("POST", self.path, body=body, headers=headers)
                resp = self.conn.getresponse()
                data = resp.read()
                return resp.status, data, {k.lower(): v for k, v in resp.getheaders()}
            except (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError,
                    http.client.CannotSendRequest):
                self.conn.close()
                self.conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=120)
                if attempt:
                    raise
        raise AssertionError("unreachable")

    def get(self, path: str) -> tuple[int, bytes]:
        self.conn.request("GET", path)
        resp = self.conn.getresponse()
        return resp.status, resp.read()

    def close(self) -> None:
        self.conn.close()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class Server:
    name: str
    cmd: list[str]
    port: int
    path: str  # SPARQL query path
    log: Path
    proc: subprocess.Popen | None = None

    def start(self, probe: Callable[[Server], bool], timeout: float = 60) -> None:
        say(f"starting {self.name}: {shlex.join(self.cmd)}")
        with self.log.open("wb") as log:
            self.proc = subprocess.Popen(self.cmd, stdout=log, stderr=subprocess.STDOUT, cwd=ROOT,
                                         start_new_session=True)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise BenchError(f"{self.name} exited with {self.proc.returncode}:\n{self.tail()}")
            with contextlib.suppress(OSError, http.client.HTTPException):
                if probe(self):
                    return
            time.sleep(0.2)
        self.stop()
        raise BenchError(f"{self.name} did not answer within {timeout:.0f} s:\n{self.tail()}")

    def tail(self, lines: int = 20) -> str:
        try:
            return "\n".join(self.log.read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return "(no log)"

    def stop(self) -> None:
        """SIGTERM to the process group this script created (the server and its children), then SIGKILL."""
        proc = self.proc
        if proc is None:
            return
        self.proc = None
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGTERM)
        with contextlib.suppress(subprocess.TimeoutExpired):
            proc.wait(timeout=15)
        # children (query workers) may outlive the master for a moment: make sure the group is gone
        for _ in range(50):
            try:
                os.killpg(proc.pid, 0)
            except ProcessLookupError:
                break
            time.sleep(0.1)
        else:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(proc.pid, signal.SIGKILL)
        with contextlib.suppress(subprocess.TimeoutExpired):
            proc.wait(timeout=5)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}{self.path}"


def kg_probe(server: Server) -> bool:
    c = Client(server.port, server.path)
    try:
        status, _ = c.get("/healthz")
        return status == 200
    finally:
        c.close()


def ox_probe(server: Server) -> bool:
    c = Client(server.port, server.path)
    try:
        status, _, _ = c.post("ASK {}", ACCEPT["select"])
        return status == 200
    finally:
        c.close()


# --- wrk ---------------------------------------------------------------------------------------


def lua_long_string(text: str) -> str:
    level = 1
    while f"]{'=' * level}]" in text:
        level += 1
    eq = "=" * level
    return f"[{eq}[\n{text}]{eq}]"  # a newline right after the opening bracket is dropped by Lua


def write_lua(path: Path, query: Query, *, unique_nonce: str | None) -> Path:
    lines = [
        'wrk.method = "POST"',
        'wrk.headers["Content-Type"] = "application/sparql-query"',
        f'wrk.headers["Accept"] = "{ACCEPT[query.kind]}"',
        f"local body = {lua_long_string(query.text)}",
        "wrk.body = body",
    ]
    if unique_nonce:
        lines += [
            "local n = 0",
            "request = function()",
            "  n = n + 1",
            f'  return wrk.format(nil, nil, nil, body .. "\\n# bench {unique_nonce} " .. n .. "\\n")',
            "end",
        ]
    path.write_text("\n".join(lines) + "\n")
    return path


@dataclass
class WrkResult:
    rps: float
    requests: int
    non2xx: int
    errors: int
    avg_latency: str
    server_cpu_ms: float = float("nan")  # CPU time of the server's processes per request



    def summary(self) -> dict:
        return asdict(self)


def session_cpu(sid: int) -> float:
    """CPU seconds (user + system) of the live processes of one session (a server and its children)."""
    tick = os.sysconf("SC_CLK_TCK")
    total = 0
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            stat = Path(f"/proc/{entry}/stat").read_text()
        except OSError:
            continue
        fields = stat[stat.rindex(")") + 2:].split()
        if int(fields[3]) == sid:
            total += int(fields[11]) + int(fields[12])
    return total / tick


def fmt_rps(w: dict) -> str:
    rps = w["rps"]
    text = f"{rps:.0f}" if rps >= 100 else f"{rps:.1f}" if rps >= 1 else f"{rps:.2f}"
    if w.get("derived"):
        return "≈" + text
    if w.get("requests", 0) and w["requests"] < 20:
        text += f" (n={w['requests']})"
    return text


def derived_rps(median_ms: float) -> dict:
    """Requests/s of one sequential client, from the latency measurement (quick mode, costly queries)."""
    return {**WrkResult(1000 / median_ms if median_ms else 0.0, 0, 0, 0, "").summary(), "derived": True}


def run_wrk(url: str, script: Path, seconds: int, connections: int, server: Server | None = None) -> WrkResult:
    cmd = ["wrk", "-t1", f"-c{connections}", f"-d{seconds}s", "--timeout", "60s", "-s", str(script), url]
    sid = server.proc.pid if server is not None and server.proc is not None else None
    cpu0 = session_cpu(sid) if sid else 0.0
    out = subprocess.run(cmd, capture_output=True, text=True, timeout=seconds + 120)
    cpu = session_cpu(sid) - cpu0 if sid else float("nan")
    text = out.stdout + out.stderr
    m = re.search(r"Requests/sec:\s*([\d.]+)", text)
    if out.returncode != 0 or not m:
        raise BenchError(f"wrk failed ({shlex.join(cmd)}):\n{text}")
    non2xx = re.search(r"Non-2xx or 3xx responses:\s*(\d+)", text)
    errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", text)
    reqs = re.search(r"(\d+) requests in", text)
    lat = re.search(r"Latency\s+(\S+)", text)
    requests = int(reqs.group(1)) if reqs else 0
    return WrkResult(
        rps=float(m.group(1)),
        requests=requests,
        non2xx=int(non2xx.group(1)) if non2xx else 0,
        errors=sum(int(x) for x in errors.groups()) if errors else 0,
        avg_latency=lat.group(1) if lat else "?",
        server_cpu_ms=round(cpu * 1000 / requests, 4) if requests else float("nan"),
    )


def ensure_wrk() -> str:
    if shutil.which("wrk") is None:
        say("wrk not found; installing the Debian package (apt-get install -y wrk)")
        cmd = ["apt-get", "install", "-y", "wrk"]
        if os.geteuid() != 0 and shutil.which("sudo"):
            cmd = ["sudo", *cmd]
        if subprocess.run(cmd, capture_output=True).returncode != 0:
            subprocess.run([*cmd[:-3], "update"] if cmd[0] == "sudo" else ["apt-get", "update"],
                           capture_output=True)
            subprocess.run(cmd, capture_output=True)
    if shutil.which("wrk") is None:
        raise BenchError("wrk is not installed and could not be installed (apt-get install -y wrk)")
    out = subprocess.run(["wrk", "--version"], capture_output=True, text=True)
    return (out.stdout + out.stderr).splitlines()[0].strip() if (out.stdout + out.stderr) else "wrk"


# --- building the datasets ---------------------------------------------------------------------


def build_curated(dest: Path) -> tuple[Path, str]:
    kg = [str(BIN / "kg")] if (BIN / "kg").exists() else [sys.executable, "-m", "kg.cli"]
    attempts = [[], ["--no-owl"]]  # the benchmark needs the data, not the OWL check: fall back without it
    last = ""
    for extra in attempts:
        cmd = [*kg, "build", "--quiet", "--store", str(dest), *extra]
        say(f"building the curated store: {shlex.join(cmd)}")
        out = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT)
        if out.returncode == 0:
            return dest, shlex.join(["kg", *cmd[len(kg):]])
        last = (out.stdout + out.stderr).strip()
        say(f"kg build failed: {last.splitlines()[-1] if last else out.returncode}")
    raise BenchError(
        "could not build the curated store (the data tables may be mid-edit); retry later or pass "
        f"--store DIR of an existing build.\nLast error:\n{last}")


def store_quads(store_path: Path) -> int:
    import pyoxigraph as ox

    store = ox.Store.read_only(str(store_path))
    try:
        return len(store)
    finally:
        del store


# --- the benchmark -----------------------------------------------------------------------------


@dataclass
class Settings:
    quick: bool
    wrk_seconds: int
    latency: Budget
    kg_workers: int
    kg_threads: int
    kg_query_workers: int
    queries: tuple[str, ...]
    throughput: bool
    breakdown: bool


def engine_counts(query: Query, inproc: InProcess, kg: Client, oxc: Client, nonce: str) -> dict[str, int]:
    counts = {"a pyoxigraph": count_rows(inproc.run(query), query.kind)}
    for name, client, text in (("b kg serve", kg, query.text),
                               ("b kg serve (uncached)", kg, unique(query.text, nonce + "-check", 0)),
                               ("c oxigraph serve", oxc, query.text)):
        status, body, headers = client.post(text, ACCEPT[query.kind])
        if status != 200:
            raise BenchError(f"{name} answered {status} to {query.title}: {body[:500]!r}")
        if "kg-result-truncated" in headers:
            raise BenchError(f"{name} truncated the result of {query.title} (max rows); raise --max-rows")
        counts[name] = count_rows(body, query.kind)
    return counts


def http_call(client: Client, query: Query, unique_nonce: str | None) -> Callable[[int], None]:
    """One request of a latency measurement; with a nonce, the query text is unique per call."""
    accept = ACCEPT[query.kind]

    def once(i: int) -> None:
        text = unique(query.text, unique_nonce, i) if unique_nonce else query.text
        status, _, _ = client.post(text, accept)
        if status != 200:
            raise BenchError(f"HTTP {status} during timing of {query.title}")

    return once


def _proc_stat() -> tuple[int, int]:
    """(total, idle) CPU ticks of the whole machine since boot."""
    fields = [int(x) for x in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:8]]
    return sum(fields), fields[3] + fields[4]


def cpu_busy(seconds: float = 1.0) -> float:
    """Share of all CPUs busy over a short interval (0..1), from /proc/stat; nan if unavailable."""
    try:
        t0, i0 = _proc_stat()
        time.sleep(seconds)
        t1, i1 = _proc_stat()
    except (OSError, ValueError, IndexError):
        return float("nan")
    return 1 - (i1 - i0) / max(1, t1 - t0)


class OtherLoad:
    """CPU used by processes other than this benchmark and its (reaped) children over an interval.

    Machine busy time from /proc/stat minus os.times() of this process and its children;
    servers, their workers and wrk are all reaped before :meth:`stop`, so what is left
    is other people's work on a shared machine.
    """

    def __init__(self) -> None:
        self.ok = True
        try:
            self.t0, self.i0 = _proc_stat()
        except (OSError, ValueError, IndexError):
            self.ok = False
        self.own0 = self._own()
        self.wall0 = time.monotonic()

    @staticmethod
    def _own() -> float:
        t = os.times()
        return t.user + t.system + t.children_user + t.children_system

    def stop(self) -> dict:
        if not self.ok:
            return {}
        t1, i1 = _proc_stat()
        tick = os.sysconf("SC_CLK_TCK")
        busy = ((t1 - self.t0) - (i1 - self.i0)) / tick
        own = self._own() - self.own0
        wall = time.monotonic() - self.wall0
        others = max(0.0, busy - own)
        return {"wall_s": round(wall, 1), "own_cpu_s": round(own, 1), "other_cpu_s": round(others, 1),
                "other_share": round(others / (wall * (os.cpu_count() or 1)), 3)}


def background_load() -> dict:
    busy = cpu_busy()
    load = ""
    with contextlib.suppress(OSError):
        load = " ".join(Path("/proc/loadavg").read_text().split()[:3])
    if busy == busy and busy > 0.15:
        say(f"warning: the machine is busy before this dataset ({busy:.0%} CPU, load {load}); "
            "numbers will be noisy")
    return {"cpu_busy": round(busy, 3), "loadavg": load}


def bench_dataset(name: str, store_path: Path, queries: list[Query], settings: Settings, tmp: Path) -> dict:
    nonce = uuid.uuid4().hex[:8]
    real = Path(os.path.realpath(store_path))
    result: dict = {"dataset": name, "store": str(store_path), "quads": store_quads(real), "queries": {}}
    say(f"dataset {name}: {result['quads']} quads at {store_path}")
    result["background"] = background_load()
    other = OtherLoad()

    inproc = InProcess(real)
    for q in queries:
        result["queries"][q.key] = {"title": q.title, "kind": q.kind}

    kg_port, ox_port = free_port(), free_port()
    kg = Server("kg serve", [
        str(BIN / "kg"), "serve", "--store", str(store_path), "--port", str(kg_port),
        "--workers", str(settings.kg_workers), "--threads", str(settings.kg_threads),
        "--query-workers", str(settings.kg_query_workers), "--timeout", "120",
    ], kg_port, "/sparql", tmp / f"kg-serve-{name}.log")
    oxs = Server("oxigraph serve", [
        str(BIN / "oxigraph"), "serve-read-only", "--location", str(real), "--bind", f"127.0.0.1:{ox_port}",
        "--union-default-graph",
    ], ox_port, "/query", tmp / f"oxigraph-serve-{name}.log")
    try:
        kg.start(kg_probe)
        oxs.start(ox_probe)
        result["kg_serve_cmd"] = shlex.join(kg.cmd)
        result["oxigraph_serve_cmd"] = shlex.join(oxs.cmd)
        # warm up every gunicorn worker and its query processes (the pool is created lazily)
        warm = write_lua(tmp / f"warm-{name}.lua", queries[0], unique_nonce=nonce + "-warm")
        run_wrk(kg.url, warm, 1, 8)
        run_wrk(oxs.url, warm, 1, 4)

        kgc, oxc = Client(kg.port, kg.path), Client(oxs.port, oxs.path)
        for q in queries:
            counts = engine_counts(q, inproc, kgc, oxc, nonce)
            result["queries"][q.key]["rows"] = counts
            if len(set(counts.values())) != 1:
                raise BenchError(f"row counts differ for {q.title} on {name}: {counts}")
            if next(iter(counts.values())) == 0:
                say(f"  warning: {q.title} returns no rows on {name}")

        # latency: the four ways interleaved round by round, so that a change in background load
        # (a shared machine) hits all of them alike
        for q in queries:
            r = result["queries"][q.key]
            timings = measure_interleaved({
                "a": lambda _i, q=q: inproc.run(q),
                "b_cached": http_call(kgc, q, None),
                "b_uncached": http_call(kgc, q, f"{nonce}-lat"),
                "c": http_call(oxc, q, None),
            }, settings.latency)
            r.update({k: t.summary() for k, t in timings.items()})
            say(f"  latency {q.title}: a {r['a']['median_ms']:.3f}, b cached {r['b_cached']['median_ms']:.3f} / "
                f"uncached {r['b_uncached']['median_ms']:.3f}, c {r['c']['median_ms']:.3f} ms")
        inproc.close()
        if settings.breakdown and name == "curated":
            result["http_floor"] = {
                "kg_healthz": measure(lambda _i: kgc.get("/healthz"), settings.latency).summary()}
        kgc.close()
        oxc.close()

        if settings.throughput:
            secs = settings.wrk_seconds
            for q in queries:
                r = result["queries"][q.key]
                cached = write_lua(tmp / f"{name}-{q.key}.lua", q, unique_nonce=None)
                fresh = write_lua(tmp / f"{name}-{q.key}-unique.lua", q, unique_nonce=f"{nonce}-wrk")
                if settings.quick and r["a"]["median_ms"] >= COSTLY_MS:
                    # saves time in quick mode: one connection is the sequential latency already measured
                    one = {k: derived_rps(r[src]["median_ms"]) for k, src in (("b1", "b_cached"), ("c1", "c"))}
                else:
                    one = {"b1": run_wrk(kg.url, cached, secs, 1, kg).summary(),
                           "c1": run_wrk(oxs.url, cached, secs, 1, oxs).summary()}
                r["wrk"] = {
                    **one,
                    "b4": run_wrk(kg.url, cached, secs, 4, kg).summary(),
                    "b4_uncached": run_wrk(kg.url, fresh, secs, 4, kg).summary(),
                    "c4": run_wrk(oxs.url, cached, secs, 4, oxs).summary(),
                }
                w = r["wrk"]
                say(f"  req/s {q.title}: b {w['b1']['rps']:.0f}/{w['b4']['rps']:.0f} "
                    f"(uncached@4 {w['b4_uncached']['rps']:.0f}), c {w['c1']['rps']:.0f}/{w['c4']['rps']:.0f}")
                bad = {k: v for k, v in w.items() if v["non2xx"] or v["errors"]}
                if bad:
                    say(f"  warning: errors during wrk runs of {q.title}: {bad}")
            if settings.breakdown and name == "curated":
                floor = tmp / "healthz.lua"
                floor.write_text('wrk.method = "GET"\n')
                result["http_floor"]["kg_healthz_rps4"] = run_wrk(
                    f"http://127.0.0.1:{kg.port}/healthz", floor, secs, 4, kg).summary()
    finally:
        kg.stop()
        oxs.stop()
    if settings.breakdown:
        try:
            result["breakdown"] = breakdown(store_path, queries, settings)
        except Exception as exc:  # the breakdown uses server internals; never let it sink the run
            result["breakdown"] = {"error": f"{type(exc).__name__}: {exc}"}
            say(f"  breakdown unavailable: {exc}")
    result["background"]["during"] = other.stop()
    if result["background"]["during"].get("other_share", 0) > 0.1:
        say(f"warning: other processes used {result['background']['during']['other_share']:.0%} of the CPUs "
            f"while {name} was measured; numbers are noisy")
    return result


def breakdown(store_path: Path, queries: list[Query], settings: Settings) -> dict:
    """Where kg serve's time goes, layer by layer, measured in this process (no HTTP):

    run    server.executor._run: the worker's work (query, row-cap writer / list of triples)
    pool   QueryPool.run: + pickling the Job and Answer over the pipe to a worker process
    flask  Flask test client, unique query: + Flask, negotiation, SERVICE check, cache put
    flaskc Flask test client, repeated query: the cache-hit path (app overhead only)
    check  server.safety.check_query alone (the SERVICE lexer)
    """
    import pyoxigraph as ox

    import server.executor as ex
    from kg.namespaces import PREFIXES
    from server.app import create_app
    from server.config import ServerConfig
    from server.safety import check_query

    budget = Budget(settings.latency.seconds / 2, min(5, settings.latency.min_n), settings.latency.max_n, 2)
    ex._RES, ex._RDF = ex._formats()
    real = os.path.realpath(store_path)  # what the server resolves per request; the app gets the symlink
    store = ox.Store.read_only(real)
    inproc = InProcess(Path(real))
    pool = ex.QueryPool(1, timeout=120)
    app = create_app(ServerConfig(store=str(store_path), query_workers=1, workers=1))
    client = app.test_client()
    out: dict = {}
    nonce = uuid.uuid4().hex[:8]
    try:
        for q in queries:
            job = ex.Job(query=q.text, store=real, select_formats=("json",),
                         graph_formats=("ntriples",), prefixes=tuple(sorted(PREFIXES.items())))
            headers = {"Content-Type": "application/sparql-query", "Accept": ACCEPT[q.kind]}

            def flask_once(i: int, q: Query = q, headers: dict = headers, uniq: bool = True) -> None:
                text = unique(q.text, nonce + "-flask", i) if uniq else q.text
                resp = client.post("/sparql", data=text.encode(), headers=headers)
                if resp.status_code != 200:
                    raise BenchError(f"Flask test client: {resp.status_code} {resp.data[:300]!r}")

            timings = measure_interleaved({
                "a": lambda _i, q=q: inproc.run(q),
                "run": lambda _i, job=job: ex._run(store, job),
                "pool": lambda _i, job=job: pool.run(job),
                "flask": flask_once,
                "flaskc": lambda i, f=flask_once: f(i, uniq=False),
            }, budget)
            row = {k: t.summary() for k, t in timings.items()}
            row["check"] = measure(lambda _i, q=q: check_query(q.text, (), PREFIXES), budget).summary()
            answer = ex._run(store, job)
            row["body_bytes"] = len(answer.body)
            out[q.key] = row
            say(f"  breakdown {q.title}: run {row['run']['median_ms']:.3f}, pool {row['pool']['median_ms']:.3f}, "
                f"flask {row['flask']['median_ms']:.3f}, flask cached {row['flaskc']['median_ms']:.3f}, "
                f"check {row['check']['median_ms']:.3f} ms")
    finally:
        pool.close()
        with contextlib.suppress(Exception):
            app.extensions["kg"].close()
        store = None  # noqa: F841 - closes the store
        inproc.close()
    return out


# --- report ------------------------------------------------------------------------------------


def fmt_ms(x: float) -> str:
    if x != x:  # nan
        return "–"
    return f"{x:.3f}" if x < 10 else f"{x:.1f}" if x < 1000 else f"{x:.0f}"


def fmt_ratio(x: float) -> str:
    return "–" if x != x else f"{x:.2f}×"


def ratio(a: float, b: float) -> float:
    return a / b if b else float("nan")


def table(headers: list[str], rows: list[list[str]]) -> str:
    widths = [max(len(h), *(len(r[i]) for r in rows)) for i, h in enumerate(headers)]
    line = lambda cells: "| " + " | ".join(c.ljust(w) for c, w in zip(cells, widths, strict=True)) + " |"  # noqa: E731
    sep = "|" + "|".join("-" * (w + 2) for w in widths) + "|"
    return "\n".join([line(headers), sep, *(line(r) for r in rows)])


def report(results: list[dict], meta: dict) -> str:
    parts = []
    parts.append("## Machine and command\n")
    parts.append("\n".join(f"- {k}: {v}" for k, v in meta.items()))
    lat_headers = ["dataset", "query", "rows", "a in-proc ms", "b cached ms", "b uncached ms", "c oxigraph ms",
                   "b/c", "b/a", "class", "target"]
    lat_rows = []
    thr_rows = []
    cpu_rows: list[list[str]] = []
    summary = []
    for res in results:
        for r in res["queries"].values():
            if "c" not in r:
                continue
            a, bc, bu, c = (r[k]["median_ms"] for k in ("a", "b_cached", "b_uncached", "c"))
            costly = a >= COSTLY_MS
            lat_ratio = ratio(bu, c)
            rows = next(iter(r["rows"].values()))
            verdict = "–"
            if costly:
                verdict = ("PASS" if lat_ratio <= TARGET_LATENCY_RATIO else "MISS") + \
                    f" (≤{TARGET_LATENCY_RATIO}×)"
            lat_rows.append([
                res["dataset"], r["title"], str(rows),
                f"{fmt_ms(a)} / {fmt_ms(r['a']['p90_ms'])}",
                f"{fmt_ms(bc)} / {fmt_ms(r['b_cached']['p90_ms'])}",
                f"{fmt_ms(bu)} / {fmt_ms(r['b_uncached']['p90_ms'])}",
                f"{fmt_ms(c)} / {fmt_ms(r['c']['p90_ms'])}",
                f"{fmt_ratio(ratio(bc, c))} / {fmt_ratio(lat_ratio)}",
                f"{fmt_ratio(ratio(bc, a))} / {fmt_ratio(ratio(bu, a))}",
                "costly" if costly else "cheap", verdict,
            ])
            if costly:
                summary.append((res["dataset"], r["title"], "latency", verdict))
            w = r.get("wrk")
            if w:
                b4, bu4, c4 = w["b4"]["rps"], w["b4_uncached"]["rps"], w["c4"]["rps"]
                tv = "–"
                if not costly:
                    tv = ("PASS" if ratio(b4, c4) >= TARGET_RPS_RATIO else "MISS") + f" (≥{TARGET_RPS_RATIO}×)"
                    tv += " / uncached " + ("PASS" if ratio(bu4, c4) >= TARGET_RPS_RATIO else "MISS")
                    summary.append((res["dataset"], r["title"], "throughput", tv))
                errs = sum(v["non2xx"] + v["errors"] for v in w.values())
                cpu = {k: v.get("server_cpu_ms", float("nan")) for k, v in w.items()}
                cpu_rows.append([res["dataset"], r["title"],
                                 *(fmt_ms(cpu[k]) for k in ("b1", "c1", "b4", "b4_uncached", "c4")),
                                 fmt_ratio(ratio(cpu["b4"], cpu["c4"])),
                                 fmt_ratio(ratio(cpu["b4_uncached"], cpu["c4"]))])
                thr_rows.append([
                    res["dataset"], r["title"],
                    fmt_rps(w["b1"]), fmt_rps(w["c1"]), fmt_ratio(ratio(w["b1"]["rps"], w["c1"]["rps"])),
                    fmt_rps(w["b4"]), fmt_rps(w["b4_uncached"]), fmt_rps(w["c4"]),
                    f"{fmt_ratio(ratio(b4, c4))} / {fmt_ratio(ratio(bu4, c4))}",
                    "cheap" if not costly else "costly", tv + (f" ({errs} errors)" if errs else ""),
                ])
    parts.append("\n## Latency (sequential requests, one persistent connection): median / p90 in ms\n")
    parts.append("a = pyoxigraph in-process (query + serialisation), b = kg serve, c = oxigraph serve. "
                 "b cached repeats the identical query (result cache answers); b uncached makes every "
                 "query text unique. Ratios: cached / uncached. Class: costly when a ≥ "
                 f"{COSTLY_MS:g} ms. Target for costly queries: b uncached ≤ {TARGET_LATENCY_RATIO}× c.\n")
    parts.append(table(lat_headers, lat_rows))
    if thr_rows:
        parts.append("\n## Throughput (wrk, 1 thread): requests/s\n")
        parts.append("b1/c1 = 1 connection, b4/c4 = 4 connections (identical query: cache in play for b), "
                     "bU4 = kg serve at 4 connections with every query unique. Target for cheap queries: "
                     f"b4 ≥ {TARGET_RPS_RATIO}× c4 (also shown for bU4). ≈ = derived from the sequential "
                     "median (quick mode, costly queries); (n=…) = fewer than 20 requests completed.\n")
        parts.append(table(["dataset", "query", "b1", "c1", "b1/c1", "b4", "bU4", "c4", "b4/c4 / bU4/c4",
                            "class", "target"], thr_rows))
    parts.append("\n## Background load (other processes on the machine)\n")
    for res in results:
        bg = res.get("background", {})
        line = (f"- {res['dataset']}: before: {bg.get('cpu_busy', float('nan')):.0%} CPU busy, load average "
                f"{bg.get('loadavg', '?')}")
        during = bg.get("during") or {}
        if during:
            line += (f"; during the measurements (servers, wrk): other processes used "
                     f"{during['other_cpu_s']:.0f} CPU-s of {during['wall_s']:.0f} s × {os.cpu_count()} CPUs "
                     f"= {during['other_share']:.0%}")
        parts.append(line)
    if cpu_rows:
        parts.append("\n## Server CPU time per request during the wrk runs (ms, all processes of the server)\n")
        parts.append("User + system CPU of the server's process group (gunicorn master, workers, query workers; "
                     "oxigraph) divided by completed requests. On 2 cores, 2000 / (CPU ms) bounds req/s.\n")
        parts.append(table(["dataset", "query", "b1", "c1", "b4", "bU4", "c4", "b4/c4", "bU4/c4"], cpu_rows))
    floors = [(res["dataset"], res["http_floor"]) for res in results if res.get("http_floor")]
    for dataset, floor in floors:
        parts.append(f"\n## HTTP floor ({dataset})\n")
        h = floor["kg_healthz"]
        line = f"- kg serve `GET /healthz` (gunicorn + Flask, no query): median {fmt_ms(h['median_ms'])} ms"
        if "kg_healthz_rps4" in floor:
            hz = floor["kg_healthz_rps4"]
            line += (f", {hz['rps']:.0f} req/s at 4 connections, "
                     f"{fmt_ms(hz.get('server_cpu_ms', float('nan')))} ms server CPU per request")
        parts.append(line)
    bds = [(res["dataset"], res["breakdown"]) for res in results if res.get("breakdown")]
    if bds:
        parts.append("\n## Breakdown of kg serve, in-process layers (median ms)\n")
        parts.append("Measured interleaved in this process after the servers stopped; a = pyoxigraph "
                     "query + serialisation (as in the latency table); "
                     "run = server.executor._run in this process (query + row-cap writer / triple list); "
                     "pool = QueryPool.run (+ pickle over a pipe to a worker process); flask = Flask test client, "
                     "unique query (+ Flask, negotiation, SERVICE check, cache); flask cached = repeated query "
                     "(cache hit); check = safety.check_query alone; http = b uncached from the latency table.\n")
        rows = []
        for dataset, bd in bds:
            if "error" in bd:
                rows.append([dataset, f"unavailable: {bd['error']}", *[""] * 8])
                continue
            res = next(r for r in results if r["dataset"] == dataset)
            for key, row in bd.items():
                qr = res["queries"][key]
                rows.append([dataset, qr["title"], fmt_ms(row["a"]["median_ms"]), fmt_ms(row["run"]["median_ms"]),
                             fmt_ms(row["pool"]["median_ms"]), fmt_ms(row["flask"]["median_ms"]),
                             fmt_ms(row["flaskc"]["median_ms"]), fmt_ms(row["check"]["median_ms"]),
                             fmt_ms(qr["b_uncached"]["median_ms"]) if "b_uncached" in qr else "–",
                             str(row["body_bytes"])])
        parts.append(table(["dataset", "query", "a", "run", "pool", "flask", "flask cached", "check", "http",
                            "body bytes"], rows))
    if summary:
        parts.append("\n## Targets\n")
        for dataset, title, what, verdict in summary:
            parts.append(f"- {dataset} / {title} / {what}: {verdict}")
    return "\n".join(parts) + "\n"


def machine(settings: Settings, wrk_version: str) -> dict:
    import pyoxigraph as ox

    ox_version = subprocess.run([str(BIN / "oxigraph"), "--version"], capture_output=True, text=True).stdout.strip()
    cpu = ""
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    git = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True,
                         cwd=ROOT).stdout.strip()
    dirty = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"], capture_output=True, text=True,
                           cwd=ROOT).stdout.strip()
    mem = ""
    with contextlib.suppress(OSError, ValueError, IndexError):
        kb = int(Path("/proc/meminfo").read_text().split("\n")[0].split()[1])
        mem = f", {kb / 1024 / 1024:.0f} GiB RAM"
    return {
        "command": shlex.join([sys.executable, *sys.argv]),
        "date": time.strftime("%Y-%m-%d %H:%M:%S %Z"),
        "machine": f"{os.cpu_count()} CPUs ({cpu or platform.processor()}){mem}, {platform.platform()}",
        "python": platform.python_version(),
        "pyoxigraph": ox.__version__,
        "oxigraph CLI": ox_version,
        "wrk": wrk_version,
        "git": git + (" (modified)" if dirty else ""),
        "kg serve": f"--workers {settings.kg_workers} --threads {settings.kg_threads} "
                    f"--query-workers {settings.kg_query_workers} (gunicorn gthread)",
        "mode": ("quick" if settings.quick else "full") + f": wrk {settings.wrk_seconds} s per run, latency "
                f"≤{settings.latency.seconds:g} s or {settings.latency.max_n} requests per cell after "
                f"{settings.latency.warmup} warm-up",
    }


@contextlib.contextmanager
def workdir(keep: bool) -> Iterator[Path]:
    path = Path(tempfile.mkdtemp(prefix="kg-bench-"))
    try:
        yield path
    finally:
        if keep:
            say(f"kept {path}")
        else:
            shutil.rmtree(path, ignore_errors=True)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description="Benchmark kg serve against pyoxigraph in-process and oxigraph serve.")
    p.add_argument("--quick", action="store_true", help="short runs (2 s wrk, ~0.5 s per latency cell): < 3 min")
    p.add_argument("--store", help="curated store directory (default: kg build into a temporary directory)")
    p.add_argument("--synthetic-store", help="directory for the cached synthetic dataset "
                   "(default: $TMPDIR/kg-bench-synthetic; reused when the source and size match)")
    p.add_argument("--triples", type=int, default=1_000_000, help="synthetic dataset size (default 10^6)")
    p.add_argument("--datasets", default="curated,synthetic", help="comma-separated subset of curated,synthetic")
    p.add_argument("--queries", default="point,label,join3,agg,construct", help="comma-separated query keys")
    p.add_argument("--wrk-seconds", type=int, help="seconds per wrk run (default 5; 2 with --quick)")
    p.add_argument("--no-throughput", action="store_true", help="skip the wrk runs")
    p.add_argument("--breakdown", action=argparse.BooleanOptionalAction, default=None,
                   help="time kg serve's layers in-process (default: on in full mode, off with --quick)")
    p.add_argument("--workers", type=int, default=2, help="kg serve --workers (default 2, the server default)")
    p.add_argument("--threads", type=int, default=8, help="kg serve --threads (default 8)")
    p.add_argument("--query-workers", type=int, default=2, help="kg serve --query-workers (default 2)")
    p.add_argument("--json", help="also write all measurements to this JSON file")
    p.add_argument("--markdown", help="also write the report to this file")
    p.add_argument("--keep", action="store_true", help="keep the temporary directory (logs, Lua scripts)")
    args = p.parse_args(argv)

    quick = args.quick
    settings = Settings(
        quick=quick,
        wrk_seconds=args.wrk_seconds or (2 if quick else 5),
        latency=Budget(0.5, 3, 300, 3) if quick else Budget(2.0, 10, 2000, 5),
        kg_workers=args.workers, kg_threads=args.threads, kg_query_workers=args.query_workers,
        queries=tuple(k.strip() for k in args.queries.split(",") if k.strip()),
        throughput=not args.no_throughput,
        breakdown=(not quick) if args.breakdown is None else args.breakdown,
    )
    datasets = [d.strip() for d in args.datasets.split(",") if d.strip()]
    started = time.perf_counter()
    try:
        wrk_version = ensure_wrk() if settings.throughput else "(not used)"
        meta = machine(settings, wrk_version)
        with workdir(args.keep) as tmp:
            if args.store:
                curated = Path(args.store)
                if not (Path(os.path.realpath(curated)) / "CURRENT").exists():
                    raise BenchError(f"--store {curated}: not a store directory (no CURRENT file)")
                meta["curated store"] = f"{curated} (given)"
            else:
                curated, build_cmd = build_curated(tmp / "curated" / "store")
                meta["curated store"] = f"built with `{build_cmd}`"
            entity = pick_entity(curated)
            all_queries = make_queries(entity)
            unknown = set(settings.queries) - {q.key for q in all_queries}
            if unknown:
                raise BenchError(f"unknown query keys {sorted(unknown)}")
            queries = [q for q in all_queries if q.key in settings.queries]
            stores: list[tuple[str, Path]] = []
            if "curated" in datasets:
                stores.append(("curated", curated))
            if "synthetic" in datasets:
                sys.path.insert(0, str(Path(__file__).resolve().parent))
                import synthetic

                out = Path(args.synthetic_store or Path(tempfile.gettempdir()) / "kg-bench-synthetic")
                syn_store, syn_meta = synthetic.generate(curated, out, args.triples, say=say)
                meta["synthetic store"] = (f"{syn_store}: {syn_meta['copies']} copies of "
                                           f"{syn_meta['instance_quads']} instance quads + "
                                           f"{syn_meta['shared_quads']} shared (ontology, vocabulary)")
                stores.append(("synthetic", syn_store))
            results = [bench_dataset(name, path, queries, settings, tmp) for name, path in stores]
            meta["datasets"] = ", ".join(f"{r['dataset']} {r['quads']} quads" for r in results)
            meta["queries"] = "; ".join(f"{q.key}: {' '.join(q.text.replace(HEADER, '').split())}"
                                        for q in queries)
            meta["wall time"] = f"{time.perf_counter() - started:.0f} s"
            text = report(results, meta)
            print(text)
            if args.markdown:
                Path(args.markdown).write_text(text)
            if args.json:
                Path(args.json).write_text(json.dumps({"meta": meta, "results": results}, indent=2,
                                                      ensure_ascii=False) + "\n")
    except BenchError as exc:
        print(f"bench: error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    return 0


if __name__ == "__main__":
    sys.exit(main())
