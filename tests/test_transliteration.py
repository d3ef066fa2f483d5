"""The pinyin → Hangul table (외래어 표기법, 중국어 표기) and the reference gazetteer it checks.

The first part pins the transcription to the standard Korean spellings of well-known Chinese
place names; the second checks data/reference/regions.yaml, counties.yaml and districts.yaml against it and against
the curated table data/regions.yaml (ids, parents, GB/T 2260 codes, no duplicated entities).
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest
import yaml

from loaders.transliteration import pinyin_to_hangul, syllable_to_hangul

DATA = Path(__file__).resolve().parent.parent / "data"

# (pinyin, standard Korean spelling) of province-level divisions and major cities
KNOWN = [
    ("bei jing", "베이징"), ("shang hai", "상하이"), ("tian jin", "톈진"), ("chong qing", "충칭"),
    ("guang zhou", "광저우"), ("shen zhen", "선전"), ("cheng du", "청두"), ("wu han", "우한"),
    ("hang zhou", "항저우"), ("nan jing", "난징"), ("xi an", "시안"), ("he fei", "허페이"),
    ("su zhou", "쑤저우"), ("xia men", "샤먼"), ("qing dao", "칭다오"), ("da lian", "다롄"),
    ("shen yang", "선양"), ("ha er bin", "하얼빈"), ("chang chun", "창춘"), ("zheng zhou", "정저우"),
    ("chang sha", "창사"), ("kun ming", "쿤밍"), ("gui yang", "구이양"), ("nan ning", "난닝"),
    ("hai kou", "하이커우"), ("lan zhou", "란저우"), ("xi ning", "시닝"), ("yin chuan", "인촨"),
    ("wu lu mu qi", "우루무치"), ("la sa", "라싸"), ("hu he hao te", "후허하오터"), ("shi jia zhuang", "스자좡"),
    ("tai yuan", "타이위안"), ("ji nan", "지난"), ("fu zhou", "푸저우"), ("nan chang", "난창"),
    ("nei meng gu", "네이멍구"), ("guang xi", "광시"), ("ning xia", "닝샤"), ("xin jiang", "신장"),
    ("xi zang", "시짱"), ("zhe jiang", "저장"), ("jiang su", "장쑤"), ("guang dong", "광둥"),
    ("shan dong", "산둥"), ("he nan", "허난"), ("he bei", "허베이"), ("hu bei", "후베이"), ("hu nan", "후난"),
    ("si chuan", "쓰촨"), ("gui zhou", "구이저우"), ("yun nan", "윈난"), ("shan xi", "산시"),
    ("gan su", "간쑤"), ("qing hai", "칭하이"), ("liao ning", "랴오닝"), ("ji lin", "지린"),
    ("hei long jiang", "헤이룽장"), ("hai nan", "하이난"), ("an hui", "안후이"), ("fu jian", "푸젠"),
    ("jiang xi", "장시"), ("wu xi", "우시"), ("ning bo", "닝보"), ("yan bian", "옌볜"),
    ("zhong guan cun", "중관춘"), ("pu dong", "푸둥"), ("xiong an", "슝안"), ("lü liang", "뤼량"),
    ("e er duo si", "어얼둬쓰"), ("qi qi ha er", "치치하얼"), ("xi shuang ban na", "시솽반나"),
]

# single syllables, one per rule of the notice
SYLLABLES = [
    # zh/ch/sh/r and z/c/s with the empty rhyme
    ("zhi", "즈"), ("chi", "츠"), ("shi", "스"), ("ri", "르"), ("zi", "쯔"), ("ci", "츠"), ("si", "쓰"),
    # palatal affricates drop the y-glide, x keeps it
    ("jia", "자"), ("jie", "제"), ("jiao", "자오"), ("jiu", "주"), ("jian", "젠"), ("qiang", "창"), ("jiong", "중"),
    ("xia", "샤"), ("xie", "셰"), ("xiao", "샤오"), ("xiu", "슈"), ("xian", "셴"), ("xiang", "샹"), ("xiong", "슝"),
    # ü after j/q/x/y written u
    ("ju", "쥐"), ("quan", "취안"), ("xue", "쉐"), ("yun", "윈"), ("yu", "위"), ("yuan", "위안"),
    # consonant + ui / un / iu / ian / ie
    ("gui", "구이"), ("hui", "후이"), ("rui", "루이"), ("sui", "쑤이"), ("kun", "쿤"), ("chun", "춘"), ("sun", "쑨"),
    ("liu", "류"), ("niu", "뉴"), ("qiu", "추"), ("bian", "볜"), ("dian", "뎬"), ("tian", "톈"), ("lian", "롄"),
    ("nian", "녠"), ("qian", "첸"), ("yan", "옌"), ("lie", "례"), ("tie", "톄"), ("ye", "예"),
    # ong eng en uo ou er o
    ("dong", "둥"), ("long", "룽"), ("zhong", "중"), ("song", "쑹"), ("cheng", "청"), ("feng", "펑"),
    ("shen", "선"), ("zhen", "전"), ("guo", "궈"), ("luo", "뤄"), ("zhuo", "줘"), ("zhou", "저우"), ("er", "얼"),
    ("bo", "보"), ("po", "포"), ("mo", "모"), ("fo", "포"),
    # uan uang ua uai üe
    ("guan", "관"), ("duan", "돤"), ("zhuan", "좐"), ("chuan", "촨"), ("guang", "광"), ("huang", "황"),
    ("zhuang", "좡"), ("hua", "화"), ("gua", "과"), ("huai", "화이"), ("nüe", "눼"), ("lüe", "뤠"),
    # bare syllables with w-
    ("wei", "웨이"), ("wen", "원"), ("weng", "웡"), ("wu", "우"),
]


@pytest.mark.parametrize(("pinyin", "korean"), KNOWN)
def test_known_place_names(pinyin: str, korean: str) -> None:
    assert pinyin_to_hangul(pinyin) == korean


@pytest.mark.parametrize(("syllable", "korean"), SYLLABLES)
def test_rules_of_the_table(syllable: str, korean: str) -> None:
    assert syllable_to_hangul(syllable) == korean


def test_separators_and_spelling_variants() -> None:
    assert pinyin_to_hangul("xi'an") == pinyin_to_hangul("Xi An") == "시안"
    assert pinyin_to_hangul("chang'an") == "창안"
    assert pinyin_to_hangul("lv liang") == pinyin_to_hangul("lü liang") == "뤼량"
    assert pinyin_to_hangul("  ha  er   bin ") == "하얼빈"


@pytest.mark.parametrize("text", ["hefei", "bia", "zhia", "qa", "gi", "fong", "jo", "xing x", "beijing shi"])
def test_unknown_syllables_raise(text: str) -> None:
    with pytest.raises(ValueError) as info:
        pinyin_to_hangul(text)
    assert "unknown pinyin syllable" in str(info.value)


def test_error_names_the_syllable() -> None:
    with pytest.raises(ValueError, match="'zhia'"):
        pinyin_to_hangul("he zhia")
    with pytest.raises(ValueError):
        pinyin_to_hangul("   ")


# ---- the reference gazetteer ---------------------------------------------------------------

REFERENCE_LISTS = {"ref-gb2260", "ref-iso3166", "ref-korean-orthography", "ref-national-zones"}
#: what may follow the transcription in name.ko, by type
SUFFIX = {
    "ProvinceLevelDivision": r"성|(?:[가-힣]+족|위구르)?자치구|특별행정구",
    "Municipality": r"시?",
    "City": r"시?",
    "Prefecture": r"(?:[가-힣]+족|몽골|카자흐|키르기스)+자치주|지구|맹",
    "District": r"(?:[가-힣]+족)?구|신구|",  # 관청회족구 (管城回族区), 선베이신구 (沈北新区)
}
#: Hanja readings that are ordinary Korean words or Korean place names: never an alias on their own
FORBIDDEN_KO = {"광주", "하남", "호남", "강서", "해남", "청도", "성도", "무한", "서안", "소주", "미",
                "장사", "귀양", "위해", "주해", "불산", "개봉", "계림", "양주", "대경", "정주", "영하", "서장", "저장",
                "지난", "주장", "전장", "진화", "황산", "한중", "장장", "전해", "신장", "상추", "지시", "허비", "이양"}


def _load(name: str) -> list[dict]:
    with open(DATA / name, encoding="utf-8") as f:
        return yaml.safe_load(f)


@pytest.fixture(scope="module")
def reference() -> list[dict]:
    return _load("reference/regions.yaml") + _load("reference/counties.yaml") + _load("reference/districts.yaml")


@pytest.fixture(scope="module")
def county_ids() -> set[str]:
    return {r["id"] for r in _load("reference/counties.yaml")}


@pytest.fixture(scope="module")
def district_ids() -> set[str]:
    return {r["id"] for r in _load("reference/districts.yaml") if not r.get("supplements")}


@pytest.fixture(scope="module")
def curated() -> dict[str, dict]:
    return {r["id"]: r for r in _load("regions.yaml")}


@pytest.fixture(scope="module")
def curated_codes() -> set[str]:
    return {str(r["gb2260"]) for r in _load("links.yaml") if r.get("gb2260")}


def _entities(reference: list[dict]) -> list[dict]:
    return [r for r in reference if not r.get("supplements")]


def _expected_korean(record: dict, rtype: str, ko: str, bare_ok: bool = False) -> str | None:
    """None when name.ko is the transcription of the pinyin plus a suffix allowed for the type
    (or no suffix at all when ``bare_ok``: some curated provinces are named without 성)."""
    expected = pinyin_to_hangul(record["pinyin"])
    rest = ko[len(expected):] if ko.startswith(expected) else None
    if rest is not None and (re.fullmatch(SUFFIX.get(rtype, ""), rest) or (bare_ok and rest == "")):
        return None
    return f"{record['id']}: name.ko {ko!r} is not {expected!r} (+ suffix for {rtype}) from pinyin {record['pinyin']!r}"


def test_table_parses_and_is_not_empty(reference: list[dict]) -> None:
    assert isinstance(reference, list) and len(reference) > 400
    types = Counter(r.get("type") for r in _entities(reference))
    assert types["City"] + types["Prefecture"] >= 320  # every prefecture-level division not curated
    assert types["District"] >= 950  # 975 municipal districts in the 2022 list, 10 of them curated
    assert types["Country"] >= 60


def test_ids_unique_and_not_curated(reference: list[dict], curated: dict[str, dict]) -> None:
    ids = Counter(r["id"] for r in reference)
    assert [i for i, n in ids.items() if n > 1] == []
    for r in reference:
        assert re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", r["id"]), r["id"]
        if r.get("supplements"):
            assert r["id"] in curated, f"{r['id']}: supplements no curated record"
        else:
            assert r["id"] not in curated, f"{r['id']}: already curated in data/regions.yaml (use supplements)"


def test_parents_resolve(reference: list[dict], curated: dict[str, dict]) -> None:
    known = set(curated) | {r["id"] for r in _entities(reference)}
    for r in _entities(reference):
        if r["type"] in ("Country", "GeographicArea") and "part_of" not in r:
            continue
        assert r.get("part_of") in known, f"{r['id']}: part_of {r.get('part_of')!r} does not resolve"


def test_gb2260_codes(reference: list[dict], curated_codes: set[str], county_ids: set[str]) -> None:
    codes = [str(r["gb2260"]) for r in reference if "gb2260" in r]
    assert all(re.fullmatch(r"[1-9]\d{5}", c) for c in codes)
    assert [c for c, n in Counter(codes).items() if n > 1] == []
    assert sorted(set(codes) & curated_codes) == []
    for r in _entities(reference):
        if r["type"] in ("City", "Prefecture") and r["id"] not in county_ids:
            assert str(r["gb2260"]).endswith("00") and not str(r["gb2260"]).endswith("0000"), r["id"]
            assert r["gb2260"][:2] + "0000" in codes or r["part_of"] in _curated_provinces(), r["id"]


def test_county_level_cities_sit_under_their_prefecture(reference: list[dict], county_ids: set[str],
                                                       curated_codes: set[str]) -> None:
    """A county-level city's code begins with its prefecture's four digits, or with the province's
    two and 90 when the province administers it directly (文昌 469005, 仙桃 429004)."""
    by_id = {r["id"]: str(r["gb2260"]) for r in reference if "gb2260" in r}
    by_id.update({r["entity"]: str(r["gb2260"]) for r in _load("links.yaml") if r.get("gb2260")})
    by_id.update({r["id"]: str(s["section"]) for r in reference if r.get("supplements")
                  for s in r["sources"] if s["report"] == "ref-gb2260"})
    counties = [r for r in _entities(reference) if r["id"] in county_ids]
    assert len(counties) > 350
    for r in counties:
        code, parent = str(r["gb2260"]), by_id.get(r["part_of"], "")
        assert not code.endswith("00"), r["id"]
        assert code[:4] == parent[:4] or (code[2:4] == "90" and code[:2] == parent[:2]), (r["id"], code, parent)


def test_districts_sit_under_their_city(reference: list[dict], district_ids: set[str],
                                       curated: dict[str, dict]) -> None:
    """A district's code begins with its city's four digits (with the municipality's two and 01); its name
    ends in 区 and its code is not one of the development zones (…7x)."""
    by_id = {r["id"]: str(r["gb2260"]) for r in reference if "gb2260" in r}
    by_id.update({r["entity"]: str(r["gb2260"]) for r in _load("links.yaml") if r.get("gb2260")})
    by_id.update({r["id"]: str(s["section"]) for r in reference if r.get("supplements")
                  for s in r["sources"] if s["report"] == "ref-gb2260"})
    districts = [r for r in _entities(reference) if r["id"] in district_ids]
    assert len(districts) >= 940
    assert all(r["type"] == "District" for r in districts)
    for r in districts:
        code, parent = str(r["gb2260"]), by_id.get(r["part_of"], "")
        assert r["name"]["zh"].endswith("区") and code[4] in "0123456", (r["id"], code)
        if curated.get(r["part_of"], {}).get("type") == "Municipality":
            assert code[:2] == parent[:2] and code[2:4] == "01", (r["id"], code, parent)
        else:
            assert code[:4] == parent[:4] and parent.endswith("00"), (r["id"], code, parent)
    # every curated district is supplemented with its code, in one table only
    supplemented = [r["id"] for r in reference if r.get("supplements") and curated[r["id"]]["type"] == "District"]
    assert sorted(supplemented) == sorted(i for i, r in curated.items() if r["type"] == "District")


def test_district_aliases_name_no_other_entity(reference: list[dict], district_ids: set[str],
                                               curated: dict[str, dict]) -> None:
    """A district's Korean and Chinese aliases (the bare 톈허, 天河) are withheld when another entity has that name:
    homonymous districts (鼓楼区 of four cities) share their official name, never a bare alias."""
    names: dict[str, dict[str, set[str]]] = {"ko": {}, "zh": {}}
    for r in list(curated.values()) + reference:
        for lang in ("ko", "zh"):
            for n in [r.get("name", {}).get(lang)] + (r.get("alt_names") or {}).get(lang, []):
                if n:
                    names[lang].setdefault(n, set()).add(r["id"])
    for r in _entities(reference):
        if r["id"] not in district_ids:
            continue
        for lang in ("ko", "zh"):
            for alias in (r.get("alt_names") or {}).get(lang, []):
                assert names[lang][alias] == {r["id"]}, (r["id"], alias, names[lang][alias])


def _curated_provinces() -> set[str]:
    return {r["id"] for r in _load("regions.yaml") if r["type"] == "ProvinceLevelDivision"}


def test_no_duplicate_of_a_curated_entity(reference: list[dict], curated: dict[str, dict]) -> None:
    """No entity twice: a Chinese name is shared only by districts of different cities (鼓楼区, 朝阳区)."""
    holders: dict[str, list[dict]] = {}
    for r in list(curated.values()) + _entities(reference):
        if r.get("name", {}).get("zh"):
            holders.setdefault(r["name"]["zh"], []).append(r)
    shared = {zh: rs for zh, rs in holders.items() if len(rs) > 1}
    for zh, rs in shared.items():
        assert all(r["type"] == "District" for r in rs), (zh, [r["id"] for r in rs])
        assert len({r["part_of"] for r in rs}) == len(rs), (zh, [r["id"] for r in rs])
        assert all(not re.fullmatch(r"[a-z]+", r["id"]) for r in rs if r["id"] not in curated), (zh, "id not qualified")
    assert {"鼓楼区", "朝阳区", "城区", "市中区"} <= set(shared)


def test_korean_names_follow_the_transcription(reference: list[dict], curated: dict[str, dict]) -> None:
    korean = {r["id"]: r["name"].get("ko", "") for r in list(curated.values()) + _entities(reference)}
    problems = []
    for r in reference:
        if "pinyin" not in r:
            continue
        if r.get("supplements"):
            target = curated[r["id"]]
            problem = _expected_korean(r, target["type"], target["name"]["ko"], bare_ok=True)
        elif r.get("ko_irregular"):
            assert r.get("note"), f"{r['id']}: ko_irregular needs a note explaining the Korean usage"
            assert pinyin_to_hangul(r["pinyin"]) != r["name"]["ko"], f"{r['id']}: regular after all"
            continue
        elif r["type"] == "District" and "Named with its city" in r.get("note", ""):
            # where X구 alone is a Korean word, the city's name comes first: 양취안청구 (城区 of Yangquan; 청구 'claim')
            city = korean[r["part_of"]]
            assert r["name"]["ko"].startswith(city), r["id"]
            problem = _expected_korean(r, r["type"], r["name"]["ko"][len(city):])
        else:
            problem = _expected_korean(r, r["type"], r["name"]["ko"])
        if problem:
            problems.append(problem)
    assert problems == []


def test_ko_irregular_records_are_few_and_explained(reference: list[dict]) -> None:
    irregular = {r["id"] for r in reference if r.get("ko_irregular")}
    assert irregular == {"hong-kong", "macao", "taiwan"}
    assert all("pinyin" in r for r in reference if r.get("ko_irregular"))


def test_sources_are_reference_lists(reference: list[dict]) -> None:
    curated_codes = {r["entity"]: str(r["gb2260"]) for r in _load("links.yaml") if r.get("gb2260")}
    for r in reference:
        assert r.get("sources"), r["id"]
        for s in r["sources"]:
            assert s["report"] in REFERENCE_LISTS, f"{r['id']}: cites {s['report']}"
            assert str(s.get("section", "")).strip(), r["id"]
            if s["report"] == "ref-gb2260":
                # a supplement cites the curated record's code (data/links.yaml) when it has one
                code = str(r["gb2260"]) if "gb2260" in r else curated_codes.get(r["id"], str(s["section"]))
                assert str(s["section"]) == code and re.fullmatch(r"[1-9]\d{5}", code), r["id"]
            if s["report"] == "ref-iso3166":
                assert s["section"] == r["iso3166_1"], r["id"]
            if s["report"] == "ref-korean-orthography":  # ASCII: the section becomes an @en citation label
                assert s["section"] in ("chinese-transcription", "country-names"), r["id"]


def test_countries(reference: list[dict]) -> None:
    countries = [r for r in _entities(reference) if r["type"] == "Country"]
    isos = [r["iso3166_1"] for r in countries]
    assert len(isos) == len(set(isos))
    for r in countries:
        assert re.fullmatch(r"[A-Z]{2}", r["iso3166_1"]), r["id"]
        assert "pinyin" not in r and "gb2260" not in r and "part_of" not in r, r["id"]
        assert {"en", "ko", "zh"} <= set(r["name"]), r["id"]


def test_names_and_aliases(reference: list[dict]) -> None:
    for r in reference:
        names = r.get("name", {})
        aliases = r.get("alt_names", {})
        for lang, values in aliases.items():
            assert lang in ("en", "ko", "zh") and isinstance(values, list) and values, r["id"]
            assert len(values) == len(set(values)), r["id"]
            assert names.get(lang) not in values, f"{r['id']}: alias repeats the name"
        for alias in aliases.get("ko", []):
            assert alias not in FORBIDDEN_KO, f"{r['id']}: {alias!r} is an ordinary Korean word or place name"
            assert len(alias) >= 2, r["id"]
        if r.get("type") in ("City", "District") and names.get("ko"):
            assert re.fullmatch(r"[가-힣]+", names["ko"]), r["id"]
