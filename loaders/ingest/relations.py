"""Relations by rule: targets, issuing bodies, sectors, locations and founders.

The rules read the grammatical role a name plays in its sentence from the particle
after it — topic/subject (은/는/이/가), locative (에서), possessive (의), object (을/를),
coordination (와/과/·/,) — and the cue words of ``lexicon.py``. They are written for how
Korean reporting states Chinese policy, not for particular texts:

* **target** — a quantity (amount, count, percentage) in a clause with a goal verb or a
  future/intent marker (육성, 달성, 돌파 …; 겠, 예정, 목표 …) and no past marker, with a
  target year: ``2025년까지``, ``’27년에``, ``N년 내`` (report year + N), or a target year
  stated earlier in the same section. The jurisdiction is the nearest preceding subject
  region (or the region of a subject body); a coordinated group of regions is paired with
  the quantities by order only with 각각 ("respectively"), otherwise it is ambiguous and
  nothing is extracted. Without a region in the sentence, the region of the previous
  sentence, of the section head or of the item title is used (with lower confidence).
  Scope: 핵심 산업 → core, 관련/연관 산업 → related, nearest before the quantity. Under a
  box title that names goals (〈주요목표〉) the rows inherit the goal year; under one that
  names results (성과, 현황 …) nothing is a target. A year before the report's year is
  not a target year unless the sentence says 목표.
* **issuedBy** — a document mention, an issuing verb (발표, 발행, 印发 …) in the sentence,
  and bodies before the document in subject role (or ``X 주도로``). A region in subject
  role instead gives the document's ``cnp:jurisdiction``.
* **coversSector** — sector names inside a document's title.
* **location** — ``R에 위치한/소재/설립된 O``, ``R에서 … O를 설립``, ``O는 R에 위치``.
* **foundedBy** — ``A와 B는 … O를 (공동으로) 설립``, ``A 주도하에 … O 설립``.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from loaders.ingest.gazetteer import Gazetteer, fold
from loaders.ingest.goal_tables import table_targets
from loaders.ingest.lexicon import (
    FORECAST_VERBS,
    FOUND_VERBS,
    FUTURE_MARKERS,
    GOAL_VERBS,
    GOAL_WORDS,
    ISSUE_VERBS,
    PAST_MARKERS,
    SCOPE_CORE,
    SCOPE_RELATED,
    SCOPE_TOTAL,
    STATISTIC_HEADS,
)
from loaders.ingest.model import QUANTITY_TYPES, Fact, Mention
from loaders.ingest.sentences import Sentence

_SUBJECT = ("은", "는", "이", "가", "에서", "에서는", "에서도", "에서만", "의", "도", "측", "내", "만", "께서",
            "에서의",
            "이며", "으로서", "로서", "")
_OBJECT = ("을", "를", "로", "으로", "에", "에게", "으로는", "로는", "을로")
_COORD = ("와", "과", "및", ",", "·", "、", "/")
_CLAUSE_END = re.compile(r"(?:고|며|면서|으며|지만|는데|여|해)[ ,]|[.;]\s|다[.]|\t|$")
_ANAPHOR = re.compile(r"(?:이|동|해당|같은|본) ?(?:계획|규획|방안|의견|조치|정책|문서)"
                      r"|(?:계획|방안|규획)에 (?:따르면|따라)")
_FOUNDED = re.compile(r"(?:을|를|의)?\s?(?:공동\s?)?(?:설립|개소|개관|출범|창설|발족|공개|설치)")
_COORDINATED_TAIL = re.compile(r"\s*[\d,.]+\s?[조억만천]*\s?(?:원|위안|달러|개)?\s?(?:와|과|및)\s*$")
_WITHIN_YEARS = re.compile(r"(\d{1,2})\s?년\s?(?:내|안에|이내|내에)")


@dataclass
class Role:
    mention: Mention
    role: str  # subject | object | coord | other
    particle: str


def _particle(text: str, end: int) -> str:
    j = end
    while j < len(text) and "\uac00" <= text[j] <= "\ud7a3":
        j += 1
    return text[end:j]


#: "등 4개 부처는", "등이": a name closing an enumeration whose whole is the subject
_GROUP_SUBJECT = re.compile(r"\s?등\s?(?:\d+\s?개\s?)?(?:[\uac00-\ud7a3]{1,4}?)?(은|는|이|가)(?![\uac00-\ud7a3])")
#: "같은 해", "같은 기간": the year of the goal stated just before
_SAME_PERIOD = re.compile(r"같은 (?:해|기간|시기)|동기간|동년|이 기간")
#: a fund, a subsidy or a budget: an instrument, not a goal ("100억 위안 규모의 로봇산업 펀드")
_INSTRUMENT = re.compile(r"\s?(?:규모의?|상당의)?\s?(?:[\uac00-\ud7a3A-Za-z]+\s?){0,3}?"
                         r"(?:펀드|기금|보조금|지원금|보조|지원|투자|투입|예산|장려금)")

#: an amount that qualifies what is counted ("매출 100억 위안 이상 선도기업 10개"): a threshold, not a goal
_THRESHOLD = re.compile(r"\s?(?:이상|이하|초과|미만|급)(?:의|인)?\s(?:[\uac00-\ud7a3]+\s)?[\uac00-\ud7a3]*"
                        r"(?:기업|업체|회사|선도기업|프로젝트|단지|도시|제품)")
#: a topic that observes or acts for itself, not for a region ("회사 측은", "업계는", "전문가들은"); with
#: 이/가 such a noun is mostly the subject of a relative clause ("기업이 밀집한 지역")
_OBSERVER = re.compile(r"(?:회사|기업|업체|운영사|제조사|업계|관계자|전문가|분석가|애널리스트|시장조사기관|조사기관|"
                       r"연구기관|증권사|외신|언론)\s?(?:측|들)?(?:은|는|에 따르면)(?![\uac00-\ud7a3])")
_PLACE_NOUN = re.compile(r" (?:지역|일대|지구|권역|도시|지방)(?=[\uac00-\ud7a3])")


def role_of(text: str, m: Mention) -> Role:
    end = m.end
    if m.type == "region":
        noun = _PLACE_NOUN.match(text, end)
        if noun:
            end = noun.end()  # "광구 지역의": the role is read after the place noun
    group = _GROUP_SUBJECT.match(text, end)
    if group:
        return Role(m, "subject", group.group(1))  # "… 재정부 등 4개 부처는": the group is the subject
    p = _particle(text, end)
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
    if _has(clause, FUTURE_MARKERS):
        return True
    for m in re.finditer(r"([\uac00-\ud7a3]) ?(?:것|계획|예정|전망|방침|방안|목표)", clause):
        if (ord(m.group(1)) - 0xAC00) % 28 == 8:  # final consonant ㄹ: 할, 될, 늘릴 …
            return True
    return False


def _first(clause: str, words: tuple[str, ...]) -> int:
    hits = [clause.find(w) for w in words if w in clause]
    return min(hits) if hits else -1


def reported_intent(clause: str) -> bool | None:
    """True for future/goal wording, False for a statement of the past, None if neither.

    A past tense that only reports an intent (``늘리겠다는 계획을 발표했다``) is an intent:
    what counts is which comes first after the quantity.
    """
    past = _first(clause, PAST_MARKERS)
    future_words = tuple(FUTURE_MARKERS) + GOAL_WORDS
    future = _first(clause, future_words)
    if future < 0 and has_future(clause):
        future = len(clause) if past < 0 else past - 1
    if future >= 0 and (past < 0 or future < past):
        return True
    if past >= 0:
        return False
    return None


def _groups(text: str, mentions: list[Mention]) -> list[list[Role]]:
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


def _has(text: str, words: tuple[str, ...]) -> bool:
    return any(w in text for w in words)


def _year_of(m: Mention) -> int | None:
    """The year a year or date mention stands for (the last year of a range)."""
    value = m.attrs.get("end_year") or m.attrs.get("value") or m.attrs.get("year")
    return int(value) if value else None


class Context:
    """What the sentences read so far say the text is about (reset by headings)."""

    def __init__(self) -> None:
        self.item_region: str | None = None
        self.section_region: str | None = None
        self.last_region: str | None = None
        self.year: int | None = None
        self.year_mention: Mention | None = None
        self.goal_year: int | None = None  # the year of the last goal stated ("같은 해" refers to it)
        self.mode: str | None = None  # goal | stat | None
        self.document: str | None = None
        self.document_at = -1

    def heading(self, level: int, text: str, region: str | None) -> None:
        if level == 1:
            self.item_region, self.section_region, self.last_region = region, None, None
            self.year, self.year_mention, self.mode, self.document = None, None, None, None
        elif level == 2:
            if region and region != self.item_region:  # a section about another place: a new topic
                self.year, self.year_mention, self.document = None, None, None
            self.section_region, self.last_region, self.mode = region, None, None
        elif level == 3:
            goal = "목표" in text
            self.mode = "goal" if goal else ("stat" if _has(text, STATISTIC_HEADS) else None)
            if not goal:
                self.year, self.year_mention = None, None
            self.last_region = None

    def region(self) -> tuple[str | None, bool]:
        for value in (self.last_region, self.section_region, self.item_region):
            if value:
                return value, True
        return None, False


class RelationExtractor:
    def __init__(self, gazetteer: Gazetteer, doc_date: dt.date | None):
        self.gaz = gazetteer
        self.doc_date = doc_date

    def _jurisdiction_of(self, m: Mention, *, broad: bool = False) -> str | None:
        """The region a name stands for; ``broad``: a zone the KG lacks stands for its city (a
        heading about ``허페이 고신구`` is about Hefei)."""
        if m.type == "region":
            return (m.attrs.get("part_of") or m.entity) if broad and m.proposed else m.entity
        entry = self.gaz.entries.get(m.entity or "")
        if entry is not None:
            return entry.jurisdiction
        return m.attrs.get("jurisdiction")

    def extract(self, text: str, sentences: list[Sentence], mentions: list[Mention]) -> list[Fact]:
        by_sentence: dict[int, list[Mention]] = {}
        for m in mentions:
            by_sentence.setdefault(m.sentence, []).append(m)
        ctx = Context()
        facts: list[Fact] = []
        previous_line = -1
        for s in sentences:
            ms = by_sentence.get(s.index, [])
            if s.line > previous_line + 1 and ctx.mode and not s.heading:
                ctx.mode = None  # a blank line closes a box (〈…현황〉 and its rows)
            previous_line = s.line
            regions = [m for m in ms if m.type == "region"]
            if s.heading:
                names = [m for m in ms if m.type in ("region", "organisation")]
                heads = [m for i, m in enumerate(names)
                         if not (i + 1 < len(names) and text[m.end:names[i + 1].start] == " ")]
                first = next((self._jurisdiction_of(m, broad=True) for m in heads
                              if self._jurisdiction_of(m, broad=True)), None)
                ctx.heading(s.heading, s.text, first)
            if s.heading == 3 and ctx.mode == "goal":  # 〈주요 목표('25년)〉: the rows' year is in the title
                titled = [m for m in ms if m.type in ("year", "date")]
                value = _year_of(titled[-1]) if titled else None
                if value:
                    ctx.year, ctx.year_mention = value, titled[-1]
            facts.extend(self._targets(text, s, ms, ctx))
            facts.extend(self._documents(text, s, ms, ctx))
            facts.extend(self._organisations(text, s, ms))
            subjects = [r for g in _groups(text, regions) for r in g if g[-1].role == "subject"
                        and r.particle in ("은", "는", "이", "가", "께서", "도", "에서는", "의")]
            if len(subjects) == 1 and not s.heading:
                ctx.last_region = subjects[0].mention.entity
            elif not subjects and not s.heading:
                bodies = {self._jurisdiction_of(m) for m in ms if m.type == "organisation"
                          and role_of(text, m).role == "subject"}
                if len(bodies) == 1 and None not in bodies:
                    ctx.last_region = bodies.pop()  # "공업정보화부 등 4개 부처는": national
            docs = [m for m in ms if m.type == "document"]
            if docs:
                ctx.document, ctx.document_at = docs[0].entity, s.index
        stated = {f.mentions[0].start for f in facts if f.kind == "target" and f.mentions}
        facts.extend(f for f in table_targets(text, mentions, self._jurisdiction_of, self.doc_date)
                     if f.mentions[0].start not in stated)
        return facts

    # ---- targets ------------------------------------------------------------------

    def _year_for(self, text: str, s: Sentence, ms: list[Mention], q: Mention, ctx: Context,
                  goal_sentence: bool) -> tuple[int | None, Mention | None, bool]:
        floor = self.doc_date.year if self.doc_date else 0
        sent = text[s.start:s.end]
        same = _SAME_PERIOD.search(text, s.start, q.start)
        if same and ctx.goal_year:
            return ctx.goal_year, None, True
        years = [m for m in ms if m.type in ("year", "date") and (
            m.attrs.get("until") or m.attrs.get("in")
            # "■ 2027년 생산 200만 대 … 목표", "'24년 … 늘릴 계획": a bare future year in a sentence
            # that states a goal or an intent
            or (goal_sentence and (_has(sent, ("목표",)) or (m.end <= q.start and has_future(sent)))
                and not m.attrs.get("reference") and (_year_of(m) or 0) >= floor))]
        before = [y for y in years if y.end <= q.start]
        for y in reversed(before or years):
            value = _year_of(y)
            if value and (y.attrs.get("until") or goal_sentence):
                return value, y, False
        w = _WITHIN_YEARS.search(text, s.start, q.start)
        if w and self.doc_date:
            return self.doc_date.year + int(w.group(1)), None, False
        if ctx.year:
            return ctx.year, ctx.year_mention, True
        return None, None, False

    def _targets(self, text: str, s: Sentence, ms: list[Mention], ctx: Context) -> list[Fact]:
        out: list[Fact] = []
        quantities = [m for m in ms if m.type in QUANTITY_TYPES and m.attrs.get("value") is not None]
        sent = text[s.start:s.end]
        box_row = ctx.mode == "goal" and s.heading == 0
        for y in (m for m in ms if m.type in ("year", "date") and (m.attrs.get("until") or box_row)):
            value = _year_of(y)
            if value and (not self.doc_date or value >= self.doc_date.year or "목표" in sent):
                ctx.year, ctx.year_mention = value, y  # in a goal box a row's year holds for the rows after
        if not quantities or ctx.mode == "stat":
            return out
        regions = [m for m in ms if m.type == "region"]
        groups = _groups(text, regions)
        respectively = "각각" in sent
        for qi, q in enumerate(quantities):
            clause = self._clause(text, q, s)
            intent = reported_intent(clause)
            if intent is False or "이미" in text[s.start:q.start]:
                continue
            if q.attrs.get("unit") not in ("count", "person", "percent", None) and (
                    _INSTRUMENT.match(text, q.end) or _THRESHOLD.match(text, q.end)):
                continue  # a fund, subsidy or investment of that size; a size that qualifies firms
            if text.startswith("에서", q.end) or text[max(s.start, q.start - 2):q.start].endswith("등 "):
                continue  # "5,060억 위안에서 …": where a change starts; "등 6개 부처": a count of the subjects
            if self._dated_in_past(text, ms, q):
                continue  # "'23년 말 2만 개 수준인 랙": the state at a past date
            if _has(clause, FORECAST_VERBS) or self._observer_subject(text, ms, q):
                continue  # an observer's forecast, not a goal
            goal = intent or _has(clause, GOAL_VERBS) or self._until_year_before(text, s, ms, q)
            if not goal and not (ctx.mode == "goal" and s.heading == 0):
                continue
            year, year_m, year_carried = self._year_for(text, s, ms, q, ctx, goal)
            if year is None or (self.doc_date and year < self.doc_date.year and "목표" not in sent):
                continue
            region, region_carried, ambiguous = self._region_for(text, s, ms, groups, q, quantities, qi,
                                                                 respectively, ctx)
            if region is None or ambiguous:
                continue
            conf = 0.85 - 0.15 * year_carried - 0.15 * region_carried - (0.1 if not _has(clause, GOAL_VERBS) else 0)
            attrs = dict(value=q.attrs["value"], unit=q.attrs.get("unit"), year=year, jurisdiction=region,
                         qualifier=q.attrs.get("qualifier"), krw=q.attrs.get("krw"), scope=self._scope(text, s, q),
                         document=next((m.entity for m in ms if m.type == "document"), None)
                         or (ctx.document if s.index - ctx.document_at <= 3 and _ANAPHOR.search(sent) else None),
                         label=self._label(text, s, q))
            ctx.goal_year = year
            used = [q] + ([year_m] if year_m else [])
            out.append(Fact("target", s.index, round(max(conf, 0.3), 2), subject=None, attrs=attrs, mentions=used,
                            note="year from context" if year_carried else ""))
        return out

    def _dated_in_past(self, text: str, ms: list[Mention], q: Mention) -> bool:
        if not self.doc_date:
            return False
        near = [m for m in ms if m.type in ("year", "date") and m.end <= q.start and q.start - m.end <= 12
                and not m.attrs.get("until")]
        if not near or (_year_of(near[-1]) or 9999) >= self.doc_date.year:
            return False
        return not _has(text[near[-1].end:q.start], ("목표", "대비", "보다", "比"))  # "'20년 대비 2배" is a goal

    def _observer_subject(self, text: str, ms: list[Mention], q: Mention) -> bool:
        """The last subject before ``q`` is an organisation that governs nothing (an institute, a
        firm): what it states about the future is its forecast or its own plan, not a region's goal."""
        subjects = [m for m in ms if m.type in ("region", "organisation") and m.end <= q.start
                    and role_of(text, m).role == "subject" and role_of(text, m).particle != "의"]
        generic = [m.end() for m in _OBSERVER.finditer(text, self._sentence_start(text, q), q.start)]
        if generic and (not subjects or generic[-1] > subjects[-1].end):
            return True  # "회사 측은 2027년까지 발사대 2개를 …": the company's own plan
        return bool(subjects) and subjects[-1].type == "organisation" and not self._jurisdiction_of(subjects[-1])

    @staticmethod
    def _sentence_start(text: str, q: Mention) -> int:
        return max(text.rfind(". ", 0, q.start) + 1, text.rfind("\n", 0, q.start) + 1)

    def _until_year_before(self, text: str, s: Sentence, ms: list[Mention], q: Mention) -> bool:
        """``'25년까지 수소충전소 60곳 건설``: a quantity after a future year "until" states a goal."""
        floor = self.doc_date.year if self.doc_date else 0
        return any(m.type in ("year", "date") and m.attrs.get("until") and m.end <= q.start
                   and (_year_of(m) or 0) >= floor for m in ms)

    @staticmethod
    def _clause(text: str, q: Mention, s: Sentence) -> str:
        m = _CLAUSE_END.search(text, q.end, s.end)
        end = m.end() if m else s.end
        if end - q.end < 6:
            end = min(s.end, q.end + 25)
        return text[q.end:end]

    def _region_for(self, text: str, s: Sentence, ms: list[Mention], groups: list[list[Role]], q: Mention,
                    quantities: list[Mention], qi: int, respectively: bool,
                    ctx: Context) -> tuple[str | None, bool, bool]:
        before = [g for g in groups if g[-1].mention.end <= q.start and g[-1].role == "subject"]
        if before:
            group = before[-1]
            if len(group) == 1:
                return group[0].mention.entity, False, False
            same = [x for x in quantities if x.attrs.get("unit") == q.attrs.get("unit")]
            if respectively and len(same) == len(group):
                return group[same.index(q)].mention.entity, False, False
            return None, False, True
        orgs = [m for m in ms if m.type == "organisation" and m.end <= q.start
                and role_of(text, m).role in ("subject", "coord")]
        for org in reversed(orgs):
            region = self._jurisdiction_of(org)
            if region:
                return region, False, False
        region, carried = ctx.region()
        return region, carried, False

    @staticmethod
    def _scope(text: str, s: Sentence, q: Mention) -> str | None:
        window = fold(text[s.start:q.start])
        best, where = None, -1
        for words, scope in ((SCOPE_CORE, "core"), (SCOPE_RELATED, "related"), (SCOPE_TOTAL, "total")):
            for w in words:
                k = window.rfind(w)
                if k > where:
                    best, where = scope, k
        if best and "규모" not in window[where:]:
            return None  # scope words qualify an industry's size, not any count
        return best

    @staticmethod
    def _label(text: str, s: Sentence, q: Mention) -> str:
        """A short name for the target: the noun phrase before the quantity (``AI 핵심 산업 규모``)."""
        window = text[max(s.start, q.start - 50):q.start]
        window = _COORDINATED_TAIL.sub("", window)  # "규모를 16조와 " → "규모를"
        window = re.split(r"[,.·•()']|까지|에서|에는|년에|따르면|[고며] |면서 |이상으로 ", window)[-1]
        words = window.split()
        while words and re.fullmatch(r"(?:AI|[\uac00-\ud7a3]*)", words[-1]) is None:
            words.pop()
        phrase = " ".join(words[-5:])
        return re.sub(r"(을|를|은|는|이|가|도|의|으로|로)$", "", phrase).strip() or q.text

    # ---- documents -------------------------------------------------------------------

    def _documents(self, text: str, s: Sentence, ms: list[Mention], ctx: Context) -> list[Fact]:
        out: list[Fact] = []
        docs = [m for m in ms if m.type == "document"]
        if not docs:
            return out
        sent = text[s.start:s.end]
        issued = _has(sent, ISSUE_VERBS)
        for d in docs:
            for sector in self._sectors_in(text, d):
                out.append(Fact("coversSector", s.index, 0.7, subject=d.entity, object=sector, mentions=[d]))
            if not issued:
                continue
            before = [m for m in ms if m.end <= d.start and m.type in ("organisation", "region")]
            issuers = []
            for m in before:
                r = role_of(text, m)
                led = text[m.end:m.end + 8].lstrip().startswith(("주도", "등", "공동"))
                if r.role in ("subject", "coord") or led:
                    issuers.append(m)
            bodies = [m for m in issuers if m.type == "organisation"]
            for b in bodies:
                out.append(Fact("issuedBy", s.index, 0.75 if d.start - b.end < 40 else 0.6, subject=d.entity,
                                object=b.entity, mentions=[d, b]))
            if not bodies:
                regions = [m for m in issuers if m.type == "region"]
                if len(regions) == 1:
                    out.append(Fact("jurisdiction", s.index, 0.6, subject=d.entity, object=regions[0].entity,
                                    mentions=[d, regions[0]]))
        return out

    def _sectors_in(self, text: str, d: Mention) -> list[str]:
        seen: list[str] = []
        for match in self.gaz.find(text[d.start:d.end]):
            for e in match.entries:
                if e.type == "sector" and e.iri not in seen:
                    seen.append(e.iri)
                    break
        return seen

    # ---- organisations ----------------------------------------------------------------

    def _organisations(self, text: str, s: Sentence, ms: list[Mention]) -> list[Fact]:
        out: list[Fact] = []
        sent = text[s.start:s.end]
        orgs = [m for m in ms if m.type == "organisation"]
        institutions = [m for m in orgs if m.kind not in ("GovernmentBody", "Legislature")]
        regions = [m for m in ms if m.type == "region"]
        if not orgs:
            return out
        # R에 위치한 / 소재 / 설립된 O ; O는 R에 위치
        for r in regions:
            tail = text[r.end:r.end + 12]
            if re.match(r"\s?(?:에\s?(?:위치|소재|자리|설립된|있는|입주)|\s?소재)", tail):
                after = [o for o in institutions if o.start > r.end and o.start - r.end < 40]
                subject = [o for o in institutions if o.end <= r.start and role_of(text, o).role == "subject"]
                target = subject[-1] if subject else (after[0] if after else None)
                if target is not None:
                    out.append(Fact("location", s.index, 0.7, subject=target.entity, object=r.entity,
                                    mentions=[target, r]))
        if not _has(sent, FOUND_VERBS):
            return out
        founded = [o for o in institutions if _FOUNDED.match(text[o.end:o.end + 12])
                   or role_of(text, o).particle in ("을", "를")]
        for o in founded[:1]:
            for r in regions:
                if r.end <= o.start and _particle(text, r.end) in ("에서", "에", "는", "은"):
                    out.append(Fact("location", s.index, 0.65, subject=o.entity, object=r.entity, mentions=[o, r]))
                    break
            for f in orgs:
                if f is o or f.end > o.start:
                    continue
                r = role_of(text, f)
                led = text[f.end:f.end + 6].lstrip().startswith(("주도", "공동"))
                if r.role in ("subject", "coord") or led:
                    out.append(Fact("foundedBy", s.index, 0.65, subject=o.entity, object=f.entity, mentions=[o, f]))
        return out
