"""Saved-query mechanics: header checks at load time, typed parameters, injection-proof binding."""

from __future__ import annotations

import json
import os
import subprocess
import urllib.parse
from pathlib import Path

import pytest

from kg.errors import KGError
from kg.namespaces import PREFIXES
from kg.saved import load_catalogue, load_query

from .conftest import kg_command, start_server, stop_server
from .test_server import http

ECHO = """#+ summary: Echo the parameters back
#+ description: A test query that projects its parameters, so a bound value can be compared with what was sent.
#+ enumerate:
#+   colour: [red, green]
SELECT ?_text_literal ?__n_integer ?__when_xsd_date ?__label_ko ?__colour ?__thing_iri WHERE { }
"""
PAGED = """#+ summary: Numbers, paginated
#+ pagination: 3
SELECT ?n WHERE { VALUES ?n { 1 2 3 4 5 6 7 } } ORDER BY ?n
"""
INJECTIONS = ['x" } ; DROP ALL ; #', "a > b", "} UNION { ?s ?p ?o }", "line1\nline2 } #", "# comment",
              "\\\" ) . <urn:x> <urn:y> <urn:z> . #", "'''", "<script>alert(1)</script>"]


@pytest.fixture
def qdir(tmp_path: Path) -> Path:
    d = tmp_path / "queries"
    d.mkdir()
    (d / "echo.rq").write_text(ECHO, encoding="utf-8")
    (d / "paged.rq").write_text(PAGED, encoding="utf-8")
    return d


def test_parameters_are_typed_from_their_names(qdir: Path) -> None:
    q = load_query(qdir / "echo.rq")
    types = {p.name: (p.type, p.required) for p in q.params}
    assert types == {"text": ("literal", True), "n": ("integer", False), "when": ("xsd_date", False),
                     "label": ("ko", False), "colour": ("literal", False), "thing": ("iri", False)}
    assert q.param("colour").enum == ("red", "green")


@pytest.mark.parametrize("header,message", [
    ("#+ summary: [unclosed\n", "invalid #+ header"),
    ("#+ description: no summary\n", "needs a summary"),
    ("#+ summary: x\n#+ colour: blue\n", "unknown header key"),
    ("#+ summary: x\n#+ defaults:\n#+   nosuch: 1\n", "does not use"),
    ("#+ summary: x\n#+ pagination: -1\n", "pagination"),
])
def test_bad_headers_are_refused_naming_the_file(tmp_path: Path, header: str, message: str) -> None:
    path = tmp_path / "bad.rq"
    path.write_text(header + "SELECT ?_x_literal WHERE { }\n", encoding="utf-8")
    with pytest.raises(KGError) as info:
        load_query(path)
    assert info.value.where == "queries/bad.rq" and message in str(info.value)


def test_unprojected_parameter_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "hidden.rq"
    path.write_text("#+ summary: x\nSELECT ?s WHERE { ?s ?p ?_value_literal }\n", encoding="utf-8")
    with pytest.raises(KGError, match="project them"):
        load_query(path)


@pytest.mark.parametrize("payload", INJECTIONS)
def test_injection_payloads_stay_inert_literals(store, qdir: Path, payload: str) -> None:
    q = load_catalogue(qdir).get("echo")
    res = store.query(q.text, prefixes=PREFIXES, substitutions=q.bindings({"text": payload}))
    assert [row["_text_literal"].value for row in res.dicts()] == [payload]


@pytest.mark.parametrize("name,value,expected", [
    ("n", "12x", "is not an integer"), ("when", "2023-02-30", "is not a date"),
    ("thing", "not an iri", "is not an absolute IRI"), ("thing", "http://x> <y", "is not an absolute IRI"),
    ("colour", "blue", "one of red, green"),
])
def test_wrong_types_name_the_parameter(qdir: Path, name: str, value: str, expected: str) -> None:
    q = load_catalogue(qdir).get("echo")
    with pytest.raises(KGError) as info:
        q.bindings({"text": "x", name: value})
    assert info.value.status == 400 and f"parameter {name!r}" in str(info.value) and expected in str(info.value)


def test_missing_required_parameter(qdir: Path) -> None:
    with pytest.raises(KGError, match="parameter 'text' is required"):
        load_catalogue(qdir).get("echo").bindings({})


def test_kg_serve_refuses_to_start_with_a_bad_query_file(kg_store: Path, tmp_path: Path) -> None:
    (tmp_path / "broken.rq").write_text("#+ summary: [x\nSELECT * WHERE { }\n", encoding="utf-8")
    proc = subprocess.run([*kg_command(), "serve", "--store", str(kg_store), "--port", "1"], capture_output=True,
                          text=True, timeout=60, env={**os.environ, "KG_QUERIES_DIR": str(tmp_path)})
    assert proc.returncode == 1 and "queries/broken.rq" in proc.stderr and "Traceback" not in proc.stderr


@pytest.fixture
def echo_server(kg_store: Path, qdir: Path):
    proc, url = start_server(kg_store, env={"KG_QUERIES_DIR": str(qdir)})
    yield url
    stop_server(proc)


def test_http_injection_payloads_and_errors(echo_server: str) -> None:
    for payload in INJECTIONS:
        url = f"{echo_server}/api/queries/echo?" + urllib.parse.urlencode({"text": payload, "format": "json"})
        status, _, body = http(url)
        assert status == 200, body
        assert json.loads(body)["results"]["bindings"][0]["_text_literal"]["value"] == payload
    status, _, body = http(f"{echo_server}/api/queries/echo?text=x&n=twelve&format=json")
    assert status == 400 and "parameter 'n'" in json.loads(body)["error"]
    status, _, body = http(f"{echo_server}/api/queries/echo?format=json")
    assert status == 400 and "parameter 'text' is required" in json.loads(body)["error"]
    status, _, body = http(f"{echo_server}/api/queries/echo?text=x&bogus=1&format=json")
    assert status == 400 and "bogus" in json.loads(body)["error"]
    assert http(f"{echo_server}/api/queries/nosuch?format=json")[0] == 404


def test_http_pagination_with_link_headers_and_total(echo_server: str) -> None:
    status, headers, body = http(f"{echo_server}/api/queries/paged?page=2&format=json")
    assert status == 200
    assert [int(b["n"]["value"]) for b in json.loads(body)["results"]["bindings"]] == [4, 5, 6]
    assert headers["X-Total-Count"] == "7"
    links = headers["Link"]
    assert 'rel="next"' in links and "page=3" in links and 'rel="prev"' in links and 'rel="last"' in links
    status, headers, body = http(f"{echo_server}/api/queries/paged?page=3&per_page=3&format=json")
    assert [int(b["n"]["value"]) for b in json.loads(body)["results"]["bindings"]] == [7]
    assert 'rel="next"' not in headers["Link"]
    assert http(f"{echo_server}/api/queries/paged?page=0&format=json")[0] == 400
