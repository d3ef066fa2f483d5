"""Relations by rule: targets, issuing bodies, sectors, locations and founders.

The rules read the grammatical role a name plays in its sentence from the particle after it
(``grammar.py``) and the cue words of ``lexicon.py``. They are written for how Korean reporting
states Chinese policy, not for particular texts:

* **target** — see ``targets.py`` (prose) and ``goal_tables.py`` (tables).
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

from loaders.ingest.gazetteer import Gazetteer
from loaders.ingest.goal_tables import table_rows, table_targets
from loaders.ingest.grammar import has_any, particle_after, region_groups, role_of, subject_group, year_of
from loaders.ingest.lexicon import FOUND_VERBS, ISSUE_VERBS
from loaders.ingest.model import Fact, Mention
from loaders.ingest.sentences import Sentence
from loaders.ingest.target_cues import LEVEL_KINDS, label_region
from loaders.ingest.targets import Context, TargetRules

_FOUNDED = re.compile(r"(?:을|를|의)?\s?(?:공동\s?)?(?:설립|개소|개관|출범|창설|발족|공개|설치)")


class RelationExtractor(TargetRules):
    """All relation rules over one document's sentences and mentions."""

    def __init__(self, gazetteer: Gazetteer, doc_date: dt.date | None):
        self.gaz = gazetteer
        self.doc_date = doc_date

    def _national(self) -> str | None:
        """The country's IRI (what 국가/중앙 labels and national bodies stand for)."""
        found = [e for e in self.gaz.lookup("중국") if e.type == "region"]
        return found[0].iri if found else None

    def _jurisdiction_of(self, m: Mention, *, broad: bool = False) -> str | None:
        """The region a name stands for; ``broad``: a zone the KG lacks stands for its city (a
        heading about ``허페이 고신구`` is about Hefei)."""
        if m.type == "region":
            return (m.attrs.get("part_of") or m.entity) if broad and m.proposed else m.entity
        entry = self.gaz.entries.get(m.entity or "")
        if entry is not None:
            return entry.jurisdiction
        parent = self.gaz.entries.get(m.attrs.get("parent") or "")
        if parent is not None and m.kind == "GovernmentBody":
            return parent.jurisdiction  # "공업정보화부 소비품공업사": a ministry's department acts for it
        return m.attrs.get("jurisdiction")

    def extract(self, text: str, sentences: list[Sentence], mentions: list[Mention]) -> list[Fact]:
        by_sentence: dict[int, list[Mention]] = {}
        for m in mentions:
            by_sentence.setdefault(m.sentence, []).append(m)
        ctx = Context()
        ctx.doc_region = self._title_region(text, sentences, mentions)
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
                # "② (간쑤 우웨이) 간쑤성 공업정보화청, …": the acting body, not the label, names the item's place
                acting = [m for m in heads if m.type == "organisation" and self._jurisdiction_of(m)
                          and (text[m.end:m.end + 1] == "," or role_of(text, m).role == "subject")]
                first = next((self._jurisdiction_of(m, broad=True) for m in acting + heads
                              if self._jurisdiction_of(m, broad=True)), None)
                ctx.heading(s.heading, s.text, first)
            if s.heading == 3 and ctx.mode == "goal":  # 〈주요 목표('25년)〉: the rows' year is in the title
                titled = [m for m in ms if m.type in ("year", "date")]
                value = year_of(titled[-1]) if titled else None
                if value:
                    ctx.year, ctx.year_mention = value, titled[-1]
            facts.extend(self._targets(text, s, ms, ctx))
            facts.extend(self._documents(text, s, ms, ctx))
            facts.extend(self._organisations(text, s, ms))
            subjects = [r for g in region_groups(text, regions) for r in g if g[-1].role == "subject"
                        and r.particle in ("은", "는", "이", "가", "께서", "도", "에서는", "의")]
            topics = [r for r in subjects if r.particle in ("은", "는")]
            if len(subjects) > 1 and len(topics) == 1:
                subjects = topics  # "베이징은 … 경제기술개발구가 전진기지다": the topic is what the text is about
            labelled = label_region(text, s.start, ms, self._national()) if not s.heading else None
            if labelled and not subjects:
                ctx.last_region = labelled  # "○ (저장) 후저우시 안지현에는 …": the rest of the item is about it
            if len(subjects) == 1 and not s.heading:
                ctx.last_region = subjects[0].mention.entity
            elif not subjects and not s.heading:
                group = subject_group(text, [m for m in ms if m.type == "organisation"])
                lead = next((r for r in map(self._jurisdiction_of, group) if r), None)
                if lead:
                    ctx.last_region = lead  # "공업정보화부 등 4개 부처는": national
            for m in regions:  # the last place of each level, for "시는", "성 정부는" later on
                level = next((lv for lv, kinds in LEVEL_KINDS.items() if m.kind in kinds), None)
                if level and m.entity:
                    ctx.recent[level] = m.entity
            docs = [m for m in ms if m.type == "document"]
            if docs:
                ctx.document, ctx.document_at = docs[0].entity, s.index
        # a table with goal columns is read by its columns' years, not as prose
        rows = table_rows(text, mentions)
        facts = [f for f in facts if not (f.kind == "target" and f.mentions
                                          and any(a <= f.mentions[0].start < b for a, b in rows))]
        stated = {f.mentions[0].start for f in facts if f.kind == "target" and f.mentions}
        facts.extend(f for f in table_targets(text, mentions, self._jurisdiction_of, self.doc_date, facts)
                     if f.mentions[0].start not in stated)
        return facts

    def _title_region(self, text: str, sentences: list[Sentence], mentions: list[Mention]) -> str | None:
        """The one region the document's first line names ("허난성 '초경질 소재' 육성 계획과 …"):
        what a goal stated without any place is about."""
        if not sentences or re.match(r"\s*(?:[■□○●▶◆◇△▲•·*\-–]|\d+\.|[①-⑳])", sentences[0].text):
            return None  # "■후난성 인공지능 계획": the first item's title, not the document's
        line = sentences[0].line
        end = next((s.start for s in sentences if s.line > line), len(text))
        named = {self._jurisdiction_of(m) for m in mentions if m.type == "region" and m.end <= end}
        named.discard(None)
        return named.pop() if len(named) == 1 else None

    # ---- documents -------------------------------------------------------------------

    def _documents(self, text: str, s: Sentence, ms: list[Mention], ctx: Context) -> list[Fact]:
        out: list[Fact] = []
        docs = [m for m in ms if m.type == "document"]
        if not docs:
            return out
        sent = text[s.start:s.end]
        issued = has_any(sent, ISSUE_VERBS)
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
        if not has_any(sent, FOUND_VERBS):
            return out
        founded = [o for o in institutions if _FOUNDED.match(text[o.end:o.end + 12])
                   or role_of(text, o).particle in ("을", "를")]
        for o in founded[:1]:
            for r in regions:
                if r.end <= o.start and particle_after(text, r.end) in ("에서", "에", "는", "은"):
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
