"""The IRIs of the knowledge graph: the one place where bases, graph names and terms are set.

Every other module builds IRIs through this module, so moving the base (say from
w3id.org to a mirror) is a one-line change. Our own vocabulary is an rdflib
``DefinedNamespace`` with ``_fail = True``: a misspelt term raises at once instead of
silently producing an IRI the ontology does not declare.
"""

from __future__ import annotations

from rdflib import Namespace, URIRef
from rdflib.namespace import DefinedNamespace

BASE = "https://w3id.org/cnpolicy/"
ONTOLOGY_IRI = BASE + "ontology"
TERMS_IRI = ONTOLOGY_IRI + "#"
ID_BASE = BASE + "id/"
GRAPH_BASE = BASE + "graph/"
#: graphs written by ``kg ingest``, one per ingested document
INGEST_GRAPH_BASE = GRAPH_BASE + "ingest/"

ORG = Namespace("http://www.w3.org/ns/org#")
SCHEMA = Namespace("https://schema.org/")
ELI = Namespace("http://data.europa.eu/eli/ontology#")
QUDT = Namespace("http://qudt.org/schema/qudt/")
UNIT = Namespace("http://qudt.org/vocab/unit/")
CUR = Namespace("http://qudt.org/vocab/currency/")
WD = Namespace("http://www.wikidata.org/entity/")
VANN = Namespace("http://purl.org/vocab/vann/")


class CNP(DefinedNamespace):
    """Terms of the China Tech-Policy ontology (``ontology/cnpolicy.ttl``)."""

    _NS = Namespace(TERMS_IRI)
    _fail = True

    # classes
    Organization: URIRef
    GovernmentBody: URIRef
    Legislature: URIRef
    Institution: URIRef
    University: URIRef
    ResearchInstitute: URIRef
    Laboratory: URIRef
    InnovationCentre: URIRef
    ComputingCentre: URIRef
    CooperationCentre: URIRef
    Alliance: URIRef
    Company: URIRef
    Fund: URIRef
    Person: URIRef
    Region: URIRef
    AdministrativeDivision: URIRef
    Country: URIRef
    ProvinceLevelDivision: URIRef
    City: URIRef
    Prefecture: URIRef
    Municipality: URIRef
    District: URIRef
    Zone: URIRef
    DevelopmentZone: URIRef
    HighTechZone: URIRef
    DemonstrationZone: URIRef
    IndustrialPark: URIRef
    FreeTradeZone: URIRef
    GeographicArea: URIRef
    RegionGroup: URIRef
    PolicyDocument: URIRef
    Plan: URIRef
    FiveYearPlan: URIRef
    ActionPlan: URIRef
    Regulation: URIRef
    Opinions: URIRef
    Measures: URIRef
    Notice: URIRef
    ImplementationProgramme: URIRef
    Report: URIRef
    Source: URIRef
    SourceReport: URIRef
    ReferenceList: URIRef
    Bulletin: URIRef
    NewsArticle: URIRef
    Citation: URIRef
    Sector: URIRef
    Indicator: URIRef
    Scope: URIRef
    AdministrativeLevel: URIRef
    PaymentFrequency: URIRef
    ValueQualifier: URIRef
    SectorClassification: URIRef
    QuantitativeFact: URIRef
    Target: URIRef
    Statistic: URIRef
    Incentive: URIRef
    Event: URIRef
    Meeting: URIRef
    Conference: URIRef
    Launch: URIRef
    Signing: URIRef
    Project: URIRef
    Programme: URIRef
    Discrepancy: URIRef
    ExternalLink: URIRef

    # object properties
    partOf: URIRef
    hasMember: URIRef
    administrativeLevel: URIRef
    jurisdiction: URIRef
    parentOrganization: URIRef
    issuedBy: URIRef
    coversSector: URIRef
    relatedDocument: URIRef
    adoptedAt: URIRef
    prioritisesSector: URIRef
    classifyingRegion: URIRef
    classifiedSector: URIRef
    classifiedUnder: URIRef
    accordingTo: URIRef
    location: URIRef
    foundedBy: URIRef
    operatedBy: URIRef
    focusSector: URIRef
    affiliation: URIRef
    indicator: URIRef
    unit: URIRef
    scope: URIRef
    qualifier: URIRef
    subjectOrganization: URIRef
    setBy: URIRef
    dataSource: URIRef
    definedIn: URIRef
    frequency: URIRef
    organizer: URIRef
    participant: URIRef
    outcome: URIRef
    owner: URIRef
    citation: URIRef
    citesReport: URIRef
    inReport: URIRef
    affects: URIRef
    externalLink: URIRef
    wikidataEntity: URIRef

    # datatype properties
    validFrom: URIRef
    validUntil: URIRef
    isDraft: URIRef
    noChineseTitleReason: URIRef
    foundingDate: URIRef
    eventDate: URIRef
    value: URIRef
    reportedKRW: URIRef
    targetYear: URIRef
    referenceYear: URIRef
    maxAmount: URIRef
    rate: URIRef
    articleNumber: URIRef
    beneficiary: URIRef
    condition: URIRef
    fundSize: URIRef
    investmentAmount: URIRef
    roleTitle: URIRef
    section: URIRef
    fileName: URIRef
    sha256: URIRef
    titleAssigned: URIRef
    dateNote: URIRef
    resolution: URIRef
    identifierScheme: URIRef
    identifierValue: URIRef
    evidence: URIRef
    iso3166Code: URIRef
    gb2260Code: URIRef

    # service description of the endpoint
    queryTimeoutSeconds: URIRef
    maxResultRows: URIRef
    maxRequestBytes: URIRef
    serviceAllowed: URIRef


def entity(kind: str, slug: str) -> URIRef:
    """IRI of a curated entity, e.g. ``entity("region", "shanghai")``."""
    return URIRef(f"{ID_BASE}{kind}/{slug}")


def graph(name: str) -> URIRef:
    """IRI of a named graph, e.g. ``graph("report/kostec-weekly-2023-01-20")``."""
    return URIRef(GRAPH_BASE + name)


ONTOLOGY_GRAPH = graph("ontology")
VOCABULARY_GRAPH = graph("vocabulary")
LINKS_GRAPH = graph("links")
INFERRED_GRAPH = graph("inferred")
SECTOR_SCHEME = entity("scheme", "sectors")
INDICATOR_SCHEME = entity("scheme", "indicators")


def report_graph(report_slug: str) -> URIRef:
    return graph(f"report/{report_slug}")


def reference_graph(list_slug: str) -> URIRef:
    """Graph of what a reference list (code list, official directory) states."""
    return graph(f"reference/{list_slug}")


PREFIXES: dict[str, str] = {
    "cnp": TERMS_IRI,
    "cnpid": ID_BASE,
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "dcterms": "http://purl.org/dc/terms/",
    "prov": "http://www.w3.org/ns/prov#",
    "org": str(ORG),
    "schema": str(SCHEMA),
    "eli": str(ELI),
    "qudt": str(QUDT),
    "unit": str(UNIT),
    "cur": str(CUR),
    "wd": str(WD),
}


#: one prefix per kind of entity, because SPARQL prefixed names cannot contain "/"
#: (``cnpid:region/shanghai`` is not valid; ``region:shanghai`` is). ``org`` is taken
#: by the W3C Organization Ontology, so institutions and companies use ``orgs:``.
KIND_PREFIXES: dict[str, str] = {
    "region": "region", "group": "group", "body": "body", "document": "document", "sector": "sector",
    "indicator": "indicator", "orgs": "org", "fund": "fund", "person": "person", "target": "target",
    "statistic": "statistic", "incentive": "incentive", "event": "event", "project": "project",
    "report": "report", "discrepancy": "discrepancy", "scope": "scope", "level": "level",
    "qualifier": "qualifier", "frequency": "frequency", "classification": "classification",
}
PREFIXES.update({prefix: f"{ID_BASE}{kind}/" for prefix, kind in KIND_PREFIXES.items()})


def shorten(iri: str) -> str | None:
    """``prefix:local`` for an IRI under one of the predeclared namespaces (the longest wins)."""
    for prefix, ns in sorted(PREFIXES.items(), key=lambda kv: -len(kv[1])):
        if iri.startswith(ns) and len(iri) > len(ns):
            return f"{prefix}:{iri[len(ns):]}"
    return None


def sparql_prologue() -> str:
    """PREFIX declarations for every prefix above, for queries written by hand."""
    return "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in PREFIXES.items())
