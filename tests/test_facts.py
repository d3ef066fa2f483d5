"""The curated facts, checked against what the four reports state.

Expected values are written out from the reports (section in each comment), so a
change to the tables that contradicts a report fails here.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

ID = "https://w3id.org/cnpolicy/id/"
KOSTEC = ID + "report/kostec-weekly-2023-01-20"
GMNEWS = ID + "report/gmnews-future-industries-top10-cities"
AI2017 = ID + "report/ai-local-policies-2017-11-23"
BOAN = ID + "report/boannews-hangzhou-ai"


def one(select, sparql: str) -> dict[str, object]:
    rows = select(sparql)
    assert len(rows) == 1, f"expected exactly one row, got {len(rows)}: {rows[:5]}"
    return rows[0]


# --- coverage and provenance ---------------------------------------------------------


@pytest.mark.parametrize("cls,minimum", [
    ("cnp:PolicyDocument", 25), ("cnp:Region", 25), ("cnp:GovernmentBody", 15),
    ("cnp:QuantitativeFact", 60), ("cnp:Incentive", 10),
])
def test_minimum_counts(select, cls: str, minimum: int) -> None:
    n = one(select, f"SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE {{ ?x a {cls} }}")["n"]
    assert n >= minimum


def test_at_least_forty_institutions_and_companies(select) -> None:
    n = one(select, "SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE { { ?x a cnp:Institution } UNION { ?x a cnp:Company } }")
    assert n["n"] >= 40


def test_every_curated_entity_has_a_source_report_and_section(select) -> None:
    rows = select("""
        SELECT ?x WHERE {
          ?x a ?c FILTER(STRSTARTS(STR(?x), STR(cnpid:)))
          FILTER(?c IN (cnp:Organization, cnp:Fund, cnp:Person, cnp:Region, cnp:RegionGroup, cnp:PolicyDocument,
                        cnp:Sector, cnp:Indicator, cnp:QuantitativeFact, cnp:Incentive, cnp:Event, cnp:Project,
                        cnp:Discrepancy))
          FILTER NOT EXISTS { ?x prov:wasDerivedFrom ?r . ?r a cnp:SourceReport .
                              ?x cnp:citation/cnp:citesReport ?r }
          FILTER NOT EXISTS { GRAPH ?g { ?x a ?t }
                              FILTER(STRSTARTS(STR(?g), "https://w3id.org/cnpolicy/graph/reference/")) }
        }""")
    assert rows == []


def test_every_reference_entity_cites_a_reference_list_and_section(select) -> None:
    """Entities typed in a reference graph (data/reference/) cite the list they come from."""
    query = """
        SELECT DISTINCT ?x WHERE {
          GRAPH ?g { ?x a ?t }
          FILTER(STRSTARTS(STR(?g), "https://w3id.org/cnpolicy/graph/reference/") && STRSTARTS(STR(?x), STR(cnpid:)))
          FILTER NOT EXISTS { ?x a ?kind VALUES ?kind { cnp:ReferenceList cnp:Citation } }
          %s
        }"""
    cited = "FILTER EXISTS { ?x prov:wasDerivedFrom ?r . ?r a cnp:ReferenceList . ?x cnp:citation ?c . " \
            "?c cnp:citesReport ?r ; cnp:section ?s }"
    assert len(select(query % cited)) >= 700
    assert select(query % cited.replace("FILTER EXISTS", "FILTER NOT EXISTS")) == []


def test_every_document_has_issuer_jurisdiction_and_chinese_title_or_reason(select) -> None:
    rows = select("""
        SELECT ?d WHERE { ?d a cnp:PolicyDocument .
          FILTER(NOT EXISTS { ?d cnp:issuedBy ?i } || NOT EXISTS { ?d cnp:jurisdiction ?j }
                 || (NOT EXISTS { ?d dcterms:title ?t FILTER(LANG(?t) = "zh") }
                     && NOT EXISTS { ?d cnp:noChineseTitleReason ?why })) }""")
    assert rows == []


def test_facts_of_each_report_live_in_its_named_graph(select) -> None:
    rows = select("""
        SELECT ?g (COUNT(DISTINCT ?s) AS ?n) WHERE { GRAPH ?g { ?s prov:wasDerivedFrom ?r } } GROUP BY ?g""")
    graphs = {r["g"].rsplit("/", 1)[-1]: r["n"] for r in rows if "/graph/report/" in r["g"]}
    references = {r["g"].rsplit("/", 1)[-1] for r in rows if "/graph/reference/" in r["g"]}
    assert references == {"ref-gb2260", "ref-iso3166", "ref-korean-orthography", "ref-national-zones",
                          "ref-state-council-organisation", "ref-university-list", "ref-organisation-names",
                          "ref-korean-government-organisation"}
    assert len(rows) == len(graphs) + len(references)
    assert set(graphs) == {"kostec-weekly-2023-01-20", "gmnews-future-industries-top10-cities",
                           "ai-local-policies-2017-11-23", "boannews-hangzhou-ai"}
    assert all(n >= 20 for n in graphs.values()), graphs


def test_source_reports_are_described(select) -> None:
    row = one(select, f"""SELECT ?issued ?lang ?publisher WHERE {{ <{KOSTEC}> dcterms:issued ?issued ;
        dcterms:language ?lang ; dcterms:publisher/rdfs:label ?publisher FILTER(LANG(?publisher) = "en") }}""")
    assert row == {"issued": "2023-01-20", "lang": "ko", "publisher": row["publisher"]}
    assert "Korea-China" in row["publisher"] or "KOSTEC" in row["publisher"]
    assert one(select, f"SELECT ?d WHERE {{ <{AI2017}> dcterms:issued ?d }}")["d"] == "2017-11-23"


# --- the GM News article on the ten largest cities (000) -----------------------------------


def test_hydrogen_plan_is_joint_ndrc_nea_with_dates(select) -> None:
    row = one(select, f"""SELECT ?zh ?issued ?dt ?from ?until WHERE {{
        <{ID}document/hydrogen-industry-plan-2021-2035> dcterms:title ?zh ; dcterms:issued ?issued ;
            cnp:validFrom ?from ; cnp:validUntil ?until .
        FILTER(LANG(?zh) = "zh") BIND(DATATYPE(?issued) AS ?dt) }}""")
    assert row["zh"].startswith("氢能产业发展中长期规划")
    assert (row["issued"], row["dt"]) == ("2022-03-23", "http://www.w3.org/2001/XMLSchema#date")
    assert (row["from"], row["until"]) == ("2021", "2035")
    issuers = {r["i"] for r in select(f"SELECT ?i WHERE {{ <{ID}document/hydrogen-industry-plan-2021-2035> "
                                      "cnp:issuedBy ?i }")}
    assert issuers == {ID + "body/ndrc", ID + "body/nea"}


def test_shanghai_ai_regulation_adopted_by_the_legislature_on_2022_09_22(select) -> None:
    row = one(select, f"""SELECT ?zh ?issued ?issuerType ?meetingDate WHERE {{
        <{ID}document/shanghai-ai-industry-regulation-2022> a cnp:Regulation ; dcterms:title ?zh ;
            dcterms:issued ?issued ; cnp:issuedBy/a ?issuerType ; cnp:adoptedAt/cnp:eventDate ?meetingDate .
        FILTER(LANG(?zh) = "zh") FILTER(?issuerType = cnp:Legislature) }}""")
    assert row["zh"] == "上海市促进人工智能产业发展条例"
    assert row["issued"] == row["meetingDate"] == "2022-09-22"


@pytest.mark.parametrize("doc,issued,datatype", [
    ("shenzhen-sei-future-industry-opinions-2022", "2022-06-06", "date"),
    ("nanjing-future-industry-six-action-plans", "2023-01-28", "date"),
    ("beijing-future-industry-programme", "2023-09", "gYearMonth"),
    ("shanghai-ai-large-model-measures-2023-2025", "2023-11", "gYearMonth"),
])
def test_document_dates_keep_the_precision_the_report_gives(select, doc: str, issued: str, datatype: str) -> None:
    row = one(select, f"SELECT ?d (DATATYPE(?d) AS ?t) WHERE {{ <{ID}document/{doc}> dcterms:issued ?d }}")
    assert row == {"d": issued, "t": "http://www.w3.org/2001/XMLSchema#" + datatype}


def test_beijing_and_shanghai_file_quantum_under_different_categories(select) -> None:
    rows = select("""SELECT ?region ?under WHERE { ?c a cnp:SectorClassification ;
        cnp:classifyingRegion ?region ; cnp:classifiedSector sector:quantum-information ;
        cnp:classifiedUnder ?under }""")
    got = {(r["region"].rsplit("/", 1)[-1], r["under"].rsplit("/", 1)[-1]) for r in rows}
    # 000 p6: Beijing files it under future information, Shanghai under future intelligence;
    # 002 I-05: Binhu counts quantum S&T among its three future industries; 000 p21: nationally a
    # strategic emerging industry
    assert got == {("beijing", "future-information"), ("shanghai", "future-intelligence"),
                   ("wuxi-binhu", "future-industries"), ("china", "strategic-emerging-industries")}


def test_ten_largest_cities_by_gdp(select) -> None:
    rows = select("SELECT ?m WHERE { group:top10-gdp-cities cnp:hasMember ?m }")
    assert {r["m"].rsplit("/", 1)[-1] for r in rows} == {
        "shanghai", "beijing", "shenzhen", "chongqing", "guangzhou", "suzhou", "chengdu", "wuhan", "hangzhou",
        "nanjing"}


def test_kic_china_founded_2016_06_in_zhongguancun_under_korean_ministry(select) -> None:
    row = one(select, """SELECT ?founded ?parentLabel WHERE { orgs:kic-china cnp:foundingDate ?founded ;
        cnp:parentOrganization/rdfs:label ?parentLabel FILTER(LANG(?parentLabel) = "en") }""")
    assert row["founded"] == "2016-06"
    assert "Science and ICT" in row["parentLabel"]


# --- the KOSTEC bulletin (002) --------------------------------------------------------------


def test_chengdu_hitech_2027_target_with_reported_krw(select) -> None:
    row = one(select, """SELECT ?v ?year ?krw ?unit WHERE { target:chengdu-hitech-auto-smart-industry-2027
        cnp:value ?v ; cnp:targetYear ?year ; cnp:reportedKRW ?krw ; cnp:unit ?unit ;
        cnp:jurisdiction region:chengdu-hitech-zone }""")
    assert row == {"v": Decimal("100000000000"), "year": "2027", "krw": Decimal("18327000000000"),
                   "unit": "http://qudt.org/vocab/currency/CNY"}


def test_chengdu_ten_article_policy_has_its_incentives(select) -> None:
    rows = select("""SELECT ?art ?max ?freq WHERE { ?i cnp:definedIn document:chengdu-hitech-icv-policy-10 ;
        cnp:articleNumber ?art . OPTIONAL { ?i cnp:maxAmount ?max } OPTIONAL { ?i cnp:frequency ?freq } }""")
    assert {r["art"] for r in rows} == set(range(1, 11))
    caps = {(r["art"], r.get("max")) for r in rows}
    assert (1, Decimal("100000000")) in caps and (1, Decimal("10000000")) in caps
    assert (2, Decimal("200000000")) in caps and (8, Decimal("100000000")) in caps
    per_year = {r["art"] for r in rows if r.get("freq") == ID + "frequency/per-year"}
    assert per_year == {7, 9}


def test_guangdong_action_plan_joint_issuers_and_2025_target(select) -> None:
    issuers = {r["i"].rsplit("/", 1)[-1] for r in select(
        "SELECT ?i WHERE { document:guangdong-ai-action-plan-2022-2025 cnp:issuedBy ?i }")}
    assert issuers == {"guangdong-dost", "guangdong-miit"}
    row = one(select, """SELECT ?v ?krw ?year WHERE { target:guangdong-ai-core-industry-2025 cnp:value ?v ;
        cnp:reportedKRW ?krw ; cnp:targetYear ?year ; cnp:setBy document:guangdong-ai-action-plan-2022-2025 }""")
    assert row == {"v": Decimal("150000000000"), "krw": Decimal("27447000000000"), "year": "2025"}


@pytest.mark.parametrize("fact,value,unit", [
    ("shanghai-rd-intensity-2022", "4.2", "unit/PERCENT"),
    ("shanghai-cns-papers-2022", "120", "unit/NUM"),
    ("shanghai-cns-papers-growth-2022", "12.1", "unit/PERCENT"),
    ("shanghai-cns-papers-share-2022", "28.8", "unit/PERCENT"),
    ("shanghai-tech-contracts-2022", "38265", "unit/NUM"),
    ("shanghai-tech-contract-value-2022", "400300000000", "currency/CNY"),
    ("china-srdi-little-giants-2022", "8997", "unit/NUM"),
    ("china-manufacturing-champions-2022", "1186", "unit/NUM"),
    ("guangdong-industrial-robot-output-2021", "110200", "unit/NUM"),
    ("taihu-bay-output-2021", "414000000000", "currency/CNY"),
    ("binhu-high-tech-output-share-2022", "75.5", "unit/PERCENT"),
    ("guangzhou-etdz-actual-fdi-2022", "2780000000", "currency/USD"),
    ("hubei-five-fields-funding-2023", "40000000", "currency/CNY"),
])
def test_kostec_statistics(select, fact: str, value: str, unit: str) -> None:
    row = one(select, f"SELECT ?v ?u WHERE {{ <{ID}statistic/{fact}> cnp:value ?v ; cnp:unit ?u }}")
    assert row["v"] == Decimal(value)
    assert row["u"].endswith(unit)


def test_srdi_target_for_2023(select) -> None:
    row = one(select, "SELECT ?v ?y WHERE { target:china-srdi-smes-target-2023 cnp:value ?v ; cnp:targetYear ?y }")
    assert row == {"v": Decimal("80000"), "y": "2023"}


def test_wrong_krw_conversion_is_not_stored_but_recorded(select) -> None:
    assert select("SELECT ?k WHERE { statistic:hubei-five-fields-funding-2023 cnp:reportedKRW ?k }") == []
    rows = select("SELECT ?d WHERE { ?d a cnp:Discrepancy ; cnp:affects statistic:hubei-five-fields-funding-2023 }")
    assert len(rows) >= 1


def test_quantum_computing_centre_founded_by_sjtu_and_turing(select) -> None:
    founders = {r["f"].rsplit("/", 1)[-1] for r in select(
        "SELECT ?f WHERE { orgs:taihu-quantum-computing-centre cnp:foundedBy ?f }")}
    assert {"sjtu", "turing-quantum"} <= founders
    row = one(select, "SELECT ?loc WHERE { orgs:taihu-quantum-computing-centre cnp:location ?loc }")
    assert row["loc"] == ID + "region/wuxi-binhu"


def test_person_roles(select) -> None:
    row = one(select, """SELECT ?zh ?org WHERE { person:jin-zhuanglong rdfs:label ?zh ;
        cnp:affiliation ?org FILTER(LANG(?zh) = "zh") }""")
    assert row == {"zh": "金壮龙", "org": ID + "body/miit"}


# --- the 2017 news article on local AI policies (003) ---------------------------------------


@pytest.mark.parametrize("target,value,scope,krw", [
    ("shanghai-ai-core-industry-2020", "100000000000", "core", "16478000000000"),
    ("east-lake-ai-core-industry-2020", "10000000000", "core", "1651900000000"),
    ("east-lake-ai-related-industry-2020", "50000000000", "related", "8259500000000"),
    ("zgc-ai-core-industry-2020", "50000000000", "core", "8242000000000"),
    ("zgc-ai-related-industry-2020", "500000000000", "related", "82420000000000"),
    ("china-ai-core-industry-2020", "150000000000", "core", "24726000000000"),
    ("china-ai-related-industry-2020", "1000000000000", "related", "164840000000000"),
])
def test_2020_ai_industry_targets(select, target: str, value: str, scope: str, krw: str) -> None:
    row = one(select, f"""SELECT ?v ?scope ?krw ?year WHERE {{ <{ID}target/{target}> cnp:value ?v ;
        cnp:scope ?scope ; cnp:reportedKRW ?krw ; cnp:targetYear ?year ; cnp:unit cur:CNY }}""")
    assert row == {"v": Decimal(value), "scope": ID + "scope/" + scope, "krw": Decimal(krw), "year": "2020"}


def test_most_platform_companies_are_the_true_four(select) -> None:
    rows = select("SELECT ?c WHERE { event:most-ai-plan-launch-meeting-2017 cnp:participant ?c }")
    assert {r["c"].rsplit("/", 1)[-1] for r in rows} == {"baidu", "alibaba-cloud", "tencent", "iflytek"}
    rows = select(f"""SELECT ?d WHERE {{ ?d a cnp:Discrepancy ; cnp:inReport <{AI2017}> ;
        cnp:affects orgs:iflytek }}""")
    assert len(rows) == 1


def test_guangzhou_ai_fund(select) -> None:
    row = one(select, """SELECT ?size ?founded ?loc WHERE { fund:guangzhou-ai-industry-fund cnp:fundSize ?size ;
        cnp:foundingDate ?founded ; cnp:location ?loc }""")
    assert row == {"size": Decimal("10000000000"), "founded": "2017-05", "loc": ID + "region/guangzhou"}


# --- the Boan News article on Hangzhou (004) -------------------------------------------------


@pytest.mark.parametrize("fact,value", [
    ("hangzhou-ai-market-2021", "207200000000"), ("hangzhou-ai-market-growth-2021", "8.7"),
    ("hangzhou-ai-patents-2021", "25906"), ("hangzhou-ai-invention-patents-2021", "7691"),
    ("hangzhou-ai-registered-firms-2022", "10320"), ("hangzhou-listed-ai-firms-2022", "43"),
    ("hangzhou-ai-unicorns-2022", "37"),
])
def test_hangzhou_statistics(select, fact: str, value: str) -> None:
    row = one(select, f"SELECT ?v WHERE {{ <{ID}statistic/{fact}> cnp:value ?v ; cnp:jurisdiction region:hangzhou }}")
    assert row["v"] == Decimal(value)


def test_hangzhou_talent_incentive_up_to_five_million(select) -> None:
    row = one(select, "SELECT ?max WHERE { incentive:hangzhou-ai-leading-talent-team-funding cnp:maxAmount ?max }")
    assert row["max"] == Decimal("5000000")


def test_li_meng_is_vice_minister_of_science_and_technology(select) -> None:
    row = one(select, """SELECT ?zh ?role WHERE { person:li-meng rdfs:label ?zh ; cnp:affiliation body:most ;
        cnp:roleTitle ?role FILTER(LANG(?zh) = "zh") FILTER(LANG(?role) = "en") }""")
    assert row["zh"] == "李萌" and "ice" in row["role"].lower()


# --- external links ----------------------------------------------------------------------


def test_external_identifiers_carry_evidence(select) -> None:
    row = one(select, """SELECT ?wd ?iso ?gb WHERE { region:shanghai cnp:wikidataEntity ?wd ;
        cnp:iso3166Code ?iso ; cnp:gb2260Code ?gb }""")
    assert row == {"wd": "http://www.wikidata.org/entity/Q8686", "iso": "CN-SH", "gb": "310000"}
    rows = select("SELECT ?l WHERE { ?x cnp:externalLink ?l FILTER NOT EXISTS { ?l cnp:evidence ?e } }")
    assert rows == []
    rows = select("SELECT ?g WHERE { GRAPH ?g { region:shanghai cnp:wikidataEntity ?wd } }")
    assert rows == [{"g": "https://w3id.org/cnpolicy/graph/links"}]
