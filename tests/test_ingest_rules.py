"""Extraction rules on sentences written for these tests (no report of the corpus contains them).

Each test states one rule of ``loaders/ingest`` from the outside: the text in, the mentions or
targets out. They need only the session's knowledge graph (its gazetteer), not the corpus.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from loaders.ingest import gazetteer as gz
from loaders.ingest.numbers import find_quantities
from tests.ingest_helpers import ID, _extract, _mentions, _targets


def test_quoted_title_keeps_the_chinese_original_written_after_the_closing_quote(gazetteer: gz.Gazetteer,
                                                                                 tmp_path: Path) -> None:
    x = _extract("안후이성은 '양자정보 산업 육성 실시방안'(安徽省量子信息产业培育实施方案)을 내놓았다. "
                 "'미래도시 청사진'(未来城市蓝图计划)도 공개됐다.", gazetteer, tmp_path)
    docs = {m.text: m for m in x.mentions if m.type == "document"}
    first = "양자정보 산업 육성 실시방안'(安徽省量子信息产业培育实施方案)"
    assert set(docs) == {first, "미래도시 청사진'(未来城市蓝图计划)"}  # the second is a title by its original
    assert docs[first].attrs["zh"] == "安徽省量子信息产业培育实施方案"


def test_credit_line_names_each_source_and_skips_kinds_of_source(gazetteer: gz.Gazetteer, tmp_path: Path) -> None:
    x = _extract("허페이시는 양자 산업을 육성한다.\n"
                 "자료: 창장일보, 화중과기망 및 한국무역협회 우한지부 자료 종합\n"
                 "* 자료: 각 지방정부 발표 및 현지 언론 종합\n", gazetteer, tmp_path)
    orgs = _mentions(x, "organisation")
    assert {"창장일보", "화중과기망", "한국무역협회 우한지부"} <= orgs
    assert not any("지방정부" in o or "언론" in o or "종합" in o for o in orgs)


def test_news_dateline_names_its_outlet(gazetteer: gz.Gazetteer, tmp_path: Path) -> None:
    x = _extract("[한빛테크뉴스] 허페이시가 양자 산업을 키운다.\n[베이징=도하은 특파원] 선전시도 나섰다.\n",
                 gazetteer, tmp_path)
    assert "한빛테크뉴스" in _mentions(x, "organisation")
    assert not any("베이징=" in o for o in _mentions(x, "organisation"))


def test_named_units_of_a_known_organisation_keep_their_original(gazetteer: gz.Gazetteer, tmp_path: Path) -> None:
    x = _extract("중국과학원 허페이물질과학연구소(中国科学院合肥物质科学研究院)와 칭화대학 전자공학과는 "
                 "협력한다. 중국과학원 베이징사무소도 참여했다.", gazetteer, tmp_path)
    orgs = {m.text: m for m in x.mentions if m.type == "organisation"}
    assert "중국과학원 허페이물질과학연구소(中国科学院合肥物质科学研究院)" in orgs
    assert "중국과학원 베이징사무소" in orgs
    assert orgs["중국과학원 베이징사무소"].attrs["parent"] == ID + "org/cas"


def test_people_from_titles_mastheads_and_their_repetition(gazetteer: gz.Gazetteer, tmp_path: Path) -> None:
    text = ("[윤서하의 중국 산업 읽기] 허페이의 양자 산업\n"
            "작성자 배도윤 | 한중기술연구소\n"
            "윤서하 수석연구위원은 허페이시가 앞서 있다고 본다. 광둥성 스마트 시스템 연구원은 새 연구를 시작했다.\n"
            "발 행 인 : 곽지후\n")
    people = [m.text for m in _extract(text, gazetteer, tmp_path).mentions if m.type == "person"]
    assert sorted(people) == ["곽지후", "배도윤", "윤서하", "윤서하"]  # "시스템 연구원" is an institute


@pytest.mark.parametrize("text,regions", [
    # the original names the region: one zone
    ("우한 광구과학성(武汉光谷科学城)에는 기업 300곳이 있다.", {"우한 광구과학성(武汉光谷科学城)"}),
    ("우한 항천기지(武汉航天基地)는 로켓을 만든다.", {"우한 항천기지(武汉航天基地)"}),
    # the original leaves the region out: the city, then the zone
    ("쑤저우 나노혁신성(纳米创新城)은 커지고 있다.", {"쑤저우", "나노혁신성(纳米创新城)"}),
    # a generic zone head written after the city: the city's zone
    ("허페이 고신구(高新区)는 양자 기업을 모은다.", {"허페이 고신구(高新区)"}),
])
def test_region_and_zone_with_its_chinese_original(gazetteer: gz.Gazetteer, tmp_path: Path, text: str,
                                                    regions: set[str]) -> None:
    assert _mentions(_extract(text, gazetteer, tmp_path), "region") == regions


def test_goal_column_of_a_table_states_one_target_per_row(gazetteer: gz.Gazetteer, tmp_path: Path) -> None:
    text = ("〈주요 도시 충전소 현황〉\n"
            "권역\t도시\t'24년 말 충전소\t2027년 목표\n"
            "창장삼각주\t장쑤성 쑤저우\t약 40곳\t120곳\n"
            "주장삼각주\t광둥성 포산\t약 30곳\t-\n"
            "중부\t후베이성 우한\t약 25곳\t성 목표에 포함\n"
            "서부\t쓰촨성 청두\t약 20곳\t80곳\n")
    assert _targets(_extract(text, gazetteer, tmp_path)) == {("region/suzhou", 120, "count", 2027),
                                                             ("region/chengdu", 80, "count", 2027)}


@pytest.mark.parametrize("text,expected", [
    # a size that qualifies the firms counted is no goal; the count is
    ("장쑤성은 2027년까지 매출 100억 위안 이상 선도기업 20개를 육성한다.", {("region/jiangsu", 20, "count", 2027)}),
    # a support programme of that size, three words after 규모의
    ("광둥성은 2026년까지 300억 위안 규모의 반도체 생태계 종합지원 프로그램을 운영한다.", set()),
    # a company's own plan
    ("발사장 운영사는 허페이시에 있다. 회사 측은 2027년까지 발사대 3개를 추가로 지을 계획이다.", set()),
    # "decided to": an intent, although the verb is in the past tense
    ("우한시는 2026년까지 부품 기업 200개를 유치하기로 했다.", {("region/wuhan", 200, "count", 2026)}),
    # an organisation in the genitive is not the subject: the city is
    ("허페이시는 중국과학원의 기술을 바탕으로 2028년까지 양자 산업 규모를 800억 위안으로 키울 방침이다.",
     {("region/hefei", 80000000000, "CNY", 2028)}),
    # a relative clause ("기업이 밀집한") does not make firms the subject; the district's industry is the scope
    ("선전시는 기업이 밀집한 난산구의 로봇 산업 규모를 2027년까지 500억 위안으로 키운다는 목표다.",
     {("region/shenzhen-nanshan", 50000000000, "CNY", 2027)}),
])
def test_target_rules_on_what_is_not_a_regional_goal(gazetteer: gz.Gazetteer, tmp_path: Path, text: str,
                                                     expected: set) -> None:
    assert _targets(_extract(text, gazetteer, tmp_path)) == expected


def test_special_region_government_with_its_original(gazetteer: gz.Gazetteer, tmp_path: Path) -> None:
    x = _extract("홍콩 특구정부(香港特区政府)는 2030년까지 연구개발 비중을 3%로 높인다는 계획이다.",
                 gazetteer, tmp_path)
    assert "홍콩 특구정부(香港特区政府)" in _mentions(x, "organisation")
    assert _targets(x) == {("region/hong-kong", 3, "percent", 2030)}


@pytest.mark.parametrize("text,counts", [
    ("상업위성 연간 생산 120기를 달성한다.", ["120기"]),
    ("로켓 엔진 30기를 시험했다.", ["30기"]),
    ("3기 신도시 공사가 시작됐다.", []),  # a phase
    ("위성통신 네트워크(2기)를 건설한다.", []),  # a phase in parentheses
])
def test_gi_counts_satellites_rockets_and_reactors_only(text: str, counts: list[str]) -> None:
    assert [q.text for q in find_quantities(text) if q.type == "count"] == counts


@pytest.mark.parametrize("text,expected", [
    # relative to the report's date (the header gives 2025)
    ("입력 2025.04.22 10:00\n\n우한시 교통운수국 관계자는 \"올해 말까지 무인 버스를 300대로 늘리겠다\"고 말했다.",
     {("region/wuhan", 300, "count", 2025)}),
    # money allocated or spent is not a goal
    ("입력 2025.04.22 10:00\n\n허페이시는 2027년까지 다음 단계 사업에 50억 위안이 추가로 배정될 예정이다.", set()),
    # a baseline before the arrow is not a target, the value after it is
    ("입력 2025.04.22 10:00\n\n◆ 주요 목표(2027년)\n - 안후이성 기술거래액: 3천억 위안('24년) → 5천억 위안\n",
     {("region/anhui", 500000000000, "CNY", 2027)}),
    # a plan "presents" its goals in the past tense
    ("장쑤성은 '장쑤성 바이오의약 발전 행동계획(2025~2027년)'에서 2027년 매출 8,000억 위안을 제시했다.",
     {("region/jiangsu", 800000000000, "CNY", 2027)}),
    # years before 이후/대비 are points of comparison; '목표의' refers to a goal
    ("입력 2025.04.22 10:00\n\n광둥성은 2020년 이후 연평균 12% 성장해 2025년 목표의 절반에 그쳤다.", set()),
    # the first of coordinated subject bodies gives the region
    ("베이징시 과학기술위원회, 중관춘 관리위원회 등은 2030년까지 양자 기업 50곳을 육성하겠다고 밝혔다.",
     {("region/beijing", 50, "count", 2030)}),
])
def test_target_rules_on_context_and_tense(gazetteer: gz.Gazetteer, tmp_path: Path, text: str,
                                           expected: set) -> None:
    assert _targets(_extract(text, gazetteer, tmp_path)) == expected


def test_an_ambiguous_name_takes_the_sense_its_original_gives_in_the_whole_document(gazetteer: gz.Gazetteer,
                                                                                   tmp_path: Path) -> None:
    x = _extract("산시(山西)성은 석탄 대성이다. 산시성은 2027년까지 탄화규소 매출 300억 위안을 목표로 한다.",
                 gazetteer, tmp_path)
    assert {m.entity[len(ID):] for m in x.mentions if m.type == "region"} == {"region/shanxi"}
    assert _targets(x) == {("region/shanxi", 30000000000, "CNY", 2027)}


@pytest.mark.parametrize("text,counts", [
    ("웨이퍼 50만 장을 생산한다.", ["50만 장"]),
    ("제3장 총칙에 따르면", []),  # a chapter
])
def test_jang_counts_sheets_not_chapters(text: str, counts: list[str]) -> None:
    assert [q.text for q in find_quantities(text) if q.type == "count"] == counts


def test_glossed_names_become_people_companies_or_nothing_by_what_they_transcribe(gazetteer: gz.Gazetteer,
                                                                                  tmp_path: Path) -> None:
    x = _extract("펑린쥔(冯林俊) 과학기술청 청장은 계획을 설명했다. 샤오텅즈싱(小腾智行·Tengbot)은 무인차를 늘린다. "
                 "샤오텅즈싱은 상장도 준비한다. 상업우주(商业航天) 산업이 커진다.\nⓒ 한빛테크뉴스, 무단전재 금지\n",
                 gazetteer, tmp_path)
    assert _mentions(x, "person") == {"펑린쥔(冯林俊)"}  # a title after the body he heads
    orgs = [m.text for m in x.mentions if m.type == "organisation"]
    # a transcribed company name, then the same name again without its original; the translated
    # name of an industry is not an organisation
    assert "샤오텅즈싱(小腾智行·Tengbot)" in orgs and "샤오텅즈싱" in orgs and "한빛테크뉴스" in orgs
    assert not any(o.startswith("상업우주") for o in orgs)


@pytest.mark.parametrize("text,expected", [
    # a count that partitions a whole
    ("입력 2025.10.31 09:00\n\n건의는 2030년까지 12개 중점 과제 가운데 두 번째로 과학기술 자립을 배치했다.", set()),
    # money over a period is a budget
    ("입력 2025.10.31 09:00\n\n청두시는 '25~'27년 3억 위안을 들여 2027년까지 AI 기업 500개를 육성한다.",
     {("region/chengdu", 500, "count", 2027)}),
    # a fund's size, its name quoted
    ("입력 2025.10.31 09:00\n\n허페이시는 2027년까지 50억 위안 규모의 '양자산업 모(母)펀드'를 조성하기로 했다.", set()),
    # an industry's forecast
    ("입력 2025.10.31 09:00\n\n업계에서는 2030년까지 투자가 연평균 20% 이상 늘어날 것으로 보고 있다.", set()),
    # no year of its own, in a sentence about the past
    ("입력 2025.10.31 09:00\n\n■ 산업인터넷(2027년 목표)\n"
     "○ 산업 규모는 '24년 1조5천억 위안을 넘었고, 등록량은 5,000억 건을 돌파", set()),
    # a region in the genitive far before the quantity qualifies another noun
    ("지린(吉林)성은 서부 바이청(白城)·쑹위안(松原) 일대의 풍력을 활용한 수소 사업을 추진하며 "
     "2025년까지 수소충전소 10곳 건설을 목표로 함", {("region/jilin", 10, "count", 2025)}),
])
def test_target_rules_on_budgets_partitions_and_the_past(gazetteer: gz.Gazetteer, tmp_path: Path, text: str,
                                                         expected: set) -> None:
    assert _targets(_extract(text, gazetteer, tmp_path)) == expected


def test_a_goal_cell_with_its_own_year_overrides_the_header(gazetteer: gz.Gazetteer, tmp_path: Path) -> None:
    text = ("지역\t'24년 규모\t2027년 목표\n"
            "상하이\t9,800억 위안\t1조 위안\n"
            "베이징\t9,500억 위안\t1조 2천억 위안(2026년)\n")
    assert _targets(_extract(text, gazetteer, tmp_path)) == {("region/shanghai", 10**12, "CNY", 2027),
                                                             ("region/beijing", 12 * 10**11, "CNY", 2026)}


def test_native_numerals_written_together_with_a_counter_are_words() -> None:
    found = [q.text for q in find_quantities("한편 산둥성은 한곳에 모은다. 여섯 개 도시와 두 곳.")]
    assert found == ["여섯 개", "두 곳"]


def test_a_province_whose_bare_name_is_a_word_is_found_bare_once_named(gazetteer: gz.Gazetteer,
                                                                       tmp_path: Path) -> None:
    text = ("저장(浙江)성과 신장위구르자치구는 데이터 저장 장치와 에너지 저장 설비를 늘린다.\n"
            "· 저장: 풍력 확대\n· 간쑤와 신장은 송전선을 늘린다.\n매출 신장이 두드러졌다.\n")
    regions = [(m.text, m.entity[len(ID):]) for m in _extract(text, gazetteer, tmp_path).mentions
               if m.type == "region"]
    assert ("저장", "region/zhejiang") in regions and ("신장", "region/xinjiang") in regions
    assert sum(1 for t, _ in regions if t == "저장") == 1  # not "데이터 저장", "에너지 저장"
    assert sum(1 for t, _ in regions if t == "신장") == 1  # not "매출 신장"


def test_spacing_issue_numbers_and_newspapers(gazetteer: gz.Gazetteer, tmp_path: Path) -> None:
    x = _extract("제2025-47호 (통권 512호)\n국무원 판공청은 통지를 냈다. 헤이룽장일보와 농민일보(农民日报)가 보도했다.",
                 gazetteer, tmp_path)
    assert not [m for m in x.mentions if m.type == "year"]  # an issue number
    orgs = {m.text: m.entity for m in x.mentions if m.type == "organisation"}
    assert orgs["국무원 판공청"] == ID + "body/state-council-general-office"  # a space the name lacks
    assert {"헤이룽장일보", "농민일보(农民日报)"} <= set(orgs)


@pytest.mark.parametrize("text,expected", [
    ("입력 2025.11.21 09:00\n\n농업농촌부는 2030년에는 상위 10개 종자기업의 점유율을 35%로 끌어올린다는 계획이다.",
     {("region/china", 35, "percent", 2030)}),  # a rank is no goal, the share is
    ("입력 2025.11.21 09:00\n\n베이징시의 기린소프트(麒麟软件)는 2026년까지 개발자 10만 명을 확보하겠다는 "
     "자체 목표를 공개했다.", set()),
    ("입력 2025.11.21 09:00\n\n국가에너지국 부사장은 \"'26년 말까지 연결될 것\"이라며 "
     "\"운송비를 15%가량 줄일 수 있다\"고 말했다.", set()),  # the year belongs to another clause
])
def test_target_rules_on_ranks_own_goals_and_clauses(gazetteer: gz.Gazetteer, tmp_path: Path, text: str,
                                                     expected: set) -> None:
    assert _targets(_extract(text, gazetteer, tmp_path)) == expected


def test_goal_cells_with_several_values_side_notes_and_thresholds(gazetteer: gz.Gazetteer, tmp_path: Path) -> None:
    text = ("지역\t현황('24)\t2027년 목표\n"
            "메이산(眉山)시\t관련 기업 45개\t양극재 기업 80개, 매출 800억 위안\n"
            "이빈시\t매출 1,400억 위안\t매출 3,000억 위안, 100억 위안 이상 기업 10개\n"
            "광둥성\t매출 900억 위안\t1,500억 위안(선전 제품 150종, '26)\n")
    assert _targets(_extract(text, gazetteer, tmp_path)) == {
        ("region/meishan", 80, "count", 2027), ("region/meishan", 80000000000, "CNY", 2027),
        ("region/yibin", 300000000000, "CNY", 2027), ("region/yibin", 10, "count", 2027),
        ("region/guangdong", 150000000000, "CNY", 2027)}


@pytest.mark.parametrize("text,expected", [
    # a line led by a region and a comma is about that region
    ("입력 2025.12.05 09:00\n\n- 이빈(宜宾), '배터리 수도' 내걸고 2027년 산업 규모 2,000억 위안 목표 -",
     {("region/yibin", 200000000000, "CNY", 2027)}),
    # a port operator's own plan
    ("입력 2025.12.05 09:00\n\n닝보시의 항만 운영사는 자체적으로 '26년까지 스마트 항만 시나리오 50개를 "
     "구축하겠다고 밝힘", set()),
    # a copula ends the clause: what follows is another clause
    ("입력 2025.12.05 09:00\n\n■ 상하이(2027년 목표)\n"
     "○ '23~'25 상하이에서 열린 대회는 60여 건이며, 앞으로 대회를 유치하면 건당 최대 1,000만 위안을 지급", set()),
])
def test_target_rules_on_lines_led_by_a_region_own_plans_and_copulas(gazetteer: gz.Gazetteer, tmp_path: Path,
                                                                     text: str, expected: set) -> None:
    assert _targets(_extract(text, gazetteer, tmp_path)) == expected


def test_the_original_decides_an_ambiguous_city_for_its_government_too(gazetteer: gz.Gazetteer,
                                                                       tmp_path: Path) -> None:
    x = _extract("장시성 이춘(宜春)시는 리튬 도시다.\n이춘시 정부는 2027년까지 산업 규모를 3,000억 위안으로 키운다.",
                 gazetteer, tmp_path)
    assert _targets(x) == {("region/yichun-jiangxi", 300000000000, "CNY", 2027)}


def test_an_ambiguous_city_after_its_province_is_the_one_in_it(gazetteer: gz.Gazetteer, tmp_path: Path) -> None:
    x = _extract("장쑤성 창저우시는 2027년까지 그래핀 매출 300억 위안을 목표로 한다. 창저우시는 기업도 늘린다.",
                 gazetteer, tmp_path)
    assert {m.entity[len(ID):] for m in x.mentions if m.type == "region" and m.text.startswith("창저우")} \
        == {"region/changzhou"}  # 常州, not Hebei's 沧州, both times


def test_the_region_of_a_goal_row_follows_the_header_and_the_cell(gazetteer: gz.Gazetteer, tmp_path: Path) -> None:
    text = ("지역\t대표 도시\t현황('24)\t2027년 목표\n"
            "광둥\t광저우·선전·후이저우\t8,500억 위안\t1조2천억 위안\n"
            "쓰촨\t청두\t900억 위안\t1,500억 위안(청두)\n"
            "산둥\t칭다오\t1,100억 위안\t1,600억 위안(칭다오 제품 50종, '26)\n")
    assert _targets(_extract(text, gazetteer, tmp_path)) == {
        ("region/guangdong", 12 * 10**11, "CNY", 2027), ("region/chengdu", 15 * 10**10, "CNY", 2027),
        ("region/shandong", 16 * 10**10, "CNY", 2027)}


def test_an_ongoing_state_is_no_goal(gazetteer: gz.Gazetteer, tmp_path: Path) -> None:
    text = "입력 2025.12.12 09:00\n\n다롄시는 2027년까지 도크 2곳에 자동 용접 라인을 구축 중이며, 조선 벨트가 거론된다."
    assert _targets(_extract(text, gazetteer, tmp_path)) == set()


@pytest.mark.parametrize("text,expected", [
    # a company named after 기업/계열의
    ("입력 2025.12.19 09:00\n\n대표 기업 웨이판레이워(潍泛雷沃)는 2026년까지 무인 트랙터 1만 대를 판매할 계획", set()),
    # a percentage that specifies what is counted
    ("입력 2025.12.19 09:00\n\n국가에너지국은 2028년까지 수소 혼소 비율 30% 이상의 가스터빈 실증 프로젝트 "
     "5개를 가동한다.", {("region/china", 5, "count", 2028)}),
    # a condition
    ("입력 2025.12.19 09:00\n\n전문가는 \"중국이 2030년 부품 국산화율 90%를 달성하면 수출이 줄 수 있다\"고 "
     "지적했다.", set()),
    # "저장성 … 타이저우시": the Taizhou in Zhejiang
    ("입력 2025.12.19 09:00\n\n저장성은 바이오의약을 키운다. 타이저우시는 2027년까지 의약 매출 1,500억 위안을 "
     "목표로 제시", {("region/taizhou-zhejiang", 150000000000, "CNY", 2027)}),
])
def test_target_rules_on_companies_specifications_conditions_and_homonyms(gazetteer: gz.Gazetteer, tmp_path: Path,
                                                                          text: str, expected: set) -> None:
    assert _targets(_extract(text, gazetteer, tmp_path)) == expected


@pytest.mark.parametrize("text,expected", [
    # two subjects share one goal verb
    ("입력 2025.12.18 09:00\n\n저장성 경제정보화청은 2027년 바이오의약 매출 5,000억 위안, 타이저우시는 같은 해 "
     "의약 매출 1,500억 위안을 목표로 제시",
     {("region/zhejiang", 500000000000, "CNY", 2027), ("region/taizhou-zhejiang", 150000000000, "CNY", 2027)}),
    # the city of a note in parentheses
    ("입력 2025.12.18 09:00\n\n〈 주요 목표('27) 〉\n - 산둥: 농기계 매출 2,000억 위안(웨이팡 1,000억 위안)\n",
     {("region/shandong", 200000000000, "CNY", 2027), ("region/weifang", 100000000000, "CNY", 2027)}),
    # a glossed topic that is no region or body: a company
    ("입력 2025.12.18 09:00\n\n산둥성은 농기계를 키운다. 레이판즈넝(雷泛智能)은 2026년까지 트랙터 1만 대를 "
     "팔 계획이다.", set()),
])
def test_target_rules_on_shared_verbs_notes_and_glossed_topics(gazetteer: gz.Gazetteer, tmp_path: Path, text: str,
                                                               expected: set) -> None:
    assert _targets(_extract(text, gazetteer, tmp_path)) == expected
