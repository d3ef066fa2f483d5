"""The `kg` command line end to end, in a temporary directory, as a user runs it."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest

from .conftest import kg_command


def kg(*args: str, cwd: Path | None = None, env: dict[str, str] | None = None, check: bool = True):
    return subprocess.run([*kg_command(), *args], capture_output=True, text=True, cwd=cwd,
                          env={**os.environ, **(env or {})}, check=check)


def test_query_json_is_sparql_results_json(kg_store: Path) -> None:
    out = kg("query", "--store", str(kg_store), "--format", "json",
             "SELECT ?d ?t WHERE { ?d a cnp:Regulation ; dcterms:title ?t } ORDER BY ?t").stdout
    doc = json.loads(out)
    assert doc["head"]["vars"] == ["d", "t"]
    assert doc["results"]["bindings"], "expected at least one regulation"
    for b in doc["results"]["bindings"]:
        assert b["d"]["type"] == "uri" and b["t"]["type"] == "literal"


@pytest.mark.parametrize("fmt,marker", [("csv", "d,t"), ("tsv", "?d\t?t"), ("xml", "<sparql")])
def test_query_result_formats(kg_store: Path, fmt: str, marker: str) -> None:
    out = kg("query", "--store", str(kg_store), "--format", fmt,
             "SELECT ?d ?t WHERE { ?d a cnp:Regulation ; dcterms:title ?t }").stdout
    assert marker in out


@pytest.mark.parametrize("fmt,marker", [("turtle", "@prefix"), ("ntriples", "> <"), ("jsonld", '"@id"')])
def test_construct_formats(kg_store: Path, fmt: str, marker: str) -> None:
    out = kg("query", "--store", str(kg_store), "--format", fmt,
             "CONSTRUCT { ?r cnp:partOf ?p } WHERE { ?r cnp:partOf ?p }").stdout
    assert marker in out


def test_query_from_file_and_env_store(kg_store: Path, tmp_path: Path) -> None:
    q = tmp_path / "q.rq"
    q.write_text("ASK { ?s a cnp:Bulletin }", encoding="utf-8")
    out = kg("query", "--file", str(q), env={"KG_STORE": str(kg_store)}).stdout
    assert out.strip() == "true"


def test_bad_query_is_one_line_error(kg_store: Path) -> None:
    proc = kg("query", "--store", str(kg_store), "SELECT ?x WHERE { ?x", check=False)
    assert proc.returncode == 1
    assert proc.stderr.startswith("kg query: error: [bad-query]: SPARQL syntax error")
    assert "Traceback" not in proc.stderr and len(proc.stderr.strip().splitlines()) == 1


def test_missing_store_is_a_clear_error(tmp_path: Path) -> None:
    proc = kg("stats", "--store", str(tmp_path / "nope"), check=False)
    assert proc.returncode == 1 and "no store at" in proc.stderr and "kg build" in proc.stderr


def test_stats_prints_graphs_and_classes(kg_store: Path) -> None:
    out = kg("stats", "--store", str(kg_store)).stdout
    assert "https://w3id.org/cnpolicy/graph/ontology" in out
    assert "https://w3id.org/cnpolicy/graph/report/kostec-weekly-2023-01-20" in out
    assert "cnp:PolicyDocument" in out and "cnp:Target" in out


def test_export_one_graph_as_ntriples_and_all_as_trig(kg_store: Path, tmp_path: Path) -> None:
    g = "https://w3id.org/cnpolicy/graph/links"
    nt = kg("export", "--store", str(kg_store), "--graph", g).stdout
    assert nt and all(line.endswith(" .") and g not in line for line in nt.splitlines())
    out = tmp_path / "all.trig"
    kg("export", "--store", str(kg_store), "--format", "trig", "--output", str(out))
    assert "GRAPH" in out.read_text(encoding="utf-8") or "{" in out.read_text(encoding="utf-8")


def test_validate_command_checks_without_writing(tmp_path: Path) -> None:
    proc = kg("validate", "--no-owl", "-q", "--store", str(tmp_path / "never"))
    assert proc.stdout.startswith("valid:")
    assert not (tmp_path / "never").exists()


def test_build_in_a_temp_dir_then_query(tmp_path: Path) -> None:
    proc = kg("build", "--store", "kgstore", cwd=tmp_path)
    assert "built" in proc.stdout and "OWL consistency: consistent" in proc.stderr
    assert (tmp_path / "kgstore").is_symlink()
    out = kg("query", "--store", "kgstore", "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", cwd=tmp_path).stdout
    assert "(1 row)" in out


@pytest.mark.parametrize("n", range(1, 16))
def test_saved_competency_questions_print_sparql_json(kg_store: Path, n: int) -> None:
    args = ["query", "--store", str(kg_store), "--saved", f"cq{n:02d}", "--format", "json"]
    if n == 10:
        args += ["--param", "entity=https://w3id.org/cnpolicy/id/region/shanghai"]
    doc = json.loads(kg(*args).stdout)
    assert isinstance(doc["head"]["vars"], list) and doc["results"]["bindings"]


def test_kg_queries_lists_the_catalogue(kg_store: Path) -> None:
    out = kg("queries", "--store", str(kg_store)).stdout
    assert all(f"cq{n:02d}" in out for n in range(1, 16))
    assert "(entity:iri)" in out


def test_saved_query_with_a_bad_parameter_is_one_line(kg_store: Path) -> None:
    proc = kg("query", "--store", str(kg_store), "--saved", "cq10", "--param", "entity=not an iri", check=False)
    assert proc.returncode == 1 and "parameter 'entity'" in proc.stderr and len(proc.stderr.splitlines()) == 1
