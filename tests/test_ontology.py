"""The ontology: parses, loads in owlready2, is consistent, and every term is documented."""

from __future__ import annotations

import subprocess
import sys

import pytest
from rdflib import OWL, RDF, RDFS, Graph, URIRef
from rdflib.namespace import SKOS

from kg.config import REPO_ROOT
from kg.namespaces import CNP, ONTOLOGY_IRI, TERMS_IRI

ONTOLOGY = REPO_ROOT / "ontology" / "cnpolicy.ttl"


@pytest.fixture(scope="module")
def onto() -> Graph:
    return Graph().parse(ONTOLOGY, format="turtle")


def _terms(g: Graph) -> set[URIRef]:
    kinds = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty)
    return {s for k in kinds for s in g.subjects(RDF.type, k) if str(s).startswith(TERMS_IRI)}


def test_ontology_header_has_version_iri(onto: Graph) -> None:
    header = URIRef(ONTOLOGY_IRI)
    assert (header, RDF.type, OWL.Ontology) in onto
    assert onto.value(header, OWL.versionIRI) is not None


def test_every_term_has_three_labels_and_a_definition(onto: Graph) -> None:
    for term in _terms(onto):
        langs = {lbl.language for lbl in onto.objects(term, RDFS.label)}
        assert {"en", "ko", "zh"} <= langs, f"{term} lacks labels: {langs}"
        assert any(d.language == "en" for d in onto.objects(term, SKOS.definition)), f"{term} has no definition"


def test_every_property_declares_domain_and_range(onto: Graph) -> None:
    for kind in (OWL.ObjectProperty, OWL.DatatypeProperty):
        for prop in onto.subjects(RDF.type, kind):
            if str(prop).startswith(TERMS_IRI):
                assert onto.value(prop, RDFS.domain) is not None, f"{prop} has no domain"
                assert onto.value(prop, RDFS.range) is not None, f"{prop} has no range"


def test_namespace_module_and_ontology_declare_the_same_terms(onto: Graph) -> None:
    declared = {str(t)[len(TERMS_IRI):] for t in _terms(onto)}
    in_code = {name for name in CNP.__annotations__}
    service_terms = {"queryTimeoutSeconds", "maxResultRows", "maxRequestBytes", "serviceAllowed"}
    assert in_code - service_terms <= declared, f"used in code, not declared: {in_code - service_terms - declared}"
    assert declared <= in_code, f"declared but missing from kg/namespaces.py: {declared - in_code}"


def test_misspelt_term_fails_loudly() -> None:
    with pytest.raises(AttributeError):
        _ = CNP.PolicyDocumnet


def test_main_classes_align_to_standard_vocabularies(onto: Graph) -> None:
    expected = {
        CNP.Organization: "http://www.w3.org/ns/org#Organization",
        CNP.PolicyDocument: "http://data.europa.eu/eli/ontology#LegalResource",
        CNP.Sector: "http://www.w3.org/2004/02/skos/core#Concept",
        CNP.SourceReport: "http://www.w3.org/ns/prov#Entity",
        CNP.Person: "https://schema.org/Person",
    }
    for cls, parent in expected.items():
        assert URIRef(parent) in set(onto.objects(cls, RDFS.subClassOf)), f"{cls} not aligned to {parent}"


def test_disjointness_declared_where_it_holds(onto: Graph) -> None:
    def disjoint(a: URIRef, b: URIRef) -> bool:
        if (a, OWL.disjointWith, b) in onto or (b, OWL.disjointWith, a) in onto:
            return True
        for axiom in onto.subjects(RDF.type, OWL.AllDisjointClasses):
            members = set(onto.items(onto.value(axiom, OWL.members)))
            if {a, b} <= members:
                return True
        return False

    assert disjoint(CNP.GovernmentBody, CNP.Company)
    assert disjoint(CNP.Target, CNP.Statistic)
    assert not disjoint(CNP.ProvinceLevelDivision, CNP.City)  # a Municipality is both


def test_ontology_loads_in_owlready2_and_hermit_finds_it_consistent(tmp_path) -> None:
    nt = tmp_path / "onto.nt"
    Graph().parse(ONTOLOGY, format="turtle").serialize(nt, format="nt", encoding="utf-8")
    script = (
        "import sys, owlready2\n"
        "w = owlready2.World(); o = w.get_ontology('file://' + sys.argv[1]).load()\n"
        "assert len(list(o.classes())) > 50, 'classes not loaded'\n"
        "with o: owlready2.sync_reasoner_hermit(w, infer_property_values=False, debug=0,"
        " ignore_unsupported_datatypes=True)\n"
        "bad = list(w.inconsistent_classes())\n"
        "print('UNSAT', bad) if bad else print('OK')\n"
    )
    proc = subprocess.run([sys.executable, "-c", script, str(nt)], capture_output=True, text=True, cwd=tmp_path,
                          timeout=300)
    assert proc.stdout.strip().endswith("OK"), proc.stdout + proc.stderr[-2000:]
