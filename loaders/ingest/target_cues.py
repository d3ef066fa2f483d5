"""The cue patterns of the target rules: what rules a quantity out as a goal (funds, subsidies,
thresholds, forecasts, companies' own plans, past figures) and what points to its year and its
region (same period, labels, bodies named by their level). ``targets.py`` applies them.
"""

from __future__ import annotations

import re

from loaders.ingest.gazetteer import fold
from loaders.ingest.model import Mention

CLAUSE_END = re.compile(r"(?:고|며|면서|으며|지만|는데|여|해)[ ,]|[.;]\s|다[.]|\t|$")
ANAPHOR = re.compile(r"(?:이|동|해당|같은|본) ?(?:계획|규획|방안|의견|조치|정책|문서)"
                      r"|(?:계획|방안|규획)에 (?:따르면|따라)")
COORDINATED_TAIL = re.compile(r"\s*[\d,.]+\s?[조억만천]*\s?(?:원|위안|달러|개)?\s?(?:와|과|및)\s*$")
WITHIN_YEARS = re.compile(r"(\d{1,2})\s?년\s?(?:내|안에|이내|내에)")
RELATIVE_YEAR = re.compile(r"(?<![\uac00-\ud7a3])(올해|금년|내년)\s?(?:말|안|중|내)?\s?(?:까지|에는|에)"
                            r"(?![\uac00-\ud7a3])")
#: "같은 해", "같은 기간": the year of the goal stated just before
SAME_PERIOD = re.compile(r"같은 (?:해|기간|시기)|동기간|동년|이 기간")
#: a fund, a subsidy or a budget: an instrument, not a goal ("100억 위안 규모의 로봇산업 펀드")
INSTRUMENT = re.compile(r"\s?(?:규모의?|상당의)?\s?"
                         r"(?:['‘\"“]?[\uac00-\ud7a3A-Za-z0-9&+·()\u4e00-\u9fff]+['’\"”]?\s?){0,6}?"
                         r"(?:펀드|기금|보조금|지원금|보조|지원|투자|투입|예산|장려금)"
                         # "100억 위안이 추가로 배정될", "100억 위안 이상을 들여": money spent, not a goal
                         r"|\s?(?:이상|가량|정도)?(?:이|가|을|를)\s(?:추가로\s|새로\s|별도로\s)?"
                         r"(?:배정|편성|책정|출연|들여|들인|쏟아)"
                         # "매년 50억 위안을 '국산 기기 최초 도입 보험보상'에 배정": money given to something
                         r"|\s?(?:을|를)\s(?:['‘][^'’\n]{1,40}['’]|[\uac00-\ud7a3A-Za-z·]+\s){0,4}?(?:에|에게)\s"
                         r"(?:배정|편성|책정|투입|출연|지원|보조)")

#: a line labelled as goals: "□ 핵심 목표('28년): 산업 규모 …, 기업 15곳"
GOAL_LABEL = re.compile(r"목표\s?(?:\([^()\n]{1,12}\))?\s?[:：]")
#: a goal named before its value, and the verbs that set it ("목표치를 … 1200억 위안으로 잡았다")
GOAL_SET = re.compile(r"목표(?:치|액|량)?(?:를|을|는|은|로)\s")
SETTING_VERB = re.compile(r"\s?(?:으로|로|을|를)?\s?(?:잡았|정했|설정했|세웠|제시했|내걸었|확정했|상향했|올려 잡)")
#: last year, said in words: what follows in the clause is a past figure
PAST_CLAUSE = re.compile(r"(?<![\uac00-\ud7a3])(?:지난해|작년|전년)")
#: a share of a price or a cost: a subsidy rate ("구매 가격의 10%")
SHARE_OF_PRICE = re.compile(r"(?:가격|가|비용|투자액|금액|구입비|보험료|이자)의\s?(?:최대|최고)?\s?$")
#: a body named by its level only: "시는", "성 정부는", "시 당국은"
ANAPHORIC_BODY = re.compile(r"(?:(?<=^)|(?<=[\s,(]))(시|성|구|현)(?:\s?(?:정부|인민정부|당국))?(?:는|은|가|이|도)\s")
#: the region classes each level word refers to
LEVEL_KINDS = {"성": ("ProvinceLevelDivision",), "시": ("City", "Prefecture", "Municipality"),
               "구": ("District",), "현": ("County", "District")}
PERIOD_GAP = re.compile(r"(?:\s?(?:년|기간|동안|간|에|에는|중)?)(?:\s?(?:매년|연간|해마다|각각|총|약))*\s?")
#: where a change starts: "5,060억 위안에서", "210개 기관에서 … 확대", "6조8천억 위안('24년) → 8조 위안"
FROM = re.compile(r"(?:\s?[\uac00-\ud7a3]{1,6}?)?에서(?![\uac00-\ud7a3])|\s?(?:\([^()\n]{1,12}\))?\s?(?:→|->|⇒)")
#: a fund, a subsidy or a budget named just before the amount ("유도기금 규모를 1,000억 위안으로")
INSTRUMENT_BEFORE = re.compile(r"(?:펀드|기금|보조금|지원금|예산|장려금)\s?(?:의\s)?(?:규모|총액|총규모|액)?"
                                r"(?:를|을|는|은|가|이)?\s?(?:약\s?|총\s?)?$")
#: what ends one clause before another begins ("… 연결될 것"이라며 "… 15%가량 줄일 수 있다")
CLAUSE_BREAK = re.compile(r"[\"“”]|(?:며|고|면서|지만|라며|다며)\s")
#: a rank ("상위 10개 종자기업"), a company's own goal ("자체 목표"): not a region's
NOT_REGIONAL = re.compile(r"(?:상위|하위|톱|Top|TOP)\s?$")
LEADING_REGION = re.compile(r"[\s\-–○□■▶◆◇△•ㆍ·*]*(?:\[[^\]\n]{1,10}\]\s*)?")  # "[장시] 난창, …"
#: a company's or a body's own goal, not a region's ("자체 목표", "자체적으로")
OWN = re.compile(r"자체\s?(?:목표|계획|적으로)|(?:회사|자사|사내|내부|그룹)\s?(?:의\s)?목표")
SPECIFICATION = re.compile(r"\s?(?:이상|이하|초과|미만|급)의\s(?!목표|수준|비중|규모)[\uac00-\ud7a3]")
CONDITION = re.compile(r"[\uac00-\ud7a3\s]{0,12}?(?:하면|되면|이면|할 경우|될 경우)(?![\uac00-\ud7a3])")
GLOSSED_TOPIC = re.compile(r"(?<![\uac00-\ud7a3])[\uac00-\ud7a3A-Za-z0-9]{2,15}\([^()\n]*[\u4e00-\u9fffA-Za-z]"
                            r"[^()\n]*\)(?:은|는)(?![\uac00-\ud7a3])")
#: a count that partitions a whole ("12개 중점 과제 가운데 두 번째")
PARTITION = re.compile(r"(?:\s[\uac00-\ud7a3]+){0,2}\s?(?:가운데|중에서|중\s(?=\d|[한두세네다]\s?(?:번째|개|곳)))")
#: an amount that qualifies what is counted ("매출 100억 위안 이상 선도기업 10개"): a threshold, not a goal
THRESHOLD = re.compile(r"\s?(?:이상|이하|초과|미만|급|(?:이|가|을|를)?\s?(?:넘는|넘긴|웃도는|넘어선))(?:의|인)?\s"
                       r"['‘\"“]?(?:[\uac00-\ud7a3A-Za-z]+\s){0,2}[\uac00-\ud7a3]*"
                       r"(?:기업|업체|회사|선도기업|프로젝트|단지|도시|제품|브랜드|기관|병원|품목|단위|공장)")
#: a topic that observes or acts for itself, not for a region ("회사 측은", "업계는", "전문가들은"); with
#: 이/가 such a noun is mostly the subject of a relative clause ("기업이 밀집한 지역")
OBSERVER = re.compile(r"(?:회사|기업|업체|운영사|제조사|업계|관계자|전문가|분석가|애널리스트|시장조사기관|조사기관|"
                       r"연구기관|증권사|외신|언론|컨설팅사|조사업체|시장조사업체)\s?(?:측|들)?"
                       r"(?:은|는|에서는|에 따르면)(?![\uac00-\ud7a3])"
                       # "김재윤 연구원은", "… 교수는": a researcher or an analyst speaks for no government
                       r"|(?:연구원|선임연구원|수석연구원|책임연구원|연구위원|수석연구위원|교수|애널리스트|이코노미스트|"
                       r"센터장|소장|원장)(?:은|는)(?![\uac00-\ud7a3])"
                       # "대표 기업 웨이차이레이워(潍柴雷沃)는", "계열의 중량공과(中粮工科)는": a named company
                       r"|(?:기업|업체|계열의|자회사)\s[^\s(]{2,20}(?:\([^()\n]*\))?(?:은|는)(?![\uac00-\ud7a3])")


LABEL = re.compile(r"[\s\-–○□■▶◆◇△•ㆍ·*①-⑳]*[(\[]([^()\[\]\n]{1,20})[)\]]")


def label_region(text: str, start: int, ms: list[Mention], national: str | None = None) -> str | None:
    """The region a bullet's leading label names: ``○ (저장) …``, ``① (지린 창춘) …`` (the last, most
    specific one), ``(국가 목표)`` the country (``national``); None for labels that name no place
    (``(목표)``, ``(배경)``)."""
    m = LABEL.match(text, start)
    if not m:
        return None
    if national and re.match(r"(?:국가|중앙|전국)(?:\s|$)", m.group(1)):
        return national
    inside = [r for r in ms if r.type == "region" and m.start(1) <= r.start and r.end <= m.end(1)]
    if not inside or fold(text[inside[-1].end:m.end(1)]).strip():
        return None  # "(포산시 목표)": a label about the place's goals is read as prose
    return inside[-1].entity
