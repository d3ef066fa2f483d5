"""The SPARQL endpoint over real HTTP on 127.0.0.1, with real clients."""

from __future__ import annotations

import json
import socket
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from rdflib import Graph
from rdflib.plugins.stores.sparqlstore import SPARQLStore
from SPARQLWrapper import CSV, JSON, TSV, TURTLE, XML, SPARQLWrapper

from .conftest import start_server, stop_server

DOCS = """PREFIX cnp: <https://w3id.org/cnpolicy/ontology#>
PREFIX dcterms: <http://purl.org/dc/terms/>
SELECT ?doc ?title WHERE { ?doc a cnp:Regulation ; dcterms:title ?title FILTER(LANG(?title) = "en") }
ORDER BY ?doc"""
HIERARCHY = """PREFIX cnp: <https://w3id.org/cnpolicy/ontology#>
CONSTRUCT { ?r cnp:partOf ?p } WHERE { ?r cnp:partOf ?p }"""
RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"


def http(url: str, *, data: bytes | None = None, headers: dict[str, str] | None = None,
         method: str | None = None) -> tuple[int, dict[str, str], bytes]:
    req = urllib.request.Request(url, data=data, headers=headers or {}, method=method)
    try:
        with urllib.request.urlopen(req, timeout=60) as resp:
            return resp.status, dict(resp.headers), resp.read()
    except urllib.error.HTTPError as exc:
        return exc.code, dict(exc.headers), exc.read()


def get(base: str, query: str, **params: str) -> tuple[int, dict[str, str], bytes]:
    headers = {"Accept": params.pop("accept")} if "accept" in params else {}
    return http(f"{base}/sparql?" + urllib.parse.urlencode({"query": query, **params}), headers=headers)


def wrapper(base: str, query: str, fmt: str) -> SPARQLWrapper:
    sw = SPARQLWrapper(base + "/sparql")
    sw.setQuery(query)
    sw.setReturnFormat(fmt)
    return sw


# --- real clients -------------------------------------------------------------


def test_sparqlwrapper_json(server_url: str) -> None:
    doc = wrapper(server_url, DOCS, JSON).query().convert()
    rows = doc["results"]["bindings"]
    assert rows and all(r["doc"]["value"].startswith("https://w3id.org/cnpolicy/id/document/") for r in rows)


def test_sparqlwrapper_xml_csv_tsv_agree_with_json(server_url: str) -> None:
    n = len(wrapper(server_url, DOCS, JSON).query().convert()["results"]["bindings"])
    xml = wrapper(server_url, DOCS, XML).query().convert()
    assert len(xml.getElementsByTagName("result")) == n
    csv = wrapper(server_url, DOCS, CSV).query().convert().decode()
    assert len(csv.strip().splitlines()) == n + 1 and csv.startswith("doc,title")
    tsv = wrapper(server_url, DOCS, TSV).query().convert().decode()
    assert len(tsv.strip().splitlines()) == n + 1 and tsv.startswith("?doc\t?title")


def test_sparqlwrapper_construct_turtle_and_jsonld(server_url: str) -> None:
    sw = wrapper(server_url, HIERARCHY, TURTLE)
    g = Graph().parse(data=sw.query().convert(), format="turtle")
    assert len(g) >= 25
    status, headers, body = get(server_url, HIERARCHY, accept="application/ld+json")
    assert status == 200 and headers["Content-Type"].startswith("application/ld+json")
    assert len(Graph().parse(data=body, format="json-ld")) == len(g)


def test_rdflib_sparqlstore_reads_the_endpoint(server_url: str) -> None:
    store = SPARQLStore(server_url + "/sparql", returnFormat="json")
    g = Graph(store=store)
    rows = list(g.query("SELECT ?r WHERE { ?r <https://w3id.org/cnpolicy/ontology#partOf> "
                        "<https://w3id.org/cnpolicy/id/region/china> }"))
    assert len(rows) >= 5


def test_post_forms_and_direct_body_agree(server_url: str) -> None:
    body_direct = http(server_url + "/sparql", data=DOCS.encode(), headers={
        "Content-Type": "application/sparql-query", "Accept": "application/sparql-results+json"})[2]
    body_form = http(server_url + "/sparql", data=urllib.parse.urlencode({"query": DOCS}).encode(), headers={
        "Content-Type": "application/x-www-form-urlencoded", "Accept": "application/sparql-results+json"})[2]
    assert json.loads(body_direct) == json.loads(body_form)


def test_accept_q_values_and_format_override(server_url: str) -> None:
    status, headers, _ = get(server_url, DOCS, accept="application/sparql-results+json;q=0.5, text/csv;q=0.9")
    assert status == 200 and headers["Content-Type"].startswith("text/csv")
    status, headers, _ = get(server_url, DOCS, accept="text/csv", format="json")
    assert headers["Content-Type"].startswith("application/sparql-results+json")


def test_named_and_default_graph_parameters(server_url: str) -> None:
    g = "https://w3id.org/cnpolicy/graph/links"
    q = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    _, _, body = get(server_url, q, **{"default-graph-uri": g})
    only_links = int(json.loads(body)["results"]["bindings"][0]["n"]["value"])
    _, _, body = get(server_url, q)
    everything = int(json.loads(body)["results"]["bindings"][0]["n"]["value"])
    assert 0 < only_links < everything
    _, _, body = get(server_url, "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }", **{"named-graph-uri": g})
    assert [b["g"]["value"] for b in json.loads(body)["results"]["bindings"]] == [g]


def test_cors_on_read_endpoints(server_url: str) -> None:
    status, headers, _ = http(server_url + "/sparql", method="OPTIONS", headers={
        "Origin": "https://example.org", "Access-Control-Request-Method": "POST"})
    assert status == 204 and headers["Access-Control-Allow-Origin"] == "*"
    _, headers, _ = get(server_url, DOCS)
    assert headers["Access-Control-Allow-Origin"] == "*"


# --- status codes --------------------------------------------------------------


def test_malformed_query_is_400_with_parser_message(server_url: str) -> None:
    status, headers, body = get(server_url, "SELECT ?x WHERE { ?x ")
    assert status == 400 and headers["Content-Type"].startswith("application/json")
    err = json.loads(body)
    assert err["rule"] == "bad-query" and "error at 1:" in err["error"]
    assert b"Traceback" not in body


def test_unacceptable_type_is_406(server_url: str) -> None:
    assert get(server_url, DOCS, accept="image/png")[0] == 406
    assert get(server_url, HIERARCHY, accept="text/csv")[0] == 406


def test_oversized_request_is_413(server_url: str) -> None:
    big = "SELECT * WHERE { ?s ?p ?o } #" + "x" * 1_200_000
    status, _, body = http(server_url + "/sparql", data=big.encode(),
                           headers={"Content-Type": "application/sparql-query"})
    assert status == 413, body[:200]


def test_unsupported_content_type_is_415(server_url: str) -> None:
    assert http(server_url + "/sparql", data=b"x", headers={"Content-Type": "text/plain"})[0] == 415


# --- safety ----------------------------------------------------------------------


class Listener:
    """A TCP listener on loopback that records whether anything connected to it."""

    def __init__(self) -> None:
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(5)
        self.sock.settimeout(0.2)
        self.port = self.sock.getsockname()[1]
        self.connections = 0
        self._stop = False
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while not self._stop:
            try:
                conn, _ = self.sock.accept()
                self.connections += 1
                conn.close()
            except OSError:
                continue

    def close(self) -> None:
        self._stop = True
        self._thread.join(timeout=2)
        self.sock.close()


def test_service_to_unlisted_host_is_refused_without_connecting(server_url: str) -> None:
    listener = Listener()
    try:
        target = f"http://127.0.0.1:{listener.port}/sparql"
        for q in (f"SELECT * WHERE {{ SERVICE <{target}> {{ ?s ?p ?o }} }}",
                  f"PREFIX x: <http://127.0.0.1:{listener.port}/> "
                  "SELECT * WHERE { SERVICE SILENT x:sparql { ?s ?p ?o } }",
                  f"SELECT * WHERE {{ BIND(<{target}> AS ?e) SERVICE ?e {{ ?s ?p ?o }} }}"):
            status, _, body = get(server_url, q)
            assert status == 403 and json.loads(body)["rule"] == "service-refused", body
        time.sleep(0.3)
        assert listener.connections == 0
    finally:
        listener.close()


def test_service_word_inside_strings_and_comments_is_not_refused(server_url: str) -> None:
    q = 'SELECT ?x WHERE { BIND("SERVICE <http://example.org/>" AS ?x) } # SERVICE <http://example.org/>'
    assert get(server_url, q)[0] == 200


def test_update_without_token_is_refused(server_url: str) -> None:
    status, _, body = http(server_url + "/update", data=b"INSERT DATA { <urn:a> <urn:b> <urn:c> }",
                           headers={"Content-Type": "application/sparql-update"})
    assert status in (401, 403) and json.loads(body)["rule"] == "read-only"
    status, _, _ = http(server_url + "/store?graph=urn:x", data=b"<urn:a> <urn:b> <urn:c> .",
                        headers={"Content-Type": "application/n-triples"}, method="PUT")
    assert status in (401, 403)


@pytest.fixture(scope="module")
def writable_server(kg_store: Path, tmp_path_factory: pytest.TempPathFactory):
    """A second server over a private copy of the store, with a write token."""
    import shutil

    from kg.store import swap_in, versions_dir

    work = tmp_path_factory.mktemp("writable")
    store = work / "store"
    version = versions_dir(store) / "copy"
    version.parent.mkdir(parents=True)
    shutil.copytree(Path(kg_store).resolve(), version)
    swap_in(store, version)
    proc, url = start_server(store, env={"KG_TOKEN": "s3cret"})
    yield url, store
    stop_server(proc)


def test_update_with_token_writes_a_new_version(writable_server) -> None:
    url, store = writable_server
    before = Path(store).resolve()
    auth = {"Content-Type": "application/sparql-update"}
    assert http(url + "/update", data=b"INSERT DATA { GRAPH <urn:g> { <urn:a> <urn:b> 1 } }", headers=auth)[0] == 401
    assert http(url + "/update", data=b"INSERT DATA { GRAPH <urn:g> { <urn:a> <urn:b> 1 } }",
                headers={**auth, "Authorization": "Bearer wrong"})[0] == 403
    status, headers, _ = http(url + "/update", data=b"INSERT DATA { GRAPH <urn:g> { <urn:a> <urn:b> 1 } }",
                              headers={**auth, "Authorization": "Bearer s3cret"})
    assert status == 204
    assert Path(store).resolve() != before and before.exists()
    _, _, body = get(url, "ASK { GRAPH <urn:g> { <urn:a> <urn:b> 1 } }")
    assert json.loads(body)["boolean"] is True


def test_load_is_refused_even_with_token_and_connects_nowhere(writable_server) -> None:
    url, _ = writable_server
    listener = Listener()
    try:
        status, _, body = http(url + "/update", data=f"LOAD <http://127.0.0.1:{listener.port}/x.ttl>".encode(),
                               headers={"Content-Type": "application/sparql-update",
                                        "Authorization": "Bearer s3cret"})
        assert status == 403 and json.loads(body)["rule"] == "load-refused"
        time.sleep(0.3)
        assert listener.connections == 0
    finally:
        listener.close()


def test_graph_store_protocol_put_get_delete(writable_server) -> None:
    url, _ = writable_server
    auth = {"Authorization": "Bearer s3cret"}
    g = urllib.parse.quote("urn:gsp", safe="")
    assert http(f"{url}/store?graph={g}", data=b"<urn:s> <urn:p> \"o\" .", method="PUT",
                headers={**auth, "Content-Type": "application/n-triples"})[0] == 204
    status, headers, body = http(f"{url}/store?graph={g}", headers={"Accept": "application/n-triples"})
    assert status == 200 and b"<urn:s> <urn:p> \"o\"" in body
    assert http(f"{url}/store?graph={g}", method="DELETE", headers=auth)[0] == 204
    assert http(f"{url}/store?graph={g}", headers={"Accept": "text/turtle"})[0] == 404


def test_runaway_query_is_stopped_while_cheap_queries_are_served(server_url: str) -> None:
    # the session server runs with --timeout 5
    result: dict[str, object] = {}

    def runaway() -> None:
        start = time.monotonic()
        status, _, body = get(server_url, RUNAWAY)
        result.update(status=status, body=body, elapsed=time.monotonic() - start)

    thread = threading.Thread(target=runaway)
    thread.start()
    time.sleep(0.5)
    cheap_times = []
    while thread.is_alive() and len(cheap_times) < 20:
        start = time.monotonic()
        status, _, _ = get(server_url, f"ASK {{ ?s a <https://w3id.org/cnpolicy/ontology#Target> }} "
                                       f"#{len(cheap_times)}")
        cheap_times.append(time.monotonic() - start)
        assert status == 200
        time.sleep(0.1)
    thread.join(timeout=30)
    assert result["status"] == 503, result
    assert "time limit" in json.loads(result["body"])["error"]
    assert result["elapsed"] <= 5 + 2
    assert cheap_times and max(cheap_times) < 1.0


def test_service_description_and_void(server_url: str) -> None:
    status, headers, body = http(server_url + "/sparql", headers={"Accept": "text/turtle"})
    assert status == 200 and headers["Content-Type"].startswith("text/turtle")
    sd = Graph().parse(data=body, format="turtle")
    text = sd.serialize(format="nt")
    assert "sparql-service-description#UnionDefaultGraph" in text
    assert "maxResultRows" in text and "queryTimeoutSeconds" in text
    status, _, body = http(server_url + "/.well-known/void", headers={"Accept": "text/turtle"})
    void = Graph().parse(data=body, format="turtle")
    assert status == 200 and "http://rdfs.org/ns/void#triples" in void.serialize(format="nt")
    status, _, body = http(server_url + "/healthz")
    assert status == 200 and json.loads(body)["status"] == "ok"


def test_entity_iri_gives_html_to_browsers_and_turtle_to_rdf_clients(server_url: str) -> None:
    status, headers, body = http(server_url + "/id/region/shanghai",
                                 headers={"Accept": "text/html,application/xhtml+xml,*/*;q=0.8"})
    assert status == 200 and headers["Content-Type"].startswith("text/html")
    assert "상하이" in body.decode() and "上海" in body.decode()
    status, headers, body = http(server_url + "/id/region/shanghai", headers={"Accept": "text/turtle"})
    assert status == 200 and headers["Content-Type"].startswith("text/turtle")
    g = Graph().parse(data=body, format="turtle")
    assert any(str(s) == "https://w3id.org/cnpolicy/id/region/shanghai" for s in g.subjects())
    assert http(server_url + "/id/region/atlantis", headers={"Accept": "text/turtle"})[0] == 404
    status, headers, _ = http(server_url + "/ontology", headers={"Accept": "text/turtle"})
    assert status == 200 and headers["Content-Type"].startswith("text/turtle")


def test_rebuild_swaps_store_without_dropping_in_flight_queries(kg_store: Path, tmp_path: Path) -> None:
    """A query running on the old version finishes; the next one sees the new version."""
    import shutil
    import subprocess

    from kg.store import swap_in, versions_dir

    from .conftest import kg_command

    store = tmp_path / "store"
    version = versions_dir(store) / "first"
    version.parent.mkdir(parents=True)
    shutil.copytree(Path(kg_store).resolve(), version)
    swap_in(store, version)
    proc, url = start_server(store)
    try:
        before = json.loads(http(url + "/healthz")[2])["store"]
        # a cross join of fixed size (24 million rows): a few seconds whatever the KG's size, then done
        slow = ("SELECT (COUNT(*) AS ?n) WHERE { { SELECT ?a WHERE { ?a ?b ?c } LIMIT 3000 } "
                "{ SELECT ?d WHERE { ?d a ?f } LIMIT 8000 } }")
        result: dict[str, object] = {}
        thread = threading.Thread(
            target=lambda: result.update(zip(("status", "headers", "body"), get(url, slow), strict=True)))
        thread.start()
        time.sleep(0.3)
        subprocess.run([*kg_command(), "build", "--no-owl", "-q", "--store", str(store)], check=True, timeout=120)
        after = json.loads(http(url + "/healthz")[2])["store"]
        thread.join(timeout=60)
        assert result["status"] == 200, result
        assert int(json.loads(result["body"])["results"]["bindings"][0]["n"]["value"]) > 1_000_000
        assert after != before
        assert get(url, "ASK { ?s a <https://w3id.org/cnpolicy/ontology#Target> }")[0] == 200
    finally:
        stop_server(proc)
