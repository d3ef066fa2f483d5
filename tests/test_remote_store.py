"""The remote backend against a live `oxigraph serve`: write a build, read it back."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pyoxigraph as ox

from kg.build import build
from kg.config import Config
from kg.namespaces import PREFIXES
from kg.store import EmbeddedStore, RemoteStore

from .conftest import kg_command

COUNT_DOCS = "SELECT (COUNT(DISTINCT ?d) AS ?n) WHERE { ?d a/rdfs:subClassOf* cnp:PolicyDocument }"


def test_build_into_remote_endpoint_and_query_it(oxigraph_server: str, kg_store: Path) -> None:
    url = oxigraph_server + "/query"
    build(Config.from_env(store=url), progress=lambda _m: None, owl=False)
    remote = RemoteStore(url)
    local = EmbeddedStore(kg_store)
    # the endpoint has no union default graph: ask across GRAPH ?g explicitly
    sparql = ("SELECT (COUNT(DISTINCT ?d) AS ?n) WHERE { GRAPH ?g { ?d a ?c } "
              "GRAPH ?o { ?c rdfs:subClassOf* cnp:PolicyDocument } }")
    n_remote = int(remote.query(sparql, prefixes=PREFIXES).rows[0][0].value)
    n_local = int(local.query(COUNT_DOCS, prefixes=PREFIXES).rows[0][0].value)
    assert n_remote == n_local >= 25
    assert sorted(remote.graphs()) == sorted(local.graphs())


def test_remote_binds_parameters_as_terms_not_text(oxigraph_server: str) -> None:
    remote = RemoteStore(oxigraph_server + "/query")
    nasty = ox.Literal('x" } ; DROP ALL ; #')
    res = remote.query("SELECT ?v WHERE { }", substitutions={"v": nasty})
    assert res.rows == [(nasty,)]


def test_remote_construct_and_dump(oxigraph_server: str) -> None:
    remote = RemoteStore(oxigraph_server + "/query")
    remote.replace_all(b'<http://e/s> <http://e/p> "o" <http://e/g> .\n')
    res = remote.query("CONSTRUCT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }")
    assert res.kind == "graph" and len(res.triples) == 1
    assert b"<http://e/g>" in remote.dump()


def test_cli_queries_a_remote_endpoint(oxigraph_server: str) -> None:
    remote = RemoteStore(oxigraph_server + "/query")
    remote.replace_all(b'<http://e/s> <http://e/p> "o" .\n')
    out = subprocess.run([*kg_command(), "query", "--store", oxigraph_server + "/query", "--format", "json",
                          "SELECT ?o WHERE { ?s ?p ?o }"], check=True, capture_output=True, text=True).stdout
    assert json.loads(out)["results"]["bindings"] == [{"o": {"type": "literal", "value": "o"}}]
