"""Finding mentions: names from the gazetteer and from patterns, quantities from ``numbers``.

Candidates, longest first, are kept when they do not overlap a kept one, so a name inside
a longer name (``상하이시`` inside ``상하이시 인공지능 산업 발전 촉진 조례``) is not a mention of
its own, and neither is a number inside a name. Name patterns, for names the KG lacks:

* a policy title in quotes — ‘…’ '…' “…” "…" 「…」 《…》 『…』 — that ends in a policy noun
  (계획, 규획, 방안, 의견, 조치, 조례 …) or has a Chinese original ending in one (规划, 意见 …);
  「…」 and 《…》 are title brackets, so their content is a title whatever it ends in;
* a Korean name glossed with its Chinese original, ``난카이대학(南開大學)``: the class follows
  from the Chinese (大学, 研究院, 公司, 委员会 … → organisation; 省, 市, 区 … → region) or the
  Korean ending (대학, 연구원, 실험실, 개발구 …);
* a person: a name followed by a title (교수, 부장, 기자 …), with or without a Chinese gloss;
* a university: one word ending in 대학/대학교.

A name directly followed by its original in parentheses (``베이징(北京)``) includes the
gloss. A region or organisation name written with a space-separated region in front
(``중국 국무원``) is split into the two mentions, as the gold annotation does.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re

from loaders.ingest.gazetteer import PROPOSED_BASE, TYPE_PRIORITY, Entry, Gazetteer, fold, script
from loaders.ingest.lexicon import (
    DOCUMENT_HEADS,
    KO_ORG_SUFFIXES,
    KO_REGION_SUFFIXES,
    PERSON_TITLES,
    SURNAMES,
    ZH_DOCUMENT_HEADS,
    ZH_ORG_SUFFIXES,
    ZH_REGION_SUFFIXES,
)
from loaders.ingest.model import Mention
from loaders.ingest.numbers import find_quantities, word_boundary_after
from loaders.ingest.sentences import Sentence

_QUOTES = {"'": "'", '"': '"', "「": "」", "《": "》", "『": "』", "〈": "〉"}
_TITLE_BRACKETS = ("「", "《", "『")
_GLOSS = re.compile(r"\(([^()\n\uac00-\ud7a3]{1,60})\)")
_HAN = re.compile(r"[\u4e00-\u9fff]")
_YEAR_TAIL = re.compile(r"\s?\(\s?[\d'~\-.·년 ]+\s?\)\s?$")
_GLOSS_ANY = re.compile(r"\([^()]*[\u4e00-\u9fff][^()]*\)")


def proposed_iri(doc_id: str, kind: str, name: str) -> str:
    """IRI of a new entity proposed by one document: …/id/proposed/<doc-id>/<kind>-<hash>."""
    digest = hashlib.sha1(name.encode("utf-8")).hexdigest()[:10]
    ascii_part = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")[:30]
    slug = f"{kind}-{ascii_part}-{digest}" if len(ascii_part) >= 3 else f"{kind}-{digest}"
    return f"{PROPOSED_BASE}{doc_id}/{slug}"


def _best(entries: list[Entry]) -> tuple[Entry, bool]:
    """The entry to link to, and whether the choice was ambiguous."""
    ranked = sorted(entries, key=lambda e: (TYPE_PRIORITY.index(e.type), e.iri))
    top = ranked[0]
    same_type = [e for e in ranked if e.type == top.type]
    return top, len(same_type) > 1


def _gloss_end(text: str, end: int) -> int:
    """End of a parenthesised Chinese/Latin original right after ``end`` (or ``end``)."""
    m = _GLOSS.match(text, end)
    if not m:
        return end
    inner = m.group(1)
    if not (_HAN.search(inner) or re.search(r"[A-Za-z]{2}", inner)) or re.fullmatch(r"[\d\s'~.\-,·년]+", inner):
        return end
    return m.end()


class MentionFinder:
    """Finds the mentions of one document text."""

    def __init__(self, gazetteer: Gazetteer, doc_id: str, doc_date: dt.date | None = None):
        self.gaz = gazetteer
        self.doc_id = doc_id
        self.doc_date = doc_date

    # ---- candidates ----------------------------------------------------------

    def _from_gazetteer(self, text: str, folded: str) -> list[Mention]:
        out = []
        for match in self.gaz.find(text, folded):
            entry, ambiguous = _best(match.entries)
            end = _gloss_end(text, match.end)
            conf = 0.6 if ambiguous else (0.95 if match.preferred else 0.88)
            mention = Mention(match.start, end, entry.type, text[match.start:end], conf, entity=entry.iri,
                              kind=entry.kind, source="gazetteer")
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
        rest_entries = [e for e in self.gaz.lookup(rest) if e.iri == mention.entity]
        if not head_entries or not rest_entries:
            return [mention]
        region, _ = _best(head_entries)
        a_end = mention.start + len(head)
        b_start = a_end + 1
        return [
            Mention(mention.start, a_end, "region", text[mention.start:a_end], 0.9, entity=region.iri,
                    kind=region.kind),
            Mention(b_start, mention.end, mention.type, text[b_start:mention.end], mention.confidence,
                    entity=mention.entity, kind=mention.kind),
        ]

    def _quoted_titles(self, text: str) -> list[Mention]:
        out = []
        folded = fold(text)
        for m in re.finditer(r"['\"「《『]", folded):
            opening = m.group()
            close = _QUOTES[opening]
            start = m.end()
            if start >= len(folded) or not (script(folded[start]) in ("hangul", "han", "latin")):
                continue
            if opening in "'\"" and start >= 2 and folded[start - 2:start - 1].isdigit():
                continue
            if opening in "'\"" and folded[start].isdigit():
                continue
            stop = folded.find(close, start)
            newline = folded.find("\n", start)
            if stop < 0 or (0 <= newline < stop) or stop - start > 160 or stop == start:
                continue
            content = text[start:stop]
            mention = self._title_candidate(text, start, stop, content, opening in _TITLE_BRACKETS)
            if mention:
                out.append(mention)
        return out

    def _title_candidate(self, text: str, start: int, stop: int, content: str, bracketed: bool) -> Mention | None:
        glosses = _GLOSS_ANY.findall(content)
        ko = _GLOSS_ANY.sub("", content).strip()
        ko_core = _YEAR_TAIL.sub("", ko).strip()
        zh = glosses[-1][1:-1] if glosses else None
        known = (self.gaz.lookup(content) or self.gaz.lookup(ko) or self.gaz.lookup(ko_core)
                 or (self.gaz.lookup(zh) if zh else []))
        if known:
            entry, ambiguous = _best(known)
            return Mention(start, stop, entry.type, content, 0.6 if ambiguous else 0.9, entity=entry.iri,
                           kind=entry.kind, source="pattern")
        is_title = bracketed or ko_core.endswith(DOCUMENT_HEADS) or bool(zh and zh.rstrip("》)）").endswith(
            ZH_DOCUMENT_HEADS)) or bool(_HAN.search(ko_core) and ko_core.endswith(ZH_DOCUMENT_HEADS))
        if not is_title or len(ko_core) < 4:
            return None
        label = ko_core or content
        return Mention(start, stop, "document", content, 0.7 if bracketed else 0.65,
                       entity=proposed_iri(self.doc_id, "document", label), kind="PolicyDocument", proposed=True,
                       label=label, source="pattern", attrs={"zh": zh} if zh else {})

    def _glossed_names(self, text: str) -> list[Mention]:
        """``난카이대학(南開大學)``, ``리위안(蠡园)경제개발구``, ``임희봉(任希鋒) 교수``."""
        out = []
        for m in _GLOSS.finditer(text):
            inner = m.group(1)
            if not _HAN.search(inner):
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
            runs = _particle_runs()
            cut = next(c for c in range(len(tail) + 1) if c == len(tail) or tail[c:] in runs)
            b = m.end() + cut
            name_ko = text[a:m.start()] + text[m.end():b]
            known = self.gaz.lookup(name_ko) or self.gaz.lookup(inner)
            if known:
                entry, ambiguous = _best(known)
                out.append(Mention(a, b, entry.type, text[a:b], 0.6 if ambiguous else 0.85, entity=entry.iri,
                                   kind=entry.kind, source="pattern"))
                continue
            kind, mtype = self._classify_name(name_ko, inner, text, b)
            if mtype is None:
                continue
            out.append(Mention(a, b, mtype, text[a:b], 0.6, entity=proposed_iri(self.doc_id, mtype, name_ko),
                               kind=kind, proposed=True, label=name_ko, source="pattern", attrs={"zh": inner}))
        return out

    @staticmethod
    def _classify_name(name_ko: str, zh: str, text: str, end: int) -> tuple[str | None, str | None]:
        zh = zh.strip()
        for suffix, kind in ZH_ORG_SUFFIXES:
            if zh.endswith(suffix) and len(zh) > len(suffix):
                return kind, "organisation"
        for suffix, kind in ZH_REGION_SUFFIXES:
            if zh.endswith(suffix) and len(zh) > len(suffix):
                return kind, "region"
        for suffix, kind in KO_ORG_SUFFIXES:
            if name_ko.endswith(suffix) and len(name_ko) > len(suffix) + 1:
                return kind, "organisation"
        for suffix, kind in KO_REGION_SUFFIXES:
            if name_ko.endswith(suffix) and len(name_ko) > len(suffix) + 1:
                return kind, "region"
        after = text[end:end + 6].lstrip()
        if 2 <= len(name_ko) <= 4 and 2 <= len(zh) <= 4 and name_ko[0] in SURNAMES and after.startswith(
                PERSON_TITLES):
            return "Person", "person"
        return None, None

    def _titled_people(self, text: str) -> list[Mention]:
        out = []
        titles = "|".join(sorted(PERSON_TITLES, key=len, reverse=True))
        for m in re.finditer(rf"(?<![\uac00-\ud7a3])([\uac00-\ud7a3]{{3}}) (?:{titles})(?![\uac00-\ud7a3])", text):
            name = m.group(1)
            if name[0] not in SURNAMES:
                continue
            out.append(Mention(m.start(1), m.end(1), "person", name, 0.6,
                               entity=proposed_iri(self.doc_id, "person", name), kind="Person", proposed=True,
                               label=name, source="pattern"))
        return out

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
                entry, ambiguous = _best(known)
                out.append(Mention(m.start(), m.end(), "region", m.group(), 0.6 if ambiguous else 0.85,
                                   entity=entry.iri, kind=entry.kind, source="pattern"))
        return out

    # ---- resolution ------------------------------------------------------------

    def find(self, text: str, sentences: list[Sentence] | None = None) -> list[Mention]:
        folded = fold(text)
        names = (self._from_gazetteer(text, folded) + self._interrupted_names(text) + self._quoted_titles(text)
                 + self._glossed_names(text) + self._titled_people(text) + self._universities(text))
        rank = {"gazetteer": 0, "pattern": 1}
        names.sort(key=lambda m: (-(m.end - m.start), rank.get(m.source, 2), m.proposed, m.start))
        kept: list[Mention] = []
        for cand in names:
            if any(cand.overlaps(k) for k in kept):
                continue
            kept.append(cand)
        quantities = [q for q in find_quantities(text, self.doc_date) if not any(q.overlaps(k) for k in kept)]
        mentions = sorted(kept + quantities, key=lambda m: (m.start, m.end))
        if sentences:
            _assign_sentences(mentions, sentences)
        return mentions


_RUNS_CACHE: list[frozenset[str]] = []


def _particle_runs() -> frozenset[str]:
    if not _RUNS_CACHE:
        from loaders.ingest.lexicon import PARTICLE_RUNS

        _RUNS_CACHE.append(PARTICLE_RUNS)
    return _RUNS_CACHE[0]


def _assign_sentences(mentions: list[Mention], sentences: list[Sentence]) -> None:
    j = 0
    for m in mentions:
        while j < len(sentences) - 1 and sentences[j].end <= m.start:
            j += 1
        m.sentence = sentences[j].index if sentences[j].start <= m.start < sentences[j].end + 1 else -1
