"""Korean word lists the rules share: particles, counters, policy-title heads, cue verbs.

Everything language-specific that is not a name lives here, so the rules in
``mentions.py`` and ``relations.py`` read as patterns over these classes of words.
The lists describe how Korean prose reports on Chinese policy in general (postpositions,
counter words, the nouns policy titles end in, verbs of issuing, founding and aiming);
none of them names an entity.
"""

from __future__ import annotations

from itertools import product

# postpositions, copulas and bound nouns that may follow a name without a space
_PARTICLES = (
    "은", "는", "이", "가", "을", "를", "의", "에", "에서", "에게", "와", "과", "로", "으로", "도", "만",
    "까지", "부터", "보다", "처럼", "마다", "씩", "뿐", "뿐만", "이나", "나", "이며", "며", "이고", "고",
    "이다", "다", "였다", "이었다", "였으며", "이었으며", "였고", "이었고", "이라는", "라는", "이란", "란",
    "로서", "으로서", "인", "이자", "이지만", "측", "내", "간", "등", "서", "께서", "에는", "이라고", "라고",
    "이라", "라", "엔", "에선", "이면", "면", "과의", "와의", "밖에", "조차", "마저", "같은", "이므로",
)
# bound nouns that fuse with a place name into a common compound (중국시장, 중국산, 중국판)
_BOUND_NOUNS = ("시장", "산", "판", "전역", "본토")
PARTICLE_RUNS: frozenset[str] = frozenset(
    {"".join(p) for n in (1, 2) for p in product(_PARTICLES, repeat=n)}
    | {b + p for b in _BOUND_NOUNS for p in ("", *_PARTICLES)}
)

# counters after a number that make it a count of things (firms, people, items ...)
COUNTERS = ("개사", "개국", "개소", "개", "곳", "명", "건", "종", "가지", "편", "척", "팀", "장")
#: counters that count only when written apart from the number ("650만 대")
SPACED_COUNTERS = ("대",)
#: what the counter 기 counts when one of these nouns comes just before the number ("위성 100기"); elsewhere
#: 기 is a phase or a term ("1기 공사", "3기 신도시") and the number is no count
GI_COUNTED = ("위성", "로켓", "발사체", "발사대", "원전", "원자로", "발전기", "터빈", "엔진", "탑", "기지국")
NATIVE_NUMBERS = {
    "한": 1, "두": 2, "세": 3, "네": 4, "다섯": 5, "여섯": 6, "일곱": 7, "여덟": 8, "아홉": 9, "열": 10,
}

CURRENCIES = (
    ("위안화", "CNY"), ("위안", "CNY"), ("元", "CNY"), ("人民币", "CNY"),
    ("미국 달러", "USD"), ("달러", "USD"), ("美元", "USD"), ("불", "USD"),
    ("유로", "EUR"), ("엔화", "JPY"), ("엔", "JPY"), ("원화", "KRW"), ("원", "KRW"),
)

# the nouns a Korean rendering of a Chinese policy title ends in
DOCUMENT_HEADS = (
    "계획", "규획", "방안", "실시방안", "시행방안", "의견", "실시의견", "조치", "조례", "통지", "보고", "보고서",
    "정책", "전략", "강요", "규정", "방법", "판법", "지침", "지도의견", "백서", "요강", "세칙", "법", "결정",
    "공고", "목록", "로드맵", "청사진", "가이드라인", "행동계획", "지원정책", "지원책", "통보", "내용",
)
# the characters a Chinese policy title ends in
ZH_DOCUMENT_HEADS = ("规划", "计划", "方案", "意见", "措施", "条例", "通知", "报告", "办法", "纲要", "规定",
                     "政策", "战略", "决定", "指南", "细则", "法", "公告", "目录", "白皮书", "行动",
                     # traditional forms (Korean reports often print the original so)
                     "規劃", "計劃", "意見", "條例", "報告", "辦法", "綱要", "規定", "戰略", "決定", "細則")

# the Chinese endings of organisation names, mapped to a curated class
ZH_ORG_SUFFIXES = (
    ("大学", "University"), ("大學", "University"), ("学院", "University"), ("學院", "University"),
    ("研究院", "ResearchInstitute"), ("研究所", "ResearchInstitute"), ("科学院", "ResearchInstitute"),
    ("实验室", "Laboratory"), ("實驗室", "Laboratory"),
    ("有限公司", "Company"), ("公司", "Company"), ("集团", "Company"), ("集團", "Company"), ("银行", "Company"),
    ("委员会", "GovernmentBody"), ("委員會", "GovernmentBody"), ("人民政府", "GovernmentBody"),
    ("政府", "GovernmentBody"), ("管委会", "GovernmentBody"), ("部", "GovernmentBody"), ("厅", "GovernmentBody"),
    ("廳", "GovernmentBody"), ("局", "GovernmentBody"), ("署", "GovernmentBody"), ("办公室", "GovernmentBody"),
    ("中心", "InnovationCentre"), ("联盟", "Alliance"), ("聯盟", "Alliance"), ("协会", "Alliance"),
    ("科技", "Company"), ("电子", "Company"), ("電子", "Company"), ("汽车", "Company"),
    ("制药", "Company"), ("微电子", "Company"), ("股份", "Company"),
    ("日报", "Company"), ("日報", "Company"), ("晚报", "Company"), ("时报", "Company"), ("商报", "Company"),
    ("新闻网", "Company"), ("电视台", "Company"),
    ("医院", "Organization"), ("醫院", "Organization"), ("交易所", "Organization"),
)
#: last words of Chinese company names that are also names of industries (智能, 储能, 航天 …): a company
#: only when the Korean name transcribes the Chinese sound (``샤오마즈싱(小马智行)``), not when it
#: translates it (``상업우주(商业航天)`` is the industry)
ZH_COMPANY_ENDINGS = ("智行", "智能", "机器人", "半导体", "航天", "能源", "储能", "生物", "医药", "网络", "软件",
                      "通信", "光电", "动力", "晶体", "芯", "微", "锂业", "电池", "材料", "矿业", "化工", "重工",
                      "机械", "钢铁")
# Korean endings of organisation names (used with a Chinese gloss or a known pattern)
KO_ORG_SUFFIXES = (
    ("대학교", "University"), ("대학", "University"), ("연구원", "ResearchInstitute"),
    ("연구소", "ResearchInstitute"), ("과학원", "ResearchInstitute"), ("실험실", "Laboratory"),
    ("연구실", "Laboratory"), ("유한공사", "Company"), ("공사", "Company"), ("그룹", "Company"),
    ("위원회", "GovernmentBody"), ("인민정부", "GovernmentBody"), ("관리위원회", "GovernmentBody"),
    ("판공청", "GovernmentBody"), ("과학기술청", "GovernmentBody"), ("청", "GovernmentBody"),
    ("국", "GovernmentBody"), ("부", "GovernmentBody"), ("센터", "InnovationCentre"), ("연맹", "Alliance"),
    ("병원", "Organization"), ("거래소", "Organization"),
)
#: heads that make a single written-together word an organisation's name (``타이후실험실``, ``광자칩연구원``)
COMPOUND_ORG_HEADS = (
    ("혁신센터", "InnovationCentre"), ("연구센터", "InnovationCentre"), ("연구원", "ResearchInstitute"),
    ("연구소", "ResearchInstitute"), ("실험실", "Laboratory"), ("유한공사", "Company"), ("일보", "Company"),
    ("신문", "Company"), ("그룹", "Company"), ("증권", "Company"), ("정책센터", "InnovationCentre"),
)
#: words before 연구원 that make it a researcher's rank, not an institute (수석연구원)
RESEARCHER_RANKS = ("수석", "책임", "선임", "주임", "객원", "초빙", "박사후", "전임", "선임", "보조", "특임")
#: how a named unit of a known organisation ends (``중국과학원 상하이분원``, ``난카이대학교 환경공학부``)
ORG_UNIT_SUFFIXES = (
    ("분원", "ResearchInstitute"), ("연구소", "ResearchInstitute"), ("연구원", "ResearchInstitute"),
    ("학부", "University"), ("학원", "University"), ("대학원", "University"), ("실험실", "Laboratory"),
    ("센터", "InnovationCentre"), ("무역관", "CooperationCentre"), ("지사", "Company"), ("본부", "Company"),
    ("사무소", "Organization"), ("대표처", "Organization"), ("지부", "Organization"), ("학과", "University"),
    ("법인", "Company"), ("분행", "Organization"), ("지행", "Organization"), ("지점", "Organization"),
    ("팀", "Organization"),
)
ZH_REGION_SUFFIXES = (("省", "ProvinceLevelDivision"), ("市", "City"), ("区", "District"), ("區", "District"),
                      ("县", "District"), ("縣", "District"), ("开发区", "DevelopmentZone"),
                      ("開發區", "DevelopmentZone"), ("高新区", "HighTechZone"), ("园区", "IndustrialPark"))
# how the name of a local body or institution ends when written "<region> … <suffix>"
LOCAL_BODY_SUFFIXES = (
    ("인민정부", "GovernmentBody"), ("관리위원회", "GovernmentBody"), ("위원회", "GovernmentBody"),
    ("판공청", "GovernmentBody"), ("판공실", "GovernmentBody"), ("청", "GovernmentBody"), ("국", "GovernmentBody"),
    ("대학교", "University"), ("대학", "University"), ("과학원", "ResearchInstitute"), ("연구원", "ResearchInstitute"),
    ("연구소", "ResearchInstitute"), ("실험실", "Laboratory"), ("센터", "InnovationCentre"), ("연맹", "Alliance"),
    ("협회", "Alliance"), ("은행", "Company"), ("그룹", "Company"), ("유한공사", "Company"),
    ("무역관", "CooperationCentre"), ("거래소", "Organization"), ("병원", "Organization"),
)
#: how a zone's name ends when written "<city> … <suffix>" (``허페이 고신구``, ``창장삼각주 … 발전시범구``)
LOCAL_ZONE_SUFFIXES = (
    ("첨단기술산업개발구", "HighTechZone"), ("첨단기술개발구", "HighTechZone"), ("첨단산업개발구", "HighTechZone"),
    ("고신구", "HighTechZone"), ("하이테크존", "HighTechZone"), ("경제기술개발구", "DevelopmentZone"),
    ("경제개발구", "DevelopmentZone"), ("개발구", "DevelopmentZone"), ("경개구", "DevelopmentZone"),
    ("신구", "DevelopmentZone"), ("자유무역시험구", "FreeTradeZone"), ("자유무역구", "FreeTradeZone"),
    ("자유무역항", "FreeTradeZone"), ("종합보세구", "FreeTradeZone"), ("보세구", "FreeTradeZone"),
    ("시범구", "DemonstrationZone"), ("선도구", "DemonstrationZone"), ("산업단지", "IndustrialPark"),
    ("공업단지", "IndustrialPark"), ("공업원구", "IndustrialPark"), ("산업원", "IndustrialPark"),
    ("과학성", "IndustrialPark"), ("종합실험구", "DevelopmentZone"), ("실험구", "DevelopmentZone"),
)
#: zone heads that are also ordinary words (``생산기지``, ``스마트도시``): a zone's name only when the
#: Chinese original follows and ends in the matching word (``시안 항천기지(西安航天基地)``)
GLOSSED_ZONE_HEADS = (("기지", ("基地",)), ("도시", ("城", "城市")), ("성", ("城",)), ("타운", ("小镇", "镇")),
                      ("밸리", ("谷",)), ("단지", ("园", "园区", "園區")), ("원구", ("园区", "園區")), ("항", ("港",)))
KO_REGION_SUFFIXES = (("경제기술개발구", "DevelopmentZone"), ("경제개발구", "DevelopmentZone"),
                      ("개발구", "DevelopmentZone"), ("고신구", "HighTechZone"), ("첨단기술개발구", "HighTechZone"),
                      ("산업단지", "IndustrialPark"), ("공업단지", "IndustrialPark"), ("산업원", "IndustrialPark"),
                      ("시범구", "DemonstrationZone"), ("선도구", "DemonstrationZone"), ("자유무역구", "FreeTradeZone"),
                      ("자유무역항", "FreeTradeZone"), ("성", "ProvinceLevelDivision"), ("시", "City"),
                      ("구", "District"), ("현", "District"))
KO_ADMIN_SUFFIX = {"City": "시", "Municipality": "시", "ProvinceLevelDivision": "성", "District": "구"}

SURNAMES = frozenset("김이박최정강조윤장임한오서신권황안송류홍전고문양손배백허유남심노하곽성차주우구민진나지엄채원천"
                     "방공"
                     "현함변염여추도소석선설마길연위표명기반왕금옥육인맹제모탁국어은편용예경봉리시량쉬저우탕쑨후뤄궈"
                     "린허가오마저량쑹정셰한펑청차이판톈둥위두덩샤오")
PERSON_TITLES = ("교수", "부교수", "부장", "부부장", "주임", "부주임", "청장", "국장", "서기", "주석", "총리", "부총리",
                 "원장", "소장", "센터장", "회장", "부회장", "사장", "기자", "특파원", "위원장", "원사", "박사",
                 "연구원", "선임연구원", "책임연구원", "수석연구원", "연구위원", "수석연구위원", "부연구위원",
                 "행정장관", "장관", "차관", "대변인", "이사장", "총재", "부총재", "총경리", "동사장", "팀장",
                 "처장", "실장", "논설위원", "대표", "대표이사", "애널리스트", "이코노미스트", "총장", "부총장", "학장",
                 "단장")
#: a syllable a Korean personal name does not end in (particles, adjectival endings)
NOT_NAME_END = frozenset("의적을를은는이가에과와도로서고며")
GOVERNMENT_WORDS = ("인민정부", "정부", "당국")

# verbs and nouns of the relations
ISSUE_VERBS = ("발표", "발행", "공포", "반포", "인쇄발행", "하달", "제정", "공개", "내놓", "발간", "통과", "채택",
               "印发", "发布", "出台")
FOUND_VERBS = ("설립", "개소", "개관", "출범", "창설", "발족", "세우", "세웠", "설치", "개원", "공개", "揭牌", "成立")
LOCATE_CUES = ("에 위치", "에 소재", "소재", "에 자리", "에 설립된", "에 있는", "에 입주한")
#: verbs by which a plan states its goals, in any tense ("…에서 2027년 매출 6,000억 위안을 제시했다")
PLAN_VERBS = ("제시", "내걸", "내건", "명시", "담았", "담겼", "담고")
GOAL_WORDS = ("목표", "목표로", "계획", "예정", "전망", "방침", "복안", "포부", "청사진", "구상")
GOAL_VERBS = ("육성", "달성", "돌파", "늘리", "늘려", "늘린", "끌어올", "확대", "넘어서", "넘기", "키우", "키운",
              "조성", "구축", "창출", "만들", "만든", "도달", "실현", "선정", "배출", "유치", "증가시", "높이",
              "도입", "보급", "건설", "확보", "설치", "양성", "배치", "발굴", "제정", "신설", "확충")
#: verbs of a forecast by an observer (a research institute, an analyst): not a goal
FORECAST_VERBS = ("내다봤", "내다보", "내다본", "예측했", "예측한", "추산했", "추산한", "예상했", "예상한",
                  "전망했", "관측했", "분석했", "것으로 보고", "것으로 본다", "것으로 봤", "것으로 예상", "것으로 관측",
                  "것으로 전망", "것으로 내다", "전망도", "전망치", "전망이 나")
FUTURE_MARKERS = ("겠", "할 것", "될 것", "할 계획", "할 예정", "할 전망", "하도록", "토록", "도록 하",
                  "도록 한", "한다는", "린다는",
                  "기로 했", "기로 하였", "기로 결정", "운다는", "올린다", "예정", "계획", "목표", "전망", "방침",
                  "복안", "포부", "다는 계획")
#: a present, ongoing state ("구축 중이며", "추진 중"): not a goal to be reached
PRESENT_MARKERS = ("중이며", "중이다", "중임", "중이고", "하고 있으며", "하고 있다")
PAST_MARKERS = ("했다", "하였다", "했으며", "하였으며", "했고", "하였고", "됐다", "되었다", "됐으며", "되었으며",
                "되어", "됐고", "였다", "었다", "았다", "한 바", "했는데", "하였는데", "된 바", "해왔다", "했던",
                "했다고", "있음", "됨", "이미", "기록", "차지", "달함")
STATISTIC_HEADS = ("성과", "현황", "실적", "개요", "통계", "사례", "참고")
SCOPE_CORE = ("핵심 산업", "핵심산업", "코어 산업", "核心产业")
SCOPE_RELATED = ("관련 산업", "관련산업", "연관 산업", "연관산업", "관련 산업 규모", "带动相关产业", "相关产业")
SCOPE_TOTAL = ("전체 산업", "산업 전체", "총 규모", "전체 규모")
