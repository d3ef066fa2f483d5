"""Building: validation failures name file, record and rule; a failed build keeps the old store."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from kg.build import build
from kg.config import Config
from kg.errors import KGError
from kg.store import EmbeddedStore

from .conftest import REPO_ROOT, kg_command

COUNT = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"


def _quiet(_msg: str) -> None:
    pass


def _build(store: Path, data: Path, owl: bool = False) -> None:
    build(Config.from_env(store=str(store), data_dir=data), _quiet, owl=owl)


def _count(store: Path) -> int:
    s = EmbeddedStore(store)
    try:
        return int(s.query(COUNT).rows[0][0].value)
    finally:
        s.close()


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"fixture text {old!r} not found in {path.name}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.fixture(scope="module")
def built_once(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store built from the curated tables once for this module (its link and its versions)."""
    root = tmp_path_factory.mktemp("built")
    _build(root / "store", REPO_ROOT / "data")
    return root


@pytest.fixture
def good_store(tmp_path: Path, built_once: Path) -> Path:
    """A private copy of a good store (the link to its version is relative, so the copy is whole)."""
    shutil.copytree(built_once, tmp_path / "built", symlinks=True)
    return tmp_path / "built" / "store"


def _assert_failed_build_keeps(store: Path, data: Path, rule: str, where: str) -> KGError:
    before = _count(store)
    target = os.readlink(store)
    with pytest.raises(KGError) as info:
        _build(store, data)
    assert info.value.rule and info.value.rule.startswith(rule), str(info.value)
    assert info.value.where and info.value.where.startswith(where), str(info.value)
    assert os.readlink(store) == target
    assert _count(store) == before
    return info.value


def test_yaml_syntax_error_names_file_and_line(good_store: Path, data_copy: Path) -> None:
    path = data_copy / "regions.yaml"
    lines = path.read_text(encoding="utf-8").splitlines()
    lines.insert(3, "  name: {en: broken")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    err = _assert_failed_build_keeps(good_store, data_copy, "yaml", "data/regions.yaml:")
    assert ":" in err.where[len("data/regions.yaml"):]


def test_unknown_reference_names_record_and_rule(good_store: Path, data_copy: Path) -> None:
    _replace(data_copy / "documents.yaml", "jurisdiction: ", "jurisdiction: atlantis-")
    err = _assert_failed_build_keeps(good_store, data_copy, "unknown-reference", "data/documents.yaml:")
    assert err.record and "atlantis-" in str(err)


def test_shacl_violation_fails_the_build(good_store: Path, data_copy: Path) -> None:
    # Two English names pass the table checks but break the shapes' "exactly one label@en".
    _replace(data_copy / "regions.yaml", 'name: {en: "Shanghai"', 'name: {en: ["Shanghai", "Shanghai City"]')
    err = _assert_failed_build_keeps(good_store, data_copy, "shacl", "data/regions.yaml:")
    assert err.record == "shanghai"


def test_owl_inconsistency_fails_the_build(tmp_path: Path, good_store: Path) -> None:
    import shutil

    from kg.config import REPO_ROOT

    onto = tmp_path / "ontology"
    shutil.copytree(REPO_ROOT / "ontology", onto)
    with (onto / "cnpolicy.ttl").open("a", encoding="utf-8") as f:
        # regions may not be part of anything: contradicts every cnp:partOf in the data, which only the
        # reasoner can see (no SPARQL check looks at cardinality restrictions)
        f.write("\n<https://w3id.org/cnpolicy/ontology#Region> <http://www.w3.org/2000/01/rdf-schema#subClassOf> "
                "[ a <http://www.w3.org/2002/07/owl#Restriction> ; "
                "<http://www.w3.org/2002/07/owl#onProperty> <https://w3id.org/cnpolicy/ontology#partOf> ; "
                "<http://www.w3.org/2002/07/owl#maxCardinality> "
                "\"0\"^^<http://www.w3.org/2001/XMLSchema#nonNegativeInteger> ] .\n")
    before = _count(good_store)
    with pytest.raises(KGError) as info:
        build(Config.from_env(store=str(good_store), ontology_dir=onto), _quiet, owl=True)
    assert info.value.rule == "owl-consistency", str(info.value)
    assert info.value.where == "data/regions.yaml", str(info.value)
    assert _count(good_store) == before


def test_bad_number_is_reported_with_line(good_store: Path, data_copy: Path) -> None:
    path = data_copy / "facts.yaml"
    text = path.read_text(encoding="utf-8")
    idx = text.index("  value: ")
    end = text.index("\n", idx)
    path.write_text(text[:idx] + "  value: lots" + text[end:], encoding="utf-8")
    _assert_failed_build_keeps(good_store, data_copy, "bad-number", "data/facts.yaml:")


def test_duplicate_id_is_refused(good_store: Path, data_copy: Path) -> None:
    path = data_copy / "companies.yaml"
    text = path.read_text(encoding="utf-8")
    first = text.index("- id: ")
    second = text.index("- id: ", first + 1)
    dup = text[first:second]
    path.write_text(text + "\n" + dup, encoding="utf-8")
    _assert_failed_build_keeps(good_store, data_copy, "duplicate-id", "data/companies.yaml:")


def test_two_builds_give_identical_nquads(tmp_path: Path) -> None:
    outputs = []
    for name in ("a", "b"):
        store = tmp_path / name
        subprocess.run([*kg_command(), "build", "--no-owl", "-q", "--store", str(store)], check=True)
        out = subprocess.run([*kg_command(), "export", "--store", str(store)], check=True,
                             capture_output=True).stdout
        outputs.append(out)
    assert outputs[0] == outputs[1]
    assert len(outputs[0].splitlines()) > 5000


def test_cli_failure_is_one_line_without_traceback(tmp_path: Path, data_copy: Path) -> None:
    _replace(data_copy / "regions.yaml", "part_of: ", "part_of: nowhere-")
    proc = subprocess.run([*kg_command(), "build", "--no-owl", "-q", "--store", str(tmp_path / "s")],
                          capture_output=True, text=True, env={**os.environ, "KG_DATA": str(data_copy)})
    assert proc.returncode == 1
    assert "Traceback" not in proc.stderr
    lines = [ln for ln in proc.stderr.splitlines() if ln.strip()]
    assert len(lines) == 1, proc.stderr
    assert lines[0].startswith("kg build: error: data/regions.yaml:")
    assert "[unknown-reference]" in lines[0]
    assert not (tmp_path / "s").exists()
