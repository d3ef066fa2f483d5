"""Saved queries over HTTP: catalogue, OpenAPI document, every query in JSON, CSV and HTML."""

from __future__ import annotations

import csv
import io
import json
import urllib.parse
from pathlib import Path

import pytest

from kg.config import REPO_ROOT
from kg.saved import SavedQuery, load_catalogue

from .browser import Browser
from .test_browser import browser  # noqa: F401  (session fixture)
from .test_server import http

CATALOGUE = load_catalogue(REPO_ROOT / "queries")
QUERIES = {q.name: q for q in CATALOGUE.queries}


def sample_params(q: SavedQuery) -> dict[str, str]:
    """Values for the required parameters: the header's examples first, then its defaults."""
    values = dict(q.examples[0]) if q.examples else {}
    for p in q.params:
        if p.required and p.name not in values:
            if p.default is None:
                pytest.fail(f"queries/{q.name}.rq has a required parameter {p.name!r} without example or default")
            values[p.name] = p.default
    return values


def url_for(base: str, q: SavedQuery, **extra: str) -> str:
    return f"{base}/api/queries/{q.name}?" + urllib.parse.urlencode({**sample_params(q), **extra})


def test_there_are_fifteen_competency_questions_and_ten_more() -> None:
    assert {f"cq{i:02d}" for i in range(1, 16)} <= set(QUERIES)
    assert len(QUERIES) >= 25


def test_catalogue_lists_every_query_with_metadata(server_url: str) -> None:
    status, _, body = http(server_url + "/api/queries", headers={"Accept": "application/json"})
    assert status == 200
    listed = {q["name"]: q for q in json.loads(body)["queries"]}
    assert set(listed) == set(QUERIES)
    for name, q in QUERIES.items():
        assert listed[name]["summary"] == q.summary
        assert [p["name"] for p in listed[name]["parameters"]] == [p.name for p in q.params]


def test_openapi_document_validates(server_url: str) -> None:
    from openapi_spec_validator import validate

    status, _, body = http(server_url + "/api/openapi.json")
    assert status == 200
    doc = json.loads(body)
    validate(doc)
    for name, q in QUERIES.items():
        op = doc["paths"][f"/api/queries/{name}"]["get"]
        declared = {p["name"]: p for p in op["parameters"]}
        for p in q.params:
            assert p.name in declared, f"{name}: parameter {p.name} missing from OpenAPI"
            if p.type == "integer":
                assert declared[p.name]["schema"]["type"] == "integer"
            if p.type == "iri":
                assert declared[p.name]["schema"]["format"] == "uri"
            if p.enum:
                assert declared[p.name]["schema"]["enum"] == list(p.enum)


@pytest.mark.parametrize("name", sorted(QUERIES))
def test_every_saved_query_answers_json_csv_and_html(server_url: str, name: str) -> None:
    q = QUERIES[name]
    if q.form in ("select", "ask"):
        status, headers, body = http(url_for(server_url, q), headers={"Accept": "application/sparql-results+json"})
        assert status == 200, body[:300]
        doc = json.loads(body)
        status, headers, body = http(url_for(server_url, q, format="csv"))
        assert status == 200 and headers["Content-Type"].startswith("text/csv")
        if q.form == "select":
            header = next(csv.reader(io.StringIO(body.decode())))
            assert header == doc["head"]["vars"]
    else:
        status, headers, body = http(url_for(server_url, q), headers={"Accept": "text/turtle"})
        assert status == 200 and headers["Content-Type"].startswith("text/turtle")
    status, headers, body = http(url_for(server_url, q), headers={"Accept": "text/html"})
    assert status == 200 and headers["Content-Type"].startswith("text/html")
    assert q.summary.split()[0] in body.decode()


def test_missing_required_parameter_is_400_naming_it(server_url: str) -> None:
    status, _, body = http(server_url + "/api/queries/cq10?format=json")
    assert status == 400 and "'entity'" in json.loads(body)["error"]
    status, _, body = http(server_url + "/api/queries/cq10?entity=not%20an%20iri&format=json")
    assert status == 400 and "'entity'" in json.loads(body)["error"]


def test_saved_queries_are_the_editors_examples(server_url: str) -> None:
    status, _, body = http(server_url + "/", headers={"Accept": "text/html"})
    page = body.decode()
    for name in QUERIES:
        assert f"{name}: " in page, f"{name} is not among the editor's examples"


def test_saved_query_page_works_in_chromium(browser: Browser, server_url: str, tmp_path: Path) -> None:  # noqa: F811
    q = QUERIES["cq10"]
    browser.open(url_for(server_url, q))
    browser.wait_for(lambda: browser.find("#results"), "the results table of cq10")
    rows = browser.find_all("#results tr")
    assert len(rows) >= 2, "cq10 for Shanghai shows no result rows"
    inputs = {el.get_dom_attribute("name"): el.get_property("value") for el in browser.find_all("#params input")}
    assert inputs.get("entity", "").startswith("https://w3id.org/cnpolicy/id/")
    editor_link = browser.find("#open-editor").get_dom_attribute("href")
    assert editor_link.startswith("/?query=")
    shot = browser.screenshot(tmp_path / "cq10.png")
    assert shot.stat().st_size > 5_000
    browser.find("#open-editor").click()
    browser.wait_js("return window.kgYasgui && kgYasgui.getTab().getQuery().includes('_entity_iri');",
                    "the editor to open with the saved query")
