"""Reference tables (data/reference/): lists cited, supplements of curated records, errors, and
how the graphs of ingested documents survive a rebuild."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from kg.build import build
from kg.config import Config
from kg.errors import KGError
from kg.store import EmbeddedStore

from .conftest import kg_command


def _quiet(_msg: str) -> None:
    pass


def _build(store: Path, data: Path, **kwargs: bool) -> None:
    build(Config.from_env(store=str(store), data_dir=data), _quiet, owl=False, **kwargs)


def _append(path: Path, text: str) -> None:
    path.write_text(path.read_text(encoding="utf-8") + "\n" + text, encoding="utf-8")


def test_reference_entities_cite_a_reference_list_in_its_own_graph(select) -> None:
    rows = select("""
        SELECT ?g ?list WHERE { GRAPH ?g { region:zhangjiakou a cnp:City ; cnp:partOf region:hebei ;
                                                              cnp:gb2260Code "130700" } .
                                region:zhangjiakou prov:wasDerivedFrom ?list . ?list a cnp:ReferenceList }""")
    assert {(r["g"], r["list"]) for r in rows} >= {
        ("https://w3id.org/cnpolicy/graph/reference/ref-gb2260", "https://w3id.org/cnpolicy/id/list/ref-gb2260")}


def test_reference_lists_are_sources_but_not_source_reports(select) -> None:
    lists = {r["l"] for r in select("SELECT ?l WHERE { ?l a cnp:ReferenceList ; dcterms:bibliographicCitation ?c }")}
    assert "https://w3id.org/cnpolicy/id/list/ref-gb2260" in lists
    assert not select("SELECT ?l WHERE { ?l a cnp:ReferenceList , cnp:SourceReport }")
    reports = {r["r"] for r in select("SELECT ?r WHERE { ?r a cnp:SourceReport }")}
    assert len(reports) == 4


def test_supplement_adds_citation_and_alias_but_keeps_the_curated_label(select) -> None:
    rows = select("""SELECT ?label WHERE { region:shanghai rdfs:label ?label FILTER(LANG(?label) = "ko") }""")
    assert [r["label"] for r in rows] == ["상하이"]
    aliases = {r["a"] for r in select('SELECT ?a WHERE { region:shanghai skos:altLabel ?a }')}
    assert "상해" in aliases
    cited = {r["r"] for r in select("SELECT ?r WHERE { region:shanghai prov:wasDerivedFrom ?r }")}
    assert "https://w3id.org/cnpolicy/id/list/ref-gb2260" in cited
    assert any(r.endswith("/report/ai-local-policies-2017-11-23") for r in cited)


def test_a_supplement_of_an_unknown_id_names_file_and_line(tmp_path: Path, data_copy: Path) -> None:
    path = data_copy / "reference" / "regions.yaml"
    line = len(path.read_text(encoding="utf-8").splitlines()) + 2
    _append(path, "- id: atlantis\n  supplements: true\n  sources: [{report: ref-gb2260, section: '999999'}]\n")
    with pytest.raises(KGError) as info:
        _build(tmp_path / "store", data_copy)
    assert info.value.rule == "unknown-reference"
    assert info.value.where == f"data/reference/regions.yaml:{line}"


@pytest.mark.parametrize("record,rule,detail", [
    ("- id: shanghai\n  supplements: true\n  name: {en: Shanghai City}\n"
     "  sources: [{report: ref-gb2260, section: '310000'}]\n", "bad-supplement", "name"),  # no relabelling
    ("- id: shanghai\n  type: City\n  name: {en: Shanghai}\n  part_of: china\n"
     "  sources: [{report: ref-gb2260, section: '310000'}]\n", "duplicate-id", ""),  # a curated id reused
    ("- id: nowhere-city\n  type: City\n  name: {en: Nowhere}\n  part_of: china\n  gb2260: '12'\n"
     "  sources: [{report: ref-gb2260, section: '12'}]\n", "bad-identifier", ""),  # a malformed code
    ("- id: nowhere-city\n  type: City\n  name: {en: Nowhere}\n  part_of: china\n  sectors: [quantum-information]\n"
     "  sources: [{report: ref-gb2260, section: '999900'}]\n", "not-reference-data", "sectors"),  # a fact
])
def test_a_bad_reference_record_is_refused_with_its_file(tmp_path: Path, data_copy: Path, record: str, rule: str,
                                                         detail: str) -> None:
    _append(data_copy / "reference" / "regions.yaml", record)
    with pytest.raises(KGError) as info:
        _build(tmp_path / "store", data_copy)
    assert info.value.rule == rule and detail in str(info.value)
    assert info.value.where.startswith("data/reference/regions.yaml:")


def test_rebuild_keeps_ingested_graphs_unless_told_to_drop_them(tmp_path: Path, data_copy: Path) -> None:
    store = tmp_path / "store"
    _build(store, data_copy)
    doc = tmp_path / "note.txt"
    doc.write_text("허베이성 장자커우시는 2025년까지 수소 산업 규모를 500억 위안으로 키울 계획이다.\n",
                   encoding="utf-8")
    done = subprocess.run([*kg_command(), "ingest", str(doc), "--store", str(store), "-q"],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr

    def ingested() -> list[str]:
        s = EmbeddedStore(store)
        try:
            return [g for g in s.graphs() if "/graph/ingest/" in g]
        finally:
            s.close()

    before = ingested()
    assert len(before) == 1
    version = os.readlink(store)
    _build(store, data_copy)
    assert os.readlink(store) != version
    assert ingested() == before
    _build(store, data_copy, keep_ingested=False)
    assert ingested() == []
