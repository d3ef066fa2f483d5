"""More extraction rules, on sentences written for these tests: quoted speech, datelines, officials,
goal tables, bullet labels, instruments, forecasts, companies and organisation units.

They state from the outside the rules added after the ninth and tenth blind sets; the texts are
new and no report or held-out set contains them.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from loaders.ingest import gazetteer as gz
from loaders.ingest.numbers import find_quantities
from tests.ingest_helpers import _extract, _mentions, _targets


def test_names_inside_quoted_speech_and_event_names_are_mentions(gazetteer: gz.Gazetteer, tmp_path: Path) -> None:
    x = _extract("업계 관계자는 “중국 업체들이 한국 시장까지 노린다”고 말했다.\n"
                 "5월 선전에서 열리는 '중국(선전) 국제 드론 박람회'에 참가한다.\n"
                 "톈진시는 '중국 북방 드론 밸리'를 조성한다.\n", gazetteer, tmp_path)
    regions = [m.text for m in x.mentions if m.type == "region"]
    assert regions.count("중국") == 2 and "한국" in regions  # speech and the fair; not the valley's name
    assert "중국(선전)" in regions or regions.count("선전") == 2


def test_a_dateline_place_is_not_the_subject_of_the_goal(gazetteer: gz.Gazetteer, tmp_path: Path) -> None:
    x = _extract("(선전=한빛뉴스) 도하은 특파원 = 중국 정부가 드론 산업을 2030년까지 5,000억 위안 규모로 "
                 "키우겠다는 계획을 내놨다.", gazetteer, tmp_path)
    assert _targets(x) == {("region/china", 500000000000, "CNY", 2030)}


def test_an_official_named_after_the_body_speaks_for_it(gazetteer: gz.Gazetteer, tmp_path: Path) -> None:
    x = _extract("허페이시 과학기술국 왕쥔(王军) 국장은 \"2028년까지 양자 기업 300곳을 유치하겠다\"고 말했다.",
                 gazetteer, tmp_path)
    assert _targets(x) == {("region/hefei", 300, "count", 2028)}


def test_a_goal_table_reads_each_goal_column_with_its_year_and_skips_the_status(gazetteer: gz.Gazetteer,
                                                                               tmp_path: Path) -> None:
    x = _extract("〈쓰촨성 드론 산업 주요 목표〉\n지표\t현황('24)\t목표('27)\t목표('30)\n"
                 "산업 규모\t300억 위안\t800억 위안\t1,500억 위안\n선도 기업\t5개\t12개\t20개\n",
                 gazetteer, tmp_path)
    assert _targets(x) == {("region/sichuan", 80000000000, "CNY", 2027), ("region/sichuan", 150000000000, "CNY", 2030),
                           ("region/sichuan", 12, "count", 2027), ("region/sichuan", 20, "count", 2030)}


def test_a_goal_year_column_and_the_cities_the_prose_gave_goals(gazetteer: gz.Gazetteer, tmp_path: Path) -> None:
    x = _extract("후베이성 우한시는 2027년까지 드론 산업 매출 400억 위안을 목표로 한다.\n\n"
                 "지역\t대표 도시\t현황\t목표\t목표 연도\n후베이\t우한\t150억 위안\t400억 위안\t2027년\n"
                 "후난\t창사\t90억 위안\t250억 위안\t2028년\n", gazetteer, tmp_path)
    assert _targets(x) == {("region/wuhan", 40000000000, "CNY", 2027), ("region/changsha", 25000000000, "CNY", 2028)}


def test_short_years_naming_a_column_are_years() -> None:
    found = [(m.text, m.attrs.get("value")) for m in find_quantities("도시\t'25 실적\t'27 목표\t’28 말")
             if m.type == "year"]
    assert found == [("'25", 2025), ("'27", 2027), ("’28", 2028)]


@pytest.mark.parametrize("text, expected", [
    # money given to a named scheme, a fund with a long quoted name: instruments
    ("창사시는 '26~'30 기간 매년 20억 위안을 '드론 실증 보험 보상'에 배정하고 2030년까지 드론 기업 80곳을 육성한다.",
     {("region/changsha", 80, "count", 2030)}),
    ("창사시는 30억 위안 규모의 '저고도 경제 산업 혁신 발전 펀드'를 조성해 2028년까지 기업 50곳을 키운다.",
     {("region/changsha", 50, "count", 2028)}),
    # sizes that qualify what is counted
    ("창사시는 2027년까지 매출 10억 위안 이상 '선도 기업' 30곳을 육성한다.", {("region/changsha", 30, "count", 2027)}),
    ("창사시는 매출 1억 위안이 넘는 드론 기업을 2027년 100곳으로 늘릴 계획이다.",
     {("region/changsha", 100, "count", 2027)}),
    # a goal set, told in the past tense
    ("난징시 공업정보화국은 2028년 드론 산업 매출 목표치를 600억위안으로 잡았다.",
     {("region/nanjing", 60000000000, "CNY", 2028)}),
    # a researcher's forecast
    ("한빛증권 김하늘 연구원은 \"2027년 중국 드론 시장이 3,000억 위안을 넘어설 것\"이라고 분석했다.", set()),
])
def test_instruments_thresholds_forecasts_and_goals_set(gazetteer: gz.Gazetteer, tmp_path: Path, text: str,
                                                       expected: set) -> None:
    assert _targets(_extract(text, gazetteer, tmp_path)) == expected


def test_bullet_labels_name_the_region_of_their_item(gazetteer: gz.Gazetteer, tmp_path: Path) -> None:
    x = _extract("□ 지역별 동향\n○ (저장) 후저우시에는 드론 기업 90여 곳이 모여 있음\n"
                 " - 성 정부는 '27년까지 드론 매출 200억 위안을 목표로 제시\n"
                 "○ (국가 목표) 지도의견은 2028년까지 드론 시범구 50곳을 조성하는 것을 목표로 함\n",
                 gazetteer, tmp_path)
    assert "저장" in _mentions(x, "region")
    assert _targets(x) == {("region/zhejiang", 20000000000, "CNY", 2027), ("region/china", 50, "count", 2028)}


def test_a_goal_label_and_the_title_region_of_a_document(gazetteer: gz.Gazetteer, tmp_path: Path) -> None:
    x = _extract("허난성 드론 산업 육성 계획과 시사점\n1. 계획의 주요 내용\n"
                 "□ 핵심 목표('28년): 산업 규모 900억 위안('24년 300억 위안의 3배), 드론 기업 200곳\n",
                 gazetteer, tmp_path)
    assert _targets(x) == {("region/henan", 90000000000, "CNY", 2028), ("region/henan", 200, "count", 2028)}


def test_companies_marked_by_their_class_or_head_office_and_their_own_plans(gazetteer: gz.Gazetteer,
                                                                            tmp_path: Path) -> None:
    x = _extract("쑤저우시는 2027년까지 섬유 기업 40곳을 육성한다. 우장에 본사를 둔 헝리석화(恒力石化)는 "
                 "2027년까지 공장 3곳을 새로 짓는다. 시장조사업체 트렌드포스는 시장이 커질 것으로 봤다. "
                 "국유기업 중화섬유(中华纤维)도 참여한다. 헝리석화는 올해 라인 2개를 늘린다.",
                 gazetteer, tmp_path)
    orgs = _mentions(x, "organisation")
    assert {"헝리석화(恒力石化)", "트렌드포스", "헝리석화"} <= orgs
    assert _targets(x) == {("region/suzhou", 40, "count", 2027)}  # the company's plans are its own


def test_units_of_bodies_and_of_units_but_not_researchers_ranks(gazetteer: gz.Gazetteer, tmp_path: Path) -> None:
    x = _extract("공업정보화부 전자정보사(电子信息司)가 지침을 냈다.\n"
                 "세한투자증권 리서치센터 중국전략팀 | 2026. 1. 13\n"
                 "한국조선연구원 이하린 수석연구원은 우려했다.\n", gazetteer, tmp_path)
    orgs = _mentions(x, "organisation")
    assert {"공업정보화부 전자정보사(电子信息司)", "세한투자증권 리서치센터 중국전략팀", "한국조선연구원"} <= orgs
    assert not any("수석연구원" in o for o in orgs)


def test_an_original_that_reads_otherwise_is_not_the_gazetteer_entity(gazetteer: gz.Gazetteer,
                                                                       tmp_path: Path) -> None:
    x = _extract("리창(李强) 총리는 업무보고를 했다. 충칭(重慶)은 목표를 내놨다.", gazetteer, tmp_path)
    assert "리창(李强)" not in _mentions(x, "region") and "리창(李强)" in _mentions(x, "person")
    assert "충칭(重慶)" in _mentions(x, "region")  # a traditional original reads like the simplified name


def test_a_county_the_text_proposed_has_a_government(gazetteer: gz.Gazetteer, tmp_path: Path) -> None:
    x = _extract("저장성 후저우시 더칭현(德清县)에는 지리정보 기업이 모여 있다.\n"
                 "더칭현 정부는 2027년까지 관련 기업 500곳을 유치한다.\n", gazetteer, tmp_path)
    assert "더칭현 정부" in _mentions(x, "organisation")


def test_a_body_named_by_its_level_is_the_place_of_that_level_named_before(gazetteer: gz.Gazetteer,
                                                                           tmp_path: Path) -> None:
    x = _extract("[산둥] 옌타이, 원자력 난방 확대 (1.21)\n- 옌타이시의 원전 난방은 주민 20만 명에게 공급 중\n"
                 "- 성 정부는 '30년까지 수혜 인구를 80만 명으로 확대할 예정\n"
                 "난양(南阳)에는 기업 200여 곳이 있으며, 시는 2027년까지 설비 900대를 확보할 계획\n",
                 gazetteer, tmp_path)
    assert _targets(x) == {("region/shandong", 800000, "person", 2030), ("region/nanyang", 900, "count", 2027)}


@pytest.mark.parametrize("text, expected", [
    # a subsidy rate, a cap, a value per unit, last year's figure, a company's goal
    ("우후시는 2027년까지 로봇 도입 시 구매 가격의 10%, 최고 50만 위안까지 지원한다.", set()),
    ("우후시는 2028년까지 양식선 건조비를 척당 최대 1억 위안까지 보조한다.", set()),
    ("우후시는 '27년부터 플랫폼당 연 1억 위안 이상의 매출을 내는 모델을 확산하겠다고 했다.", set()),
    ("우후시는 2028년 로봇 5만 대를 목표로 하며, 지난해 생산량은 2만 1천 대.", {("region/wuhu", 50000, "count", 2028)}),
    ("우후시 로봇 기업 대표는 \"2026년 매출을 18억 위안으로 끌어올리는 것이 회사 목표\"라고 말했다.", set()),
])
def test_rates_caps_per_unit_values_past_figures_and_company_goals_are_no_targets(gazetteer: gz.Gazetteer,
                                                                                   tmp_path: Path, text: str,
                                                                                   expected: set) -> None:
    assert _targets(_extract(text, gazetteer, tmp_path)) == expected


def test_credit_line_dates_counts_in_gi_and_a_goal_year_column(gazetteer: gz.Gazetteer, tmp_path: Path) -> None:
    text = ("출처: 저장일보(浙江日报), 1.17\n심해 가두리 2,000기와 40여 기의 플랫폼, 제20기 위원회, 20기 4중전회\n\n"
            "지역\t지표\t현황\t목표\t목표(연도)\n쉬저우\t충전소\t60곳('25)\t300곳\t2027년\n")
    x = _extract(text, gazetteer, tmp_path)
    assert "1.17" in _mentions(x, "date")
    assert _mentions(x, "count") >= {"2,000기", "40여 기"} and not _mentions(x, "count") & {"20기"}
    assert ("region/xuzhou", 300, "count", 2027) in _targets(x)


def test_the_acting_body_of_a_heading_and_a_firm_seated_somewhere(gazetteer: gz.Gazetteer, tmp_path: Path) -> None:
    x = _extract("② (간쑤 우웨이) 간쑤성 공업정보화청, 치료장비 보급 확대 (12.23)\n"
                 "  - 우웨이시에 생산기지를 둔 기업의 장비를 2028년까지 병원 12곳에 보급한다는 목표\n"
                 "③ (장시 징더전) 징더전시, 세라믹 3년 행동방안 발표 (12.26)\n"
                 "  - 부품을 키워 '28년 세라믹 생산액이 200억 위안을 넘어서도록 하고 연구센터를 설립\n"
                 "  - 연구소에서 분사한 창광위성(长光卫星)은 올해 위성 30기를 발사할 계획\n", gazetteer, tmp_path)
    assert _targets(x) == {("region/gansu", 12, "count", 2028), ("region/jingdezhen", 20000000000, "CNY", 2028)}
    assert "창광위성(长光卫星)" not in _mentions(x, "region")  # 성 ends a word here, not a province's name
