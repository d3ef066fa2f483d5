"""How Korean sentences mark the role of a name, and whether a clause states an intent.

The relation rules read the grammatical role a name plays from the particle after it —
topic/subject (은/는/이/가), locative (에서), possessive (의), object (을/를), coordination
(와/과/·/,) — and the tense of a clause from the cue words of ``lexicon.py``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from loaders.ingest.lexicon import FUTURE_MARKERS, GOAL_WORDS, PAST_MARKERS, PLAN_VERBS, PRESENT_MARKERS
from loaders.ingest.model import Mention

_SUBJECT = ("은", "는", "이", "가", "에서", "에서는", "에서도", "에서만", "의", "도", "측", "내", "만", "께서",
            "에서의",
            "이며", "으로서", "로서", "")
_OBJECT = ("을", "를", "로", "으로", "에", "에게", "으로는", "로는", "을로")
_COORD = ("와", "과", "및", ",", "·", "、", "/")


@dataclass
class Role:
    mention: Mention
    role: str  # subject | object | coord | other
    particle: str


def particle_after(text: str, end: int) -> str:
    j = end
    while j < len(text) and "\uac00" <= text[j] <= "\ud7a3":
        j += 1
    return text[end:j]


#: "등 4개 부처는", "등이": a name closing an enumeration whose whole is the subject
_GROUP_SUBJECT = re.compile(r"\s?등\s?(?:\d+\s?개\s?)?(?:[\uac00-\ud7a3]{1,4}?)?(은|는|이|가)(?![\uac00-\ud7a3])")
#: a body's official or spokesperson as the subject ("… 경제정보화국 관계자는", "… 대변인은")
_SPOKESPERSON = re.compile(r"\s?(?:관계자|대변인|책임자|당국자|측)(은|는|이|가)(?![\uac00-\ud7a3])"
                          # "포산시 주택도농건설국 천위밍(陈玉明) 국장은", "… 공업정보화청 부청장은": its official
                          r"|\s?(?:의\s)?(?:[\uac00-\ud7a3]{2,4}(?:\([^()\n]{1,12}\))?\s)?"
                          r"(?:부?(?:국장|청장|주임|시장|성장|부장|처장|과장|서기|사장|주석|위원장|구청장|현장|소장|원장|"
                          r"사무총장|당서기))(은|는|이|가)(?![\uac00-\ud7a3])")
#: a dateline ("(베이징=연합뉴스)", "[광저우=정유나 특파원]"): where the reporter writes from
_DATELINE = re.compile(r"\s?=")
_SEATED = re.compile(r"(?:에|에서)\s(?:본사|본부|생산기지|공장|거점|법인|연구소|연구개발센터)(?:를|을)?\s"
                     r"(?:둔|두고|세운)")
_PLACE_NOUN = re.compile(r" (?:지역|일대|지구|권역|도시|지방)(?=[\uac00-\ud7a3])")


def role_of(text: str, m: Mention) -> Role:
    end = m.end
    if m.type == "region":
        noun = _PLACE_NOUN.match(text, end)
        if noun:
            end = noun.end()  # "광구 지역의": the role is read after the place noun
    if text[end:end + 1] in ("'", '"', "’", "”", "」", "』", "》") and end < len(text):
        end += 1  # "'원창 국제우주도시'를": the particle follows the closing quote
    speaker = _SPOKESPERSON.match(text, end)
    if speaker and m.type == "organisation":
        particle = next(g for g in speaker.groups() if g)
        return Role(m, "subject", particle)  # "우한시 교통운수국 관계자는": the body speaks
    if m.type == "region" and _SEATED.match(text, end):
        return Role(m, "other", "에")  # "우웨이시에 생산기지를 둔 …": where a firm is seated, not a subject
    if m.start and text[m.start - 1] in "([" and _DATELINE.match(text, end):
        return Role(m, "other", "")  # "(베이징=한결뉴스)": a dateline names no subject
    group = _GROUP_SUBJECT.match(text, end)
    if group:
        return Role(m, "subject", group.group(1))  # "… 재정부 등 4개 부처는": the group is the subject
    p = particle_after(text, end)
    after = text[end + len(p): end + len(p) + 3]
    if p in ("와", "과") or (not p and after[:1] in ",·、/") or (not p and after.startswith(" 및")):
        return Role(m, "coord", p)
    if p in _OBJECT:
        return Role(m, "object", p)
    if not p and text[end:end + 1] == " ":
        return Role(m, "other", p)  # a modifier: "중국 스마트자동차 밸리"
    if p in _SUBJECT or p.startswith(("은", "는", "이", "가", "에서")):
        return Role(m, "subject", p)
    return Role(m, "other", p)


def has_future(clause: str) -> bool:
    """A future, intent or goal marker: 겠, 예정, 목표, -도록, or a verb in -ㄹ before 것/계획/예정 …."""
    if has_any(clause, FUTURE_MARKERS):
        return True
    for m in re.finditer(r"([\uac00-\ud7a3]) ?(?:것|계획|예정|전망|방침|방안|목표)", clause):
        if (ord(m.group(1)) - 0xAC00) % 28 == 8:  # final consonant ㄹ: 할, 될, 늘릴 …
            return True
    return False


def _first(clause: str, words: tuple[str, ...]) -> int:
    hits = [clause.find(w) for w in words if w in clause]
    return min(hits) if hits else -1


_GOAL_REFERENCE = re.compile(r"목표(?:까지|의|에|와|대비|치의|치에|치까지)(?![\uac00-\ud7a3])")


def reported_intent(clause: str) -> bool | None:
    """True for future/goal wording, False for a statement of the past, None if neither.

    A past tense that only reports an intent (``늘리겠다는 계획을 발표했다``) is an intent:
    what counts is which comes first after the quantity.
    """
    clause = _GOAL_REFERENCE.sub(" ", clause)  # "목표까지 … 남았다", "목표의 4분의 1": about a goal, not one
    past = _first(clause, PAST_MARKERS + PRESENT_MARKERS)
    future_words = tuple(FUTURE_MARKERS) + GOAL_WORDS + PLAN_VERBS
    future = _first(clause, future_words)
    if future < 0 and has_future(clause):
        future = len(clause) if past < 0 else past - 1
    if future >= 0 and (past < 0 or future < past):
        return True
    if past >= 0:
        return False
    return None


def region_groups(text: str, mentions: list[Mention]) -> list[list[Role]]:
    """Regions chained by coordination form one group; the group's role is its last member's.

    A region written right before another one (``쓰촨성 청두 …``, ``중국 베이징 중관촌``) only
    qualifies it and is left out.
    """
    groups: list[list[Role]] = []
    heads = [m for i, m in enumerate(mentions)
             if not (i + 1 < len(mentions) and text[m.end:mentions[i + 1].start] == " ")]
    for m in heads:
        r = role_of(text, m)
        if groups and groups[-1][-1].role == "coord" and m.start - groups[-1][-1].mention.end <= 6:
            groups[-1].append(r)
        else:
            groups.append([r])
    return groups


def has_any(text: str, words: tuple[str, ...]) -> bool:
    return any(w in text for w in words)


def year_of(m: Mention) -> int | None:
    """The year a year or date mention stands for (the last year of a range)."""
    value = m.attrs.get("end_year") or m.attrs.get("value") or m.attrs.get("year")
    return int(value) if value else None




def subject_group(text: str, names: list[Mention]) -> list[Mention]:
    """The names of the last subject in ``names`` with those coordinated before it, in text order
    (``베이징시 과학기술위원회, 중관춘 관리위원회 등은`` → both; the first one leads)."""
    roles = [role_of(text, m).role for m in names]
    if "subject" not in roles:
        return []
    last = first = len(roles) - 1 - roles[::-1].index("subject")
    while first > 0 and roles[first - 1] == "coord":
        first -= 1
    return names[first:last + 1]
