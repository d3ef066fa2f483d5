"""Finding mentions: names from the gazetteer and from patterns, quantities from ``numbers``.

Candidates, longest first, are kept when they do not overlap a kept one, so a name inside
a longer name (``상하이시`` inside ``상하이시 인공지능 산업 발전 촉진 조례``) is not a mention of
its own, and neither is a number inside a name. Name patterns, for names the KG lacks:

* policy titles (quoted, Chinese, five-year plans): see ``titles.py``;
* a Korean name glossed with its Chinese original, ``난카이대학(南開大學)``: the class follows
  from the Chinese (大学, 研究院, 公司, 委员会 … → organisation; 省, 市, 区 … → region) or the
  Korean ending (대학, 연구원, 실험실, 개발구 …);
* people (titles, mastheads, repeated names): see ``people.py``; organisation shapes (one-word
  institution names, units of known organisations, credit lines): see ``organisations.py``;
* a university: one word ending in 대학/대학교;
* ``<province or city> … <organisation or zone ending>`` (``광둥성 과학기술청``) and ``<region> 정부``:
  see ``local_names.py``.

A name directly followed by its original in parentheses (``베이징(北京)``) includes the
gloss. A region or organisation name written with a space-separated region in front
(``중국 국무원``) is split into the two mentions, as the gold annotation does.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace

from loaders.ingest import transcribed
from loaders.ingest.companies import cued_companies
from loaders.ingest.gazetteer import (
    MASKED,
    SCORED_NAME_TYPES,
    Gazetteer,
    fold,
    script,
)
from loaders.ingest.lexicon import (
    DOCUMENT_HEADS,
    KO_ORG_SUFFIXES,
    KO_REGION_SUFFIXES,
    PARTICLE_RUNS,
    PERSON_TITLES,
    SURNAMES,
    ZH_COMPANY_ENDINGS,
    ZH_DOCUMENT_HEADS,
    ZH_ORG_SUFFIXES,
    ZH_REGION_SUFFIXES,
)
from loaders.ingest.local_names import governments, local_bodies
from loaders.ingest.model import Mention
from loaders.ingest.numbers import find_quantities
from loaders.ingest.numerals import word_boundary_after
from loaders.ingest.organisations import compound_orgs, credited_sources, org_units
from loaders.ingest.people import masthead_people, titled_people
from loaders.ingest.senses import bare_stems, by_original, by_parent, candidates, contradicted, relink_as_glossed
from loaders.ingest.sentences import Sentence
from loaders.ingest.titles import (
    GLOSS,
    GLOSS_ANY,
    HAN,
    best,
    chinese_titles,
    five_year_plans,
    gloss_end,
    proposed_iri,
    quote_led_titles,
    quote_spans,
    quoted_titles,
    ranged_titles,
)

#: the Chinese of a one-syllable administrative suffix
_ZH_OF_SUFFIX = {"성": "省", "시": "市", "구": "区", "현": "县", "진": "镇"}
#: quoted speech, not a quoted name: it ends a sentence ("… 선호한다”", "… 필요하다.") or a verb of saying
#: follows it ("…”고 말했다", "…"라며"); the names inside speech are ordinary mentions
_SPEECH_END = re.compile(r"(?:[다요죠까][.!?]?|[.!?])\s*$")
_SPEECH_AFTER = re.compile(r"(?:이)?라?(?:고|며|면서)\s|(?:이)?라고(?![\uac00-\ud7a3])")
#: an event's name: what it contains is annotated as usual ("'중국(광저우) 국제 스마트 건설 박람회'")
_EVENT_END = re.compile(r"(?:박람회|엑스포|전시회|포럼|서밋|대회|회의|페어|컨퍼런스|세미나|축제)\s*$")


class MentionFinder:
    """Finds the mentions of one document text."""

    def __init__(self, gazetteer: Gazetteer, doc_id: str, doc_date: dt.date | None = None):
        self.gaz = gazetteer
        self.doc_id = doc_id
        self.doc_date = doc_date
        self._transcribed: list[transcribed.Candidate] = []

    # ---- candidates ----------------------------------------------------------

    def _from_gazetteer(self, text: str, folded: str) -> list[Mention]:
        out = []
        for match in self.gaz.find(text, folded):
            end = gloss_end(text, match.end)
            inner = GLOSS.search(text, match.start, end)  # "산시(山西)성": the original inside the name
            if inner and contradicted(match.entries, inner.group(1)):
                continue  # "리창(李强)": the original names someone else
            entries = by_original(match.entries, inner.group(1) if inner else "")
            entry, ambiguous = best(entries)
            conf = 0.6 if ambiguous else (0.95 if match.preferred else 0.88)
            mention = Mention(match.start, end, entry.type, text[match.start:end], conf, entity=entry.iri,
                              kind=entry.kind, source="gazetteer", attrs=candidates(match.entries, entries))
            out.extend(self._split_qualified(mention, text, folded))
        return out

    def _split_qualified(self, mention: Mention, text: str, folded: str) -> list[Mention]:
        """``중국 국무원`` → region 중국 + organisation 국무원, when both parts are names."""
        if mention.type not in ("region", "organisation"):
            return [mention]
        surface = folded[mention.start:mention.end]
        gloss_at = surface.find("(")
        core = surface if gloss_at < 0 else surface[:gloss_at]
        if " " not in core:
            return [mention]
        head, _, rest = core.partition(" ")
        head_entries = [e for e in self.gaz.lookup(head) if e.type == "region" and e.iri != mention.entity]
        if not head_entries:
            return [mention]
        region, _ = best(head_entries)
        own = self.gaz.entries.get(mention.entity or "")
        own_zh = own.preferred.get("zh", "") if own else ""
        if not own_zh or any(z in own_zh for z in region.zh_stems):
            return [mention]  # the region is part of the official name (上海市科学技术委员会)
        a_end = mention.start + len(head)
        b_start = a_end + 1
        if own is not None and not self.gaz.lookup(rest):
            # "중국 최초 양자 스마트컴퓨팅 센터": words between the region and a name of the entity
            # describe it ("최초" = first) and are not part of the name
            names = sorted((self.gaz.key(n) for ns in own.labels.values() for n in ns), key=len, reverse=True)
            tail = next((n for n in names if rest.endswith(" " + n)), None)
            if tail:
                b_start = mention.start + len(core) - len(tail)
        return [
            Mention(mention.start, a_end, "region", text[mention.start:a_end], 0.9, entity=region.iri,
                    kind=region.kind),
            Mention(b_start, mention.end, mention.type, text[b_start:mention.end], mention.confidence,
                    entity=mention.entity, kind=mention.kind),
        ]

    def _quoted_titles(self, text: str) -> list[Mention]:
        return (quoted_titles(self.gaz, self.doc_id, text) + quote_led_titles(self.doc_id, text, fold(text))
                + ranged_titles(self.doc_id, text))

    def _glossed_names(self, text: str) -> list[Mention]:
        """``난카이대학(南開大學)``, ``리위안(蠡园)경제개발구``, ``임희봉(任希鋒) 교수``."""
        out = []
        for m in GLOSS.finditer(text):
            inner = m.group(1)
            if not HAN.search(inner):
                continue
            a = m.start()
            while a > 0 and script(text[a - 1]) == "hangul":
                a -= 1
            if a == m.start() or (a > 0 and script(text[a - 1]) in ("han", "latin")):
                continue
            b = m.end()
            while b < len(text) and script(text[b]) == "hangul":
                b += 1
            tail = text[m.end():b]
            runs = PARTICLE_RUNS
            cut = next(c for c in range(len(tail) + 1) if c == len(tail) or tail[c:] in runs)
            b = m.end() + cut
            name_ko = text[a:m.start()] + text[m.end():b]
            known = self.gaz.lookup(name_ko)
            if known and contradicted(known, inner):
                known = []  # "리창(李强) 총리": the original names someone else than 李沧区
            known = known or self.gaz.lookup(inner)
            if known:
                entry, ambiguous = best(known)
                out.append(Mention(a, b, entry.type, text[a:b], 0.6 if ambiguous else 0.85, entity=entry.iri,
                                   kind=entry.kind, source="pattern"))
                continue
            kind, mtype = self._classify_name(name_ko, inner, text, b)
            if mtype is None:
                pending = transcribed.candidate(name_ko, inner, a, b)
                if pending:
                    self._transcribed.append(pending)
                continue
            out.append(Mention(a, b, mtype, text[a:b], 0.6, entity=proposed_iri(self.doc_id, mtype, name_ko),
                               kind=kind, proposed=True, label=name_ko, source="pattern", attrs={"zh": inner}))
        return out

    @staticmethod
    def _classify_name(name_ko: str, zh: str, text: str, end: int) -> tuple[str | None, str | None]:
        zh = re.split(r"[·,、]", zh.strip())[0].strip()  # "小马智行·Pony.ai": the Chinese name
        for suffix, kind in ZH_ORG_SUFFIXES:
            if zh.endswith(suffix) and len(zh) > len(suffix):
                return kind, "organisation"
        if zh.endswith(ZH_COMPANY_ENDINGS) and len(zh) >= 3 and transcribed.transcribed_prefix(name_ko, zh) >= 2:
            return "Company", "organisation"  # "샤오마즈싱(小马智行)"
        if zh.endswith(ZH_DOCUMENT_HEADS) and name_ko.endswith(DOCUMENT_HEADS) and len(name_ko) >= 4:
            return "PolicyDocument", "document"  # "정부업무보고(政府工作報告)": an unquoted title
        for suffix, kind in ZH_REGION_SUFFIXES:
            if zh.endswith(suffix) and len(zh) > len(suffix):
                return kind, "region"
        for suffix, kind in KO_ORG_SUFFIXES:
            if name_ko.endswith(suffix) and len(name_ko) > len(suffix) + 1:
                return kind, "organisation"
        for suffix, kind in KO_REGION_SUFFIXES:
            if name_ko.endswith(suffix) and len(name_ko) > len(suffix) + 1:
                if len(suffix) == 1 and HAN.search(zh) and not zh.endswith(_ZH_OF_SUFFIX.get(suffix, suffix)) \
                        and text[end - 2:end - 1] != ")":  # not "저청(柘城)현": the suffix after the original
                    continue  # "창광위성(长光卫星)": 성 is part of a word, the original names no province
                return kind, "region"
        after = text[end:end + 6].lstrip()
        if 2 <= len(name_ko) <= 4 and 2 <= len(zh) <= 4 and name_ko[0] in SURNAMES and after.startswith(
                PERSON_TITLES):
            return "Person", "person"
        return None, None

    def _universities(self, text: str) -> list[Mention]:
        out = []
        for m in re.finditer(r"(?<![\uac00-\ud7a3])([\uac00-\ud7a3]{2,10}(?:대학교|대학))(?=[^\uac00-\ud7a3]|$|"
                             r"[은는이가을를의와과에도로])", text):
            name = m.group(1)
            stem = name[:-3] if name.endswith("대학교") else name[:-2]
            if len(stem) < 2 or stem.endswith(("명문", "중점", "일류", "국내", "해외", "지방", "주요", "우수", "각")):
                continue
            out.append(Mention(m.start(1), m.end(1), "organisation", name, 0.6,
                               entity=proposed_iri(self.doc_id, "organisation", name), kind="University",
                               proposed=True, label=name, source="pattern"))
        return out

    def _interrupted_names(self, text: str) -> list[Mention]:
        """``저장(浙江)성``: a name whose administrative suffix follows its gloss."""
        out = []
        for m in re.finditer(r"(?<![\uac00-\ud7a3])([\uac00-\ud7a3]{2,5})\(([^()\n]{1,12})\)([성시구현])", text):
            if not word_boundary_after(text, m.end()):
                continue
            known = [e for e in self.gaz.lookup(m.group(1) + m.group(3)) if e.type == "region"]
            if known:
                chosen = by_original(known, m.group(2))
                entry, ambiguous = best(chosen)
                out.append(Mention(m.start(), m.end(), "region", m.group(), 0.6 if ambiguous else 0.85,
                                   entity=entry.iri, kind=entry.kind, source="pattern",
                                   attrs=candidates(known, chosen)))
        return out

    def _resolve_transcribed(self, text: str, kept: list[Mention]) -> list[Mention]:
        """Glossed names of unknown class whose context tells (see ``transcribed.py``)."""
        taken = bytearray(len(text) + 1)
        for k in kept:
            taken[k.start:k.end] = b"\x01" * (k.end - k.start)
        free = [c for c in self._transcribed if not any(taken[c.start:c.end])]
        self._transcribed = []

        def make(c: transcribed.Candidate, mtype: str, kind: str) -> Mention:
            return Mention(c.start, c.end, mtype, text[c.start:c.end], 0.5,
                           entity=proposed_iri(self.doc_id, mtype, c.name_ko), kind=kind, proposed=True,
                           label=c.name_ko, source="pattern", attrs={"zh": c.zh})

        return transcribed.resolve(free, text, kept, make)

    @staticmethod
    def _drop_inside_quoted_names(text: str, kept: list[Mention]) -> list[Mention]:
        """A region or organisation inside a quoted name (‘중국 스마트자동차 밸리’) is part of that name."""
        spans = [(a, b) for opening, a, b in quote_spans(fold(text)) if opening in "'\"" and b - a <= 80
                 and not _SPEECH_END.search(text, a, b) and not _SPEECH_AFTER.match(text, b + 1)
                 and not _EVENT_END.search(text, a, b)]
        out = []
        for k in kept:
            inside = next(((a, b) for a, b in spans if a <= k.start and k.end <= b), None)
            if inside and k.type in ("region", "organisation", "person"):
                content = GLOSS_ANY.sub("", text[inside[0]:inside[1]]).strip()
                if GLOSS_ANY.sub("", k.text).strip() != content:
                    continue
            out.append(k)
        return out

    # ---- resolution ------------------------------------------------------------

    def find(self, text: str, sentences: list[Sentence] | None = None) -> list[Mention]:
        folded = fold(text)
        names = (self._from_gazetteer(text, folded) + self._interrupted_names(text) + self._quoted_titles(text)
                 + self._glossed_names(text) + titled_people(self.gaz, self.doc_id, text)
                 + masthead_people(self.gaz, self.doc_id, text) + self._universities(text)
                 + compound_orgs(self.gaz, self.doc_id, text) + credited_sources(self.gaz, self.doc_id, text)
                 + five_year_plans(self.gaz, self.doc_id, text) + cued_companies(self.gaz, self.doc_id, text))
        names += governments(self.gaz, self.doc_id, text, names) + local_bodies(self.gaz, self.doc_id, text, names)
        units = org_units(self.gaz, self.doc_id, text, names)
        # "… 리서치센터 중국전략팀": a unit's unit
        names += units + org_units(self.gaz, self.doc_id, text, units, nested=True)
        masked = [(m.start(), m.end()) for m in MASKED.finditer(folded)]
        names = [m for m in names if not any(a < m.end and m.start < b for a, b in masked)]
        names += chinese_titles(self.gaz, self.doc_id, text)
        rank = {"gazetteer": 0, "pattern": 1}
        names.sort(key=lambda m: (-(m.end - m.start), rank.get(m.source, 2), m.proposed, m.start))
        kept: list[Mention] = []  # regions, organisations, documents, people: they hide what they contain
        other: list[Mention] = []  # events, projects, funds, sectors: found, but they hide nothing
        taken = {True: bytearray(len(text) + 1), False: bytearray(len(text) + 1)}
        for cand in names:
            scored = cand.type in SCORED_NAME_TYPES
            if any(taken[scored][cand.start:cand.end]):
                continue
            taken[scored][cand.start:cand.end] = b"\x01" * (cand.end - cand.start)
            (kept if scored else other).append(cand)
        kept = self._drop_inside_quoted_names(text, kept)
        kept += self._resolve_transcribed(text, kept)
        kept = relink_as_glossed(by_parent(self.gaz, text, kept))
        cover = bytearray(len(text) + 1)
        for k in kept:
            cover[k.start:k.end] = b"\x01" * (k.end - k.start)
        repeated = _repeated_names(text, kept, cover)
        # "안지현(安吉县)에는 … / 안지현 정부는": the government of a place this document proposed
        ruled = governments(self.gaz, self.doc_id, text, [m for m in repeated if m.type == "region"],
                            proposed_too=True)
        repeated = [m for m in repeated if not any(g.start == m.start for g in ruled)] + ruled
        kept += repeated
        kept += bare_stems(self.gaz, text, kept, cover)
        quantities = [q for q in find_quantities(text, self.doc_date) if not any(cover[q.start:q.end])]
        mentions = sorted(kept + other + quantities, key=lambda m: (m.start, m.end))
        if sentences:
            _assign_sentences(mentions, sentences)
        return mentions


def _repeated_names(text: str, found: list[Mention], taken: bytearray) -> list[Mention]:
    """Every further occurrence, with particles after it, of a person, organisation or place a
    pattern proposed in this document (``이정민의``, ``샤오마즈싱은``, ``안지현``), where no other
    name stands."""
    first: dict[str, Mention] = {}
    for m in found:
        name = m.label or ""
        if (m.type in ("person", "organisation", "region") and m.proposed and m.source == "pattern"
                and len(name) >= 3 and re.fullmatch(r"[\uac00-\ud7a3]+", name)
                and (m.type != "region" or name[-1] in "현구시진향")):
            first.setdefault(name, m)
    out = []
    for name, m in sorted(first.items()):
        for hit in re.finditer(rf"(?<![\uac00-\ud7a3]){name}", text):
            if any(taken[hit.start():hit.end()]) or not word_boundary_after(text, hit.end()):
                continue
            taken[hit.start():hit.end()] = b"\x01" * (hit.end() - hit.start())
            out.append(replace(m, start=hit.start(), end=hit.end(), text=name, confidence=0.5, sentence=-1))
    return out


def _assign_sentences(mentions: list[Mention], sentences: list[Sentence]) -> None:
    j = 0
    for m in mentions:
        while j < len(sentences) - 1 and sentences[j].end <= m.start:
            j += 1
        m.sentence = sentences[j].index if sentences[j].start <= m.start < sentences[j].end + 1 else -1
