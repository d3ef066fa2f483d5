"""Targets stated in prose: a quantity set as a goal for a year, and the region it is set for.

A quantity (amount, count, percentage) is a target when its clause has a goal verb or a
future/intent marker (육성, 달성, 돌파 …; 겠, 예정, 목표 …) and no past marker, and a target
year can be read: ``2025년까지``, ``’27년에``, ``N년 내`` (report year + N), or a year stated
earlier in the same section. The jurisdiction is the nearest preceding subject region (or the
region of a subject body); a coordinated group of regions is paired with the quantities by order
only with 각각 ("respectively"), otherwise nothing is extracted. Without a region in the sentence,
the region of the previous sentence, of the section head or of the item title is used (with
lower confidence). Not targets: funds, subsidies and budgets of that size, thresholds that
qualify firms, a company's or an observer's forecast or plan, states at a past date. Scope:
핵심 산업 → core, 관련/연관 산업 → related. Under a box title that names goals (〈주요목표〉)
the rows inherit the goal year; under one that names results (성과, 현황 …) nothing is a target.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable

from loaders.ingest.gazetteer import fold
from loaders.ingest.grammar import (
    Role,
    has_any,
    has_future,
    region_groups,
    reported_intent,
    role_of,
    subject_group,
    year_of,
)
from loaders.ingest.lexicon import FORECAST_VERBS, GOAL_VERBS, SCOPE_CORE, SCOPE_RELATED, SCOPE_TOTAL, STATISTIC_HEADS
from loaders.ingest.model import QUANTITY_TYPES, Fact, Mention
from loaders.ingest.sentences import Sentence
from loaders.ingest.target_cues import (
    ANAPHOR,
    ANAPHORIC_BODY,
    CLAUSE_BREAK,
    CLAUSE_END,
    CONDITION,
    COORDINATED_TAIL,
    FROM,
    GLOSSED_TOPIC,
    GOAL_LABEL,
    GOAL_SET,
    INSTRUMENT,
    INSTRUMENT_BEFORE,
    LEADING_REGION,
    LEVEL_KINDS,
    NOT_REGIONAL,
    OBSERVER,
    OWN,
    PARTITION,
    PAST_CLAUSE,
    PERIOD_GAP,
    RELATIVE_YEAR,
    SAME_PERIOD,
    SETTING_VERB,
    SHARE_OF_PRICE,
    SPECIFICATION,
    THRESHOLD,
    WITHIN_YEARS,
    label_region,
)


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
        self.doc_region: str | None = None  # the one region the document's title names
        self.recent: dict[str, str] = {}  # level (성, 시, 구, 현) → the last region of that level named

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
            self.mode = "goal" if goal else ("stat" if has_any(text, STATISTIC_HEADS) else None)
            if not goal:
                self.year, self.year_mention = None, None
            self.last_region = None

    def region(self) -> tuple[str | None, bool]:
        for value in (self.last_region, self.section_region, self.item_region, self.doc_region):
            if value:
                return value, True
        return None, False



class TargetRules:
    """The target rules; ``RelationExtractor`` mixes them in (it provides the two attributes)."""

    doc_date: dt.date | None
    _jurisdiction_of: Callable[..., str | None]
    _national: Callable[[], str | None]


    def _year_for(self, text: str, s: Sentence, ms: list[Mention], q: Mention, ctx: Context,
                  goal_sentence: bool) -> tuple[int | None, Mention | None, bool]:
        floor = self.doc_date.year if self.doc_date else 0
        sent = text[s.start:s.end]
        tagged = next((m for m in ms if m.type == "year" and 0 < m.start - q.end <= 2
                       and text[q.end:m.start].strip() == "(" and re.match(r"\s?년?\)", text[m.end:m.end + 3])),
                      None)  # "('25)", not "('24년 560억 위안의 2.1배)": a comparison, not the value's year
        if tagged and year_of(tagged):  # "4,000억 위안('25)": the year written right after the value
            return year_of(tagged), tagged, False
        same = SAME_PERIOD.search(text, s.start, q.start)
        if same and ctx.goal_year:
            return ctx.goal_year, None, True
        years = [m for m in ms if m.type in ("year", "date") and (
            m.attrs.get("until") or m.attrs.get("in")
            # "■ 2027년 생산 200만 대 … 목표", "'24년 … 늘릴 계획": a bare future year in a sentence
            # that states a goal or an intent
            or (goal_sentence and (has_any(sent, ("목표",)) or (m.end <= q.start and has_future(sent)))
                and not m.attrs.get("reference") and (year_of(m) or 0) >= floor))]
        item = max(s.start, text.rfind(" / ", s.start, q.start) + 3)
        # a year inside a note closed before the quantity ("('24년 300억 위안의 3배), 기업 200곳") is the note's
        before = [y for y in years if y.end <= q.start and (y.start >= item or item == s.start)
                  and not self._in_closed_note(text, ms, y, q)]
        this = RELATIVE_YEAR.search(text, max(s.start, q.start - 40), q.start)
        if this and self.doc_date and (not before or before[-1].end < this.start()):
            # "올해 말까지 1,000대로", "내년까지": relative to the report's date
            return self.doc_date.year + (1 if this.group(1) == "내년" else 0), None, False
        after = [y for y in years if y.start >= q.end and not re.search(r"[,;/]", text[q.end:y.start])]
        for y in (before[::-1] or after):  # else the nearest after it in the same item
            value = year_of(y)
            if value and (y.attrs.get("until") or goal_sentence):
                return value, y, False
        w = WITHIN_YEARS.search(text, s.start, q.start)
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
            value = year_of(y)
            if value and (not self.doc_date or value >= self.doc_date.year or "목표" in sent):
                ctx.year, ctx.year_mention = value, y  # in a goal box a row's year holds for the rows after
        if not quantities or ctx.mode == "stat":
            return out
        regions = [m for m in ms if m.type == "region"]
        groups = region_groups(text, regions)
        respectively = "각각" in sent
        for qi, q in enumerate(quantities):
            clause = self._clause(text, q, s)
            intent = reported_intent(clause)
            if intent is False and GOAL_SET.search(text, max(s.start, q.start - 40), q.start) \
                    and SETTING_VERB.match(clause):
                intent = True  # "매출 목표치를 1200억 위안으로 잡았다": a goal set, told in the past tense
            if intent is False or "이미" in text[s.start:q.start]:
                continue
            if q.attrs.get("unit") not in ("count", "person", "percent", None) and (
                    INSTRUMENT.match(text, q.end) or THRESHOLD.match(text, q.end)):
                continue  # a fund, subsidy or investment of that size; a size that qualifies firms
            if q.attrs.get("unit") == "percent" and SPECIFICATION.match(text, q.end):
                continue  # "혼소 비율 30% 이상의 가스터빈 5개": the 30% describes what is counted
            if self._in_dated_note(text, s, ms, q):
                continue  # "900억 위안('24년 300억 위안의 3배)": the baseline of a comparison
            past = PAST_CLAUSE.search(text, self._clause_start(text, s, q), q.start)
            if past and not any(m.type in ("year", "date") and past.end() <= m.start and m.end <= q.start for m in ms):
                continue  # "지난해 생산량은 2만 1천 대": last year's figure
            if q.attrs.get("unit") == "percent" and SHARE_OF_PRICE.search(text, max(s.start, q.start - 12), q.start):
                continue  # "구매 가격의 10%": a subsidy rate
            if re.search(r"당\s?(?:연간?|매년|최대|최고|평균)?\s?$", text[max(s.start, q.start - 8):q.start]):
                continue  # "플랫폼당 연 1억 위안": a value per unit, not a total
            if q.type == "amount" and q.attrs.get("qualifier") == "up-to":
                continue  # "최대 1억 위안까지 보조", "최고 50만 위안": a cap
            if CONDITION.match(text, q.end):
                continue  # "… 90%를 달성하면": a condition, not a goal
            if FROM.match(text, q.end) or text[max(s.start, q.start - 2):q.start].endswith("등 "):
                continue  # "5,060억 위안에서 …", "210개 기관에서 …": where a change starts; "등 6개 부처": subjects
            if INSTRUMENT_BEFORE.search(text, max(s.start, q.start - 16), q.start):
                continue  # "유도기금 규모를 1,000억 위안으로": the size of a fund
            if q.type == "amount" and self._over_a_period(text, ms, q):
                continue  # "'23~'25년 3억 위안": money over a period, a budget
            if NOT_REGIONAL.search(text, max(s.start, q.start - 5), q.start) or OWN.search(text, s.start, s.end):
                continue  # "상위 10개 기업": a rank; "… 자체 목표": a company's own
            if PARTITION.match(text, q.end):
                continue  # "12개 중점 과제 가운데": a count that partitions, not a goal
            if self._dated_in_past(text, ms, q):
                continue  # "'23년 말 2만 개 수준인 랙": the state at a past date
            if has_any(clause, FORECAST_VERBS) or self._observer_subject(text, ms, q):
                continue  # an observer's forecast, not a goal
            goal = intent or has_any(clause, GOAL_VERBS) or self._until_year_before(text, s, ms, q) \
                or bool(GOAL_LABEL.search(text, s.start, q.start))
            rest = text[q.end:s.end]
            if not goal and re.match(r"\s?[,、]", rest) and reported_intent(rest) and has_any(rest, ("목표",)):
                goal = True  # "A는 2027년 매출 5,000억 위안, B는 같은 해 1,500억 위안을 목표로 제시": shared verb
            if not goal and not (ctx.mode == "goal" and s.heading == 0):
                continue
            year, year_m, year_carried = self._year_for(text, s, ms, q, ctx, goal)
            if year_carried and ctx.mode != "goal" and self._about_the_past(ms):
                continue  # no year of its own in a sentence dated in the past ("'24년 … 5,000억 건을 돌파")
            if year is None or (self.doc_date and year < self.doc_date.year and "목표" not in sent):
                continue
            region, region_carried, ambiguous = self._region_for(text, s, ms, groups, q, quantities, qi,
                                                                 respectively, ctx)
            if region is None or ambiguous:
                continue
            conf = 0.85 - 0.15 * year_carried - 0.15 * region_carried - (0.1 if not has_any(clause, GOAL_VERBS) else 0)
            attrs = dict(value=q.attrs["value"], unit=q.attrs.get("unit"), year=year, jurisdiction=region,
                         qualifier=q.attrs.get("qualifier"), krw=q.attrs.get("krw"), scope=self._scope(text, s, q),
                         document=next((m.entity for m in ms if m.type == "document"), None)
                         or (ctx.document if s.index - ctx.document_at <= 3 and ANAPHOR.search(sent) else None),
                         label=self._label(text, s, q))
            ctx.goal_year = year
            used = [q] + ([year_m] if year_m else [])
            out.append(Fact("target", s.index, round(max(conf, 0.3), 2), subject=None, attrs=attrs, mentions=used,
                            note="year from context" if year_carried else ""))
        return out

    @staticmethod
    def _referred_body(text: str, s: Sentence, ms: list[Mention], q: Mention, ctx: Context) -> str | None:
        """The place a bare ``시는``/``성 정부는`` refers to: the last region of that level named in the
        sentence before it, or earlier in the text."""
        found = [a for a in ANAPHORIC_BODY.finditer(text, s.start, q.start)]
        if not found:
            return None
        level = found[-1].group(1)
        kinds = LEVEL_KINDS[level]
        named = [m for m in ms if m.type == "region" and m.end <= found[-1].start() and m.kind in kinds]
        return named[-1].entity if named else ctx.recent.get(level)

    @staticmethod
    def _clause_start(text: str, s: Sentence, q: Mention) -> int:
        """Where the clause holding ``q`` begins: after the last comma or connective before it."""
        cut = s.start
        for m in re.finditer(r"[,;]\s|(?:고|며|으며|면서|지만|는데)\s", text[s.start:q.start]):
            cut = s.start + m.end()
        return cut

    @staticmethod
    def _in_closed_note(text: str, ms: list[Mention], y: Mention, q: Mention) -> bool:
        """``y`` lies in a parenthesised note that also states a value and closes before ``q``."""
        opened, closed = text.rfind("(", 0, y.start), text.find(")", y.end)
        if opened < 0 or closed < 0 or closed > q.start or "\n" in text[opened:closed]:
            return False
        return any(m.type in QUANTITY_TYPES and opened < m.start and m.end <= closed for m in ms)

    @staticmethod
    def _in_dated_note(text: str, s: Sentence, ms: list[Mention], q: Mention) -> bool:
        opened = text.rfind("(", s.start, q.start)
        if opened < 0 or text.rfind(")", s.start, q.start) > opened:
            return False
        return any(m.type in ("year", "date") and m.start == opened + 1 and m.end < q.start for m in ms)

    def _dated_in_past(self, text: str, ms: list[Mention], q: Mention) -> bool:
        if not self.doc_date:
            return False
        near = [m for m in ms if m.type in ("year", "date") and m.end <= q.start and q.start - m.end <= 12
                and not m.attrs.get("until")]
        if not near or (year_of(near[-1]) or 9999) >= self.doc_date.year:
            return False
        # "'20년 대비 2배", "('24년) → 5천억 위안": the year is a baseline, the value a goal
        return not has_any(text[near[-1].end:q.start], ("목표", "대비", "보다", "比", "→", "->", "에서"))

    def _observer_subject(self, text: str, ms: list[Mention], q: Mention) -> bool:
        """The last subject before ``q`` is an organisation that governs nothing (an institute, a
        firm): what it states about the future is its forecast or its own plan, not a region's goal."""
        subjects = [m for m in ms if m.type in ("region", "organisation") and m.end <= q.start
                    and (r := role_of(text, m)).role == "subject" and r.particle != "의"]
        start = self._sentence_start(text, q)
        generic = [m.end() for m in OBSERVER.finditer(text, start, q.start)
                   if not self._speaks_for_a_body(ms, m.start())]
        # a topic the text glosses with a Chinese or Latin original but that names no region and no
        # governing body ("웨이판레이워(潍泛雷沃)는", "XX Robotics는"): a company or an institute
        covered = [(m.start, m.end) for m in ms if m.type in ("region", "organisation", "document")
                   and (m.type != "organisation" or self._jurisdiction_of(m))]
        generic += [g.end() for g in GLOSSED_TOPIC.finditer(text, start, q.start)
                    if not any(a < g.end() and g.start() < b for a, b in covered)]
        if generic and (not subjects or generic[-1] > subjects[-1].end):
            return True  # "회사 측은 2027년까지 발사대 2개를 …": the company's own plan
        return bool(subjects) and subjects[-1].type == "organisation" and not self._jurisdiction_of(subjects[-1])

    @staticmethod
    def _over_a_period(text: str, ms: list[Mention], q: Mention) -> bool:
        # "'23~'25년 3억 위안", "'26~'30 기간 매년 50억 위안": money over a period
        return any(m.type == "year" and m.attrs.get("end_year") and 0 <= q.start - m.end <= 16
                   and PERIOD_GAP.fullmatch(text, m.end, q.start) and not m.attrs.get("until") for m in ms)

    def _about_the_past(self, ms: list[Mention]) -> bool:
        floor = self.doc_date.year if self.doc_date else None
        years = [year_of(m) for m in ms if m.type in ("year", "date") and not m.attrs.get("reference")]
        return bool(floor and years) and all(y is not None and y < floor for y in years)

    def _speaks_for_a_body(self, ms: list[Mention], at: int) -> bool:
        """``우한시 경제정보화국 관계자는``: an official speaks for a body that governs a region."""
        return any(m.type == "organisation" and 0 <= at - m.end <= 1 and self._jurisdiction_of(m) for m in ms)

    @staticmethod
    def _sentence_start(text: str, q: Mention) -> int:
        return max(text.rfind(". ", 0, q.start) + 1, text.rfind("\n", 0, q.start) + 1)

    def _until_year_before(self, text: str, s: Sentence, ms: list[Mention], q: Mention) -> bool:
        """``'25년까지 수소충전소 60곳 건설``: a quantity after a future year "until" states a goal."""
        floor = self.doc_date.year if self.doc_date else 0
        return any(m.type in ("year", "date") and m.attrs.get("until") and m.end <= q.start
                   and (year_of(m) or 0) >= floor and not CLAUSE_BREAK.search(text, m.end, q.start) for m in ms)

    @staticmethod
    def _clause(text: str, q: Mention, s: Sentence) -> str:
        m = CLAUSE_END.search(text, q.end, s.end)
        end = m.end() if m else s.end
        if end - q.end < 6 and not re.match(r"(?:이|였|이었)(?:으)?(?:며|고)\s", text[q.end:end + 1]):
            end = min(s.end, q.end + 25)  # "1,000억 위안, 2,000억 위안으로": the verb comes later
        return text[q.end:end]  # "… 60여 건이며, 앞으로 …": a copula ends the clause

    def _region_for(self, text: str, s: Sentence, ms: list[Mention], groups: list[list[Role]], q: Mention,
                    quantities: list[Mention], qi: int, respectively: bool,
                    ctx: Context) -> tuple[str | None, bool, bool]:
        item = max(s.start, text.rfind(" / ", s.start, q.start) + 3)
        labels = [m for m in ms if m.type == "region" and item <= m.start and m.end <= q.start
                  and re.match(r"\s?[:：]", text[m.end:m.end + 2])]
        if labels and item > s.start:  # "산시: … / 신장: 스마트 광산 200곳": the label of a later item
            return labels[-1].entity, False, False
        opened = text.rfind("(", s.start, q.start)
        if opened > text.rfind(")", s.start, q.start):  # "2,000억 위안(웨이팡 1,000억 위안)": the note's city
            inner = [m for m in ms if m.type == "region" and opened < m.start and m.end <= q.start]
            if len(inner) == 1:
                return inner[0].entity, False, False
        anaphor = [a for a in ANAPHORIC_BODY.finditer(text, s.start, q.start)]
        before = [g for g in groups if g[-1].mention.end <= q.start and g[-1].role == "subject"
                  and not (anaphor and g[-1].mention.end <= anaphor[-1].start())]
        # a region in the genitive names the owner of what is counted only close to the quantity
        # ("광구 지역의 AI 핵심 산업 규모를 100억 위안"); far before it, it qualifies some other noun
        near = [g for g in before if g[-1].particle != "의" or q.start - g[-1].mention.end <= 30]
        if near and len(near) < len(before):
            before = near
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
        # "베이징시 과학기술위원회, 중관춘 관리위원회 등은": the first body of the subject group leads;
        # without a subject, the nearest body before the quantity
        for org in subject_group(text, orgs) or orgs[::-1]:
            region = self._jurisdiction_of(org)
            if region:
                return region, False, False
        lead = LEADING_REGION.match(text, s.start)
        if lead:  # "- 이춘(宜春), '아시아 리튬 수도' 내걸고 … 목표": a line led by a region is about it
            first = next((m for m in ms if m.type == "region" and m.start == lead.end()), None)
            if first is not None and first.end <= q.start and re.match(r"\s?[,:：]", text[first.end:first.end + 2]):
                return first.entity, False, False
        labelled = label_region(text, s.start, ms, self._national())
        if labelled:  # "○ (저장) 안지현 정부는 …": the bullet's label names the place
            return labelled, False, False
        referred = self._referred_body(text, s, ms, q, ctx)
        if referred:  # "… 난양(南阳)에는 …가 있으며, 시는 2027년까지": the city just named
            return referred, False, False
        if ctx.mode == "goal" and s.heading == 0:  # a box row "- 안후이성 기술거래액: … → 5천억 위안"
            named = {m.entity for m in ms if m.type == "region" and m.end <= q.start}
            if len(named) == 1:
                return named.pop(), False, False
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
        window = COORDINATED_TAIL.sub("", window)  # "규모를 16조와 " → "규모를"
        window = re.split(r"[,.·•()']|까지|에서|에는|년에|따르면|[고며] |면서 |이상으로 ", window)[-1]
        words = window.split()
        while words and re.fullmatch(r"(?:AI|[\uac00-\ud7a3]*)", words[-1]) is None:
            words.pop()
        phrase = " ".join(words[-5:])
        return re.sub(r"(을|를|은|는|이|가|도|의|으로|로)$", "", phrase).strip() or q.text

