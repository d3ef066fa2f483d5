"""The endpoint's pages in a real headless Chromium: the YASGUI query editor and linked-data pages.

One browser serves the whole session (started in ``browser``); the server is the session's
``kg serve`` over the curated graph (``server_url``). If Chromium cannot be installed the tests
fail with the reason, they are never skipped.
"""

from __future__ import annotations

import json
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

try:  # tests/ imported as a package (tests/__init__.py) or as a plain directory on sys.path
    from .browser import Browser, BrowserUnavailable, start_browser
except ImportError:
    from browser import Browser, BrowserUnavailable, start_browser

PUBLIC_BASE = "https://w3id.org/cnpolicy/"  # served at / by this server
ID_BASE = PUBLIC_BASE + "id/"
DOCUMENT_BASE = ID_BASE + "document/"
REGULATIONS = "SELECT ?doc ?title WHERE { ?doc a cnp:Regulation ; dcterms:title ?title } LIMIT 5"

EDITOR_READY = """
return !!(window.kgYasgui && kgYasgui.getTab() && kgYasgui.getTab().getYasqe()
          && document.querySelector('#yasgui .CodeMirror'));
"""
# Rows of the YASR results table (DataTables shows one placeholder row when there are none),
# or the error YASR displays instead; null while the query is still running.
RESULTS = """
const yasr = document.querySelector('#yasgui .yasr');
if (!yasr) return null;
const error = yasr.querySelector('.errorResult');
if (error && error.offsetParent !== null) return {error: error.textContent.trim(), rows: []};
const rows = Array.from(yasr.querySelectorAll('table tbody tr'))
  .filter(tr => !tr.querySelector('.dataTables_empty'));
if (!rows.length) return null;
return {error: null, rows: rows.map(tr => Array.from(tr.querySelectorAll('td')).map(td => ({
  text: td.textContent, hrefs: Array.from(td.querySelectorAll('a[href]')).map(a => a.href)})))};
"""


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    try:
        b = start_browser()
    except BrowserUnavailable as exc:
        pytest.fail(str(exc), pytrace=False)
    yield b
    b.close()


def open_editor(browser: Browser, server_url: str) -> None:
    browser.open(server_url + "/")
    browser.wait_js(EDITOR_READY, "YASGUI to initialise (window.kgYasgui and a CodeMirror editor in #yasgui)")


def editor_query(browser: Browser) -> str:
    return browser.js("return kgYasgui.getTab().getQuery();")


def sparql_select(server_url: str, query: str) -> list[dict[str, str]]:
    url = server_url + "/sparql?" + urllib.parse.urlencode({"query": query})
    request = urllib.request.Request(url, headers={"Accept": "application/sparql-results+json"})
    with urllib.request.urlopen(request, timeout=20) as response:
        body = json.load(response)
    return [{k: v["value"] for k, v in row.items()} for row in body["results"]["bindings"]]


def test_editor_runs_a_query_and_shows_rows(browser: Browser, server_url: str) -> None:
    open_editor(browser, server_url)

    # Everything the page loads comes from this server: no CDN, YASGUI included.
    origin = browser.js("return location.origin;")
    refs = browser.js("""
      return Array.from(document.querySelectorAll('script[src], link[href]'))
        .map(e => [e.getAttribute('src') || e.getAttribute('href'), new URL(e.src || e.href, location.href).origin]);
    """)
    foreign = [ref for ref, ref_origin in refs if ref_origin != origin]
    assert not foreign, f"the editor page references other origins: {foreign}"
    assert "/static/yasgui/yasgui.min.js" in [ref for ref, _ in refs], f"no script tag for YASGUI in {refs}"
    loaded = browser.js("return performance.getEntriesByType('resource').map(e => [e.name, e.responseStatus]);")
    assert [name for name, _ in loaded if not name.startswith(origin + "/")] == [], \
        f"the editor fetched resources from other origins: {loaded}"
    yasgui_js = [status for name, status in loaded if name == origin + "/static/yasgui/yasgui.min.js"]
    assert yasgui_js and yasgui_js[0] in (200, 0), f"yasgui.min.js was not loaded from {origin}: {loaded}"

    browser.js("kgYasgui.getTab().setQuery(arguments[0]);", REGULATIONS)
    assert editor_query(browser) == REGULATIONS
    browser.find(".yasqe_queryButton").click()
    results = browser.wait_js(RESULTS, "rows (or an error) in the YASR results table after running the query")
    assert results["error"] is None, f"YASGUI shows an error for {REGULATIONS!r}: {results['error']}"
    rows = results["rows"]
    assert len(rows) >= 1
    assert len(rows) <= 5, f"LIMIT 5 query shows {len(rows)} rows"
    cells = [cell for row in rows for cell in row]
    assert any("Regulation" in c["text"] or any(h.startswith(DOCUMENT_BASE) for h in c["hrefs"])
               or DOCUMENT_BASE in c["text"] for c in cells), \
        f"no cell shows 'Regulation' or a document IRI under {DOCUMENT_BASE}: {cells}"


def test_editor_examples_dropdown_loads_a_query(browser: Browser, server_url: str) -> None:
    from selenium.webdriver.support.ui import Select

    open_editor(browser, server_url)
    examples = browser.js("return KG.examples;")
    assert examples, "the editor offers no example queries"
    # The editor starts with the first example, so replace it first to see the dropdown work.
    placeholder = "SELECT * WHERE { ?s ?p ?o } LIMIT 1"
    browser.js("kgYasgui.getTab().setQuery(arguments[0]);", placeholder)
    assert editor_query(browser) == placeholder

    dropdown = Select(browser.find("#examples"))
    names = [" ".join(o.text.split()) for o in dropdown.options]
    assert names[1:] == [" ".join(e["name"].split()) for e in examples], \
        f"dropdown options {names} do not match the examples"
    dropdown.select_by_index(1)  # index 0 is the "choose an example" prompt
    first = examples[0]["query"].strip()
    text = browser.wait_for(lambda: (q := editor_query(browser)) != placeholder and q,
                            "the editor's query to change after choosing an example")
    assert first in text, f"the editor shows {text!r}, not the example {examples[0]['name']!r}"

    # The example runs without an error in the endpoint.
    browser.find(".yasqe_queryButton").click()
    result = browser.wait_js("""
      const yasr = document.querySelector('#yasgui .yasr');
      const error = yasr && yasr.querySelector('.errorResult');
      if (error && error.offsetParent !== null) return 'error: ' + error.textContent.trim();
      const chip = yasr && yasr.querySelector('.yasr_response_chip');
      return chip && /\\d+ results? in/.test(chip.textContent) ? chip.textContent : null;
    """, f"the results of example {examples[0]['name']!r} (YASR's 'N results in' line or an error)")
    assert not result.startswith("error"), f"example {examples[0]['name']!r} fails: {result}"


def test_entity_page_shows_labels_and_links(browser: Browser, server_url: str, tmp_path: Path) -> None:
    browser.open(server_url + "/id/region/shanghai")
    title = browser.wait_for(lambda: browser.find("h1#title").text.strip(), "the entity page's <h1 id=title>")
    assert title == "Shanghai"

    labels = {row.find_element("css selector", "th").text: row.find_element("css selector", "td").text
              for row in browser.find_all("#labels tr")}
    assert {"en", "ko", "zh"} <= labels.keys(), f"#labels rows: {labels}"
    assert "Shanghai" in labels["en"]
    assert "상하이" in labels["ko"], f"Korean label: {labels['ko']!r}"
    assert "上海" in labels["zh"], f"Chinese label: {labels['zh']!r}"

    hrefs = [a.get_dom_attribute("href") or "" for a in browser.find_all("#outgoing a[href]")]
    assert any(h.startswith("/id/") for h in hrefs), f"#outgoing has no link to an entity page (/id/...): {hrefs}"
    # Follow a link to another entity (not a '#' part of this one, such as a citation).
    links = [a for a in browser.find_all("#outgoing a[href]")
             if (a.get_dom_attribute("href") or "").startswith("/id/")
             and (a.get_dom_attribute("href") or "").split("#")[0] != "/id/region/shanghai"]
    assert links, f"#outgoing links only to parts of this page: {hrefs}"
    shot = browser.screenshot(tmp_path / "shanghai.png")
    assert shot.is_file() and shot.stat().st_size > 5_000, f"screenshot {shot} is missing or nearly empty"

    target = links[0].get_dom_attribute("href").split("#")[0]
    links[0].click()
    browser.wait_for(lambda: urllib.parse.urlsplit(browser.url).path == target,
                     f"the click on an #outgoing link to navigate to {target}")
    browser.wait_js("return document.readyState === 'complete' && document.getElementById('title');",
                    f"the entity page {target} to load")
    assert browser.js("return document.contentType") == "text/html", f"{target} is not shown as an HTML page"
    heading = browser.find("h1#title").text.strip()
    assert heading, f"the entity page {target} has an empty <h1 id=title>"


def test_entity_page_escapes_data(browser: Browser, server_url: str) -> None:
    rows = sparql_select(server_url, f"""
      SELECT ?s ?label WHERE {{
        ?s rdfs:label ?label FILTER(REGEX(?label, "[&<>]") && LANG(?label) IN ("en", "ko", "zh"))
        FILTER(STRSTARTS(STR(?s), "{ID_BASE}"))
      }} ORDER BY ?s LIMIT 1""")
    if rows:
        iri, label = rows[0]["s"], rows[0]["label"]
        path = "/" + iri.removeprefix(PUBLIC_BASE)
        browser.open(server_url + path)
        browser.wait_js("return document.getElementById('title');", f"the entity page {path}")
        shown = browser.js("return document.getElementById('labels').textContent;")
        assert label in shown, f"label {label!r} of {iri} is not shown as text in #labels: {shown!r}"
        assert "&amp;" not in shown and "&lt;" not in shown, f"#labels shows escaped entities: {shown!r}"
    else:
        # No label with markup characters in the graph: check the ontology page instead.
        browser.open(server_url + "/ontology")
        browser.wait_js("return document.querySelector('main table tr td');", "the ontology's term table")
        text = browser.js("return document.querySelector('main').textContent;")
        assert "&amp;" not in text and "&lt;" not in text, "the ontology page shows escaped entities as text"
    # Data never becomes markup: no scripts, embedded content or event-handler attributes anywhere.
    injected = browser.js("""
      const bad = 'script, iframe, object, embed, img, svg, style, form, input, base, meta[http-equiv], link';
      return Array.from(document.body.querySelectorAll(bad)).map(e => e.outerHTML.slice(0, 120))
        .concat(Array.from(document.querySelectorAll('*')).flatMap(e => Array.from(e.attributes)
          .filter(a => a.name.startsWith('on')).map(a => `${e.localName}[${a.name}]`)));
    """)
    assert injected == [], f"elements or handlers injected into {browser.url}: {injected}"
