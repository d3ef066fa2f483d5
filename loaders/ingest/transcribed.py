"""Names written as a Korean transcription of their Chinese original: ``류례훙(劉烈宏)``, ``톈푸(天府)``.

A Korean report glosses a Chinese proper name it transcribes by sound (``순펑(順豐)``) and a
Chinese word it translates by the Korean reading of its characters (``이구환신(以舊換新)``,
a slogan). So a gloss whose Hangul is the Mandarin transcription of its characters marks a
name; which kind of name follows from the context:

* a person: a Chinese surname first, two to four characters, a title in the words that
  follow (``… 국가데이터국 국장``, ``… 교수``);
* otherwise the class of its neighbours in an enumeration (``창안자동차(長安汽車), 싸이리쓰(賽力斯)
  등``), a class noun after it (``… 등 완성차 기업``), or a region in front of it in a table
  cell (``쓰촨성 톈푸(天府)``).

Names whose context says nothing are left out: a miss costs less than a wrong type. The
Mandarin readings come from pypinyin, the Hangul from :mod:`loaders.transliteration`;
spellings the press uses beside the official orthography (tense consonants written plain,
``텐`` for ``톈``) are accepted.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from loaders.ingest.lexicon import PERSON_TITLES
from loaders.ingest.model import Mention
from loaders.transliteration import syllable_to_hangul

#: the commonest Chinese surnames, simplified and traditional (a person's gloss starts with one)
ZH_SURNAMES = frozenset(
    "王李张張刘劉陈陳杨楊黄黃赵趙吴吳周徐孙孫马馬朱胡郭何高林罗羅郑鄭梁谢謝宋唐许許韩韓冯馮邓鄧曹彭曾肖萧蕭田董"
    "袁潘于蒋蔣蔡余杜叶葉程苏蘇魏吕呂丁任沈姚卢盧姜崔钟鍾谭譚陆陸汪范金石廖贾賈夏韦韋付傅方白邹鄒孟熊秦邱江尹"
    "薛闫閆段雷侯龙龍史陶黎贺賀顾顧毛郝龚龔邵万萬钱錢严嚴覃武戴莫孔向汤湯常温溫康施文牛樊葛邢安齐齊易乔喬伍庞龐"
    "颜顏倪庄莊聂聶章鲁魯岳翟殷詹申欧歐耿关關兰蘭焦俞左柳甘祝包宁寧尚符舒阮柯纪紀梅童凌毕畢单單季裴霍涂成苗谷"
    "盛曲翁冉骆駱蓝藍路游辛靳管柴蒙鲍鮑华華喻祁蒲房滕屈饶饒解牟艾尤阳陽时時穆农農司卓古吉缪繆简簡车車项項连連芦蘆"
    "麦麥褚娄婁窦竇戚岑景党宫宮费費卜冷晏席卫衛米柏宗瞿桂全佟应應臧闵閔苟邬鄔边邊卞姬师師和仇栾欒隋商刁沙荣榮巫寇"
    "桑郎甄丛叢仲虞敖巩鞏明佘池查麻苑迟遲邝鄺"
    "洪怀阴华廉戚谈宫祁车房丰滕卞喻骆阎邬司尤柏巩芦麦冼游邝鲍卫时蒙池官褚沙项栾姬冉闵穆佟盛艾鞠农桂景凤隋宗郁伏权荣商简皮席戈郎靳缪蓝麻路揭虞昝仇")
#: words after a person's name that give their position
_TITLE_WORDS = (*PERSON_TITLES, "대표", "창업자", "이사장", "총경리", "총재", "성장", "시장", "당서기", "CEO",
                "최고경영자", "수석", "책임자", "대변인", "연구원", "회장")
_SEPARATOR = re.compile(r"\s*(?:,|、|·|및|와|과|그리고)\s*")
_ORG_CUE = re.compile(r"(?:은|는|이|가|의|와|과)?\s*(?:(?:등\s*)(?:[^\s,.()]+\s){0,3}?|(?:[\uac00-\ud7a3]+\s)?)"
                      r"[\uac00-\ud7a3A-Za-z]*?(?:기업|업체|회사|그룹|제조사|완성차|스타트업|계열|자회사|플랫폼|브랜드)")
#: a class noun just before the name ("국유기업 중난다이아몬드(中南钻石)", "본사를 둔 보즈린로봇(…)")
_ORG_BEFORE = re.compile(r"(?:기업|업체|회사|제조사|건설사|국유기업|민영기업|자회사|모회사|계열사|스타트업|상장사|"
                         r"본사를 둔|공장을 둔|생산기지를 둔)\s$")
_REGION_CUE = re.compile(r"\s*(?:등\s*)?(?:\d+\s*(?:곳|개 (?:성|도시|지역))|지역|도시|일대)")
_CELL_END = re.compile(r"[ \t]*(?:\t|\||$)", re.M)


@lru_cache(maxsize=4096)
def _readings(char: str) -> tuple[str, ...]:
    from pypinyin import Style, pinyin  # loaded on first use: its dictionary is large

    out = []
    for reading in pinyin(char, style=Style.NORMAL, heteronym=True, errors="ignore")[0] if char else []:
        try:
            out.append(_loose(syllable_to_hangul(reading)))
        except ValueError:
            continue
    return tuple(dict.fromkeys(out))


_TENSE = {"ㄲ": "ㄱ", "ㄸ": "ㄷ", "ㅃ": "ㅂ", "ㅆ": "ㅅ", "ㅉ": "ㅈ"}
_LEADS = "ㄱㄲㄴㄷㄸㄹㅁㅂㅃㅅㅆㅇㅈㅉㅊㅋㅌㅍㅎ"
_VOWELS = "ㅏㅐㅑㅒㅓㅔㅕㅖㅗㅘㅙㅚㅛㅜㅝㅞㅟㅠㅡㅢㅣ"
_LOOSE_VOWEL = {"ㅖ": "ㅔ", "ㅕ": "ㅔ", "ㅒ": "ㅐ", "ㅢ": "ㅣ"}


def _loose(hangul: str) -> str:
    """A spelling key that forgives the press's deviations from the orthography (쩌/저, 톈/텐)."""
    out = []
    for ch in hangul:
        code = ord(ch) - 0xAC00
        if not 0 <= code < 11172:
            out.append(ch)
            continue
        lead, rest = divmod(code, 588)
        vowel, tail = divmod(rest, 28)
        ld = _TENSE.get(_LEADS[lead], _LEADS[lead])
        v = _LOOSE_VOWEL.get(_VOWELS[vowel], _VOWELS[vowel])
        out.append(f"{ld}{v}{chr(0x30 + tail)}")
    return "".join(out)


def transcribed_prefix(hangul: str, hanzi: str) -> int:
    """How many leading characters of ``hanzi`` ``hangul`` transcribes by their Mandarin sound, the
    rest of ``hangul`` being one syllable per remaining character (their Korean reading, as in
    ``징청기전(京城機電)``); 0 when it does not."""
    key = _loose(hangul)
    best = 0

    def walk(i: int, pos: int) -> None:
        nonlocal best
        if i == len(hanzi):
            best = max(best, i) if pos == len(key) else best
            return
        if i >= 2 and len(key) - pos == 3 * (len(hanzi) - i):
            best = max(best, i)  # the rest read the Korean way, one syllable per character
        for reading in _readings(hanzi[i]):
            if key.startswith(reading, pos):
                walk(i + 1, pos + len(reading))

    if len(hangul) <= 12 and len(hanzi) <= 8:
        walk(0, 0)
    return best


def starts_transcribed(hangul: str, hanzi: str, chars: int = 2) -> bool:
    """``hangul`` begins with the Mandarin sound of the first ``chars`` characters of ``hanzi``, whatever
    follows (a translated part: ``리량다이아몬드(力量钻石)``, ``보즈린로봇(博智林机器人)``)."""
    if len(hanzi) < chars:
        return False
    key = _loose(hangul)

    def walk(i: int, pos: int) -> bool:
        if i == chars:
            return pos < len(key) or len(hanzi) == chars
        return any(key.startswith(r, pos) and walk(i + 1, pos + len(r)) for r in _readings(hanzi[i]))

    return walk(0, 0)


@dataclass
class Candidate:
    """A glossed name of unknown class: ``text[start:end]`` = Hangul + ``(`` + ``zh`` + ``)``."""

    start: int
    end: int
    name_ko: str
    zh: str
    full: bool  # every character transcribed by sound


def candidate(name_ko: str, zh: str, start: int, end: int) -> Candidate | None:
    """The glossed name as a candidate when its Hangul transcribes (at least the start of) its gloss."""
    zh = zh.strip()
    if not re.fullmatch(r"[\u4e00-\u9fff]{2,8}", zh) or not re.fullmatch(r"[\uac00-\ud7a3]{2,12}", name_ko):
        return None
    n = transcribed_prefix(name_ko, zh)
    if n < 2 and not (n == len(zh) and n >= 1):
        if len(zh) >= 3 and starts_transcribed(name_ko, zh):
            return Candidate(start, end, name_ko, zh, False)  # "리량다이아몬드(力量钻石)": partly translated
        return None
    return Candidate(start, end, name_ko, zh, n == len(zh))


def _sentence_rest(text: str, end: int, limit: int = 30) -> str:
    rest = text[end:end + limit]
    cut = re.search(r"[.!?。\n]", rest)
    return rest[:cut.start()] if cut else rest


def _is_person(c: Candidate, text: str) -> bool:
    if not (c.full and 2 <= len(c.zh) <= 4 and c.zh[0] in ZH_SURNAMES):
        return False
    rest = _sentence_rest(text, c.end)
    return any(re.search(rf"(?<![\uac00-\ud7a3]){re.escape(t)}(?![\uac00-\ud7a3])|{re.escape(t)}[은는이가의을]", rest)
               for t in _TITLE_WORDS)


def _neighbour_type(c: Candidate, text: str, known: list[Mention]) -> str | None:
    """The type of a name next to ``c`` in an enumeration (``A(甲), B(乙) 등``)."""
    for m in known:
        if m.type not in ("region", "organisation"):
            continue
        if m.end <= c.start and _SEPARATOR.fullmatch(text[m.end:c.start]):
            return m.type
        if c.end <= m.start:
            between = text[c.end:m.start]
            if _SEPARATOR.fullmatch(between):
                return m.type
    return None


def resolve(candidates: list[Candidate], text: str, known: list[Mention], make) -> list[Mention]:
    """Mentions for the candidates whose context gives their class; ``make(c, type, kind)`` builds one.
    Enumerations are followed until nothing changes, so a list of new names resolves from the
    one known name in it."""
    out: list[Mention] = []
    pending = list(candidates)
    while pending:
        progress = False
        for c in list(pending):
            mtype, kind = None, None
            if _is_person(c, text):
                mtype, kind = "person", "Person"
            else:
                mtype = _neighbour_type(c, text, known + out)
                if mtype is None:
                    after = text[c.end:c.end + 30]
                    if _ORG_CUE.match(after) or _ORG_BEFORE.search(text[max(0, c.start - 12):c.start]):
                        mtype = "organisation"
                    elif _REGION_CUE.match(after) or _cell_after_region(c, text, known):
                        mtype = "region"
                kind = {"organisation": "Organization", "region": "GeographicArea"}.get(mtype or "")
            if mtype:
                out.append(make(c, mtype, kind))
                pending.remove(c)
                progress = True
        if not progress:
            break
    return out


def _cell_after_region(c: Candidate, text: str, known: list[Mention]) -> bool:
    """``쓰촨성 톈푸(天府)`` as a table cell: a province or city, then the name, alone in the cell."""
    line_start = text.rfind("\n", 0, c.start) + 1
    for m in known:
        if m.type == "region" and m.end + 1 == c.start and text[m.end] == " ":
            before = text[line_start:m.start]
            if (not before.strip() or before.endswith(("\t", "|", "| "))) and _CELL_END.match(text, c.end):
                return True
    return False
