"""Shared fixtures: one real knowledge graph built once per session, helpers to query it."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest

from kg.build import build
from kg.config import REPO_ROOT, Config
from kg.namespaces import PREFIXES
from kg.store import EmbeddedStore
from loaders.ingest.gazetteer import Gazetteer
from loaders.ingest.gazetteer_store import load_gazetteer

BIN = Path(sys.executable).parent


def kg_command() -> list[str]:
    exe = BIN / "kg"
    return [str(exe)] if exe.exists() else [sys.executable, "-m", "kg.cli"]


@pytest.fixture(scope="session")
def kg_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The curated KG, built with every validation (SHACL, checks, OWL reasoner)."""
    path = tmp_path_factory.mktemp("kg") / "store"
    build(Config.from_env(store=str(path)), progress=lambda _msg: None)
    return path


@pytest.fixture(scope="session")
def gazetteer(kg_store: Path) -> Gazetteer:
    """The ingest gazetteer read from the session's KG."""
    return load_gazetteer(str(kg_store))


@pytest.fixture(scope="session")
def store(kg_store: Path) -> Iterator[EmbeddedStore]:
    s = EmbeddedStore(kg_store)
    yield s
    s.close()


def _python(term: object) -> object:
    if isinstance(term, ox.NamedNode):
        return term.value
    if isinstance(term, ox.Literal):
        dt = term.datatype.value.rsplit("#", 1)[-1]
        if dt in ("integer", "int", "long"):
            return int(term.value)
        if dt == "decimal":
            from decimal import Decimal

            return Decimal(term.value)
        if dt == "boolean":
            return term.value == "true"
        return term.value
    return None if term is None else str(term)


@pytest.fixture(scope="session")
def select(store: EmbeddedStore):
    """Run a SELECT with the project's prefixes; rows as dicts of plain Python values."""

    def run(sparql: str, **bindings: object) -> list[dict[str, object]]:
        res = store.query(sparql, prefixes=PREFIXES)
        return [{k: _python(v) for k, v in row.items()} for row in res.dicts()]

    return run


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_for_port(port: int, proc: subprocess.Popen, timeout: float = 20.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"server exited early with {proc.returncode}")
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.05)
    raise TimeoutError(f"nothing listening on 127.0.0.1:{port}")


@pytest.fixture
def oxigraph_server(tmp_path: Path) -> Iterator[str]:
    """A real `oxigraph serve` (from the oxigraph PyPI package) on loopback; yields its base URL."""
    exe = BIN / "oxigraph"
    if not exe.exists():
        pytest.fail("the oxigraph CLI is missing: install the test extras (pip install -e '.[test]')")
    port = free_port()
    proc = subprocess.Popen(
        [str(exe), "serve", "--location", str(tmp_path / "oxi"), "--bind", f"127.0.0.1:{port}"],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )
    try:
        wait_for_port(port, proc)
        yield f"http://127.0.0.1:{port}"
    finally:
        proc.terminate()
        proc.wait(timeout=10)


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A private copy of the curated tables, for tests that corrupt them."""
    import shutil

    target = tmp_path / "data"
    shutil.copytree(REPO_ROOT / "data", target)
    return target


def start_server(store: Path, *extra: str, env: dict[str, str] | None = None) -> tuple[subprocess.Popen, str]:
    """`kg serve` as a user starts it, on a free loopback port; returns (process, base URL)."""
    import os

    port = free_port()
    proc = subprocess.Popen(
        [*kg_command(), "serve", "--store", str(store), "--port", str(port), *extra],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, env={**os.environ, **(env or {})},
    )
    wait_for_port(port, proc, timeout=30)
    return proc, f"http://127.0.0.1:{port}"


def stop_server(proc: subprocess.Popen) -> None:
    proc.terminate()
    try:
        proc.wait(timeout=15)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


@pytest.fixture(scope="session")
def server_url(kg_store: Path) -> Iterator[str]:
    """The real endpoint (gunicorn, query pool) over the session's store, read-only."""
    proc, url = start_server(kg_store, "--timeout", "5")
    yield url
    stop_server(proc)
