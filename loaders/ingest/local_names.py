"""Names written "<region> … <head>": local bodies, zones and governments of a known region.

``광둥성 과학기술청``, ``상하이시 경제정보화위원회는``, ``허페이 고신구(高新區)``, ``시안 항천기지(西安航天基地)``,
``항저우시 정부``, ``홍콩 특구정부(香港特区政府)``: a region the gazetteer knows followed by one to three
words, the last ending like an organisation's or a zone's name (``lexicon.py``), or by a word for
its government. The region is part of the name unless the Chinese original leaves it out.
"""

from __future__ import annotations

import re

from loaders.ingest.gazetteer import Gazetteer
from loaders.ingest.lexicon import (
    GLOSSED_ZONE_HEADS,
    GOVERNMENT_WORDS,
    LOCAL_BODY_SUFFIXES,
    LOCAL_ZONE_SUFFIXES,
    PARTICLE_RUNS,
)
from loaders.ingest.model import Mention
from loaders.ingest.numerals import word_boundary_after
from loaders.ingest.organisations import known_or_proposed
from loaders.ingest.titles import GLOSS, HAN, best, gloss_end, proposed_iri

_SPACED_WORD = re.compile(r"[\uac00-\ud7a3]{1,16}")
#: a word ending in one of these is particle-marked, so a name does not run on past it
_PARTICLE_END = ("은", "는", "을", "를", "와", "과", "의", "에", "로", "에서", "에게", "부터", "까지")
_SUFFIX_WORDS = frozenset(suffix for suffix, _ in LOCAL_BODY_SUFFIXES + LOCAL_ZONE_SUFFIXES)


def _glossed_zone_end(text: str, word: re.Match[str]) -> tuple[int, str, str] | None:
    """``시안 항천기지(西安航天基地)``: a word ending in an ordinary zone head, confirmed by its
    Chinese original (see ``GLOSSED_ZONE_HEADS``)."""
    gloss = GLOSS.match(text, word.end())
    if not gloss:
        return None
    zh = gloss.group(1).strip()
    for head, zh_heads in GLOSSED_ZONE_HEADS:
        if word.group().endswith(head) and len(word.group()) > len(head) and zh.endswith(zh_heads):
            return word.end(), "DevelopmentZone", "region"
    return None


def _name_end(text: str, word: re.Match[str], n_words: int) -> tuple[int, str, str] | None:
    """Where a name of ``n_words`` words ends if ``word`` (its last) ends like an organisation's or
    a zone's name, particles after the head left out: (end, kind, mention type)."""
    w = word.group()
    for suffixes, mtype in ((LOCAL_BODY_SUFFIXES, "organisation"), (LOCAL_ZONE_SUFFIXES, "region")):
        for suffix, kind in suffixes:
            cut = w.rfind(suffix)
            if cut < 0 or (cut + len(suffix) < len(w) and w[cut + len(suffix):] not in PARTICLE_RUNS):
                continue
            if (len(suffix) == 1 and cut < 2) or (mtype == "organisation" and cut == 0
                                                   and (n_words < 2 or len(suffix) < 2)):
                continue  # "광둥성 센터" says too little; "우시 슈퍼컴퓨팅 센터" is a name
            return word.start() + cut + len(suffix), kind, mtype
    return None


def local_bodies(gaz: Gazetteer, doc_id: str, text: str, names: list[Mention]) -> list[Mention]:
    """``광둥성 과학기술청``, ``상하이시 경제정보화위원회는``, ``허페이 고신구(高新區)``: a province or
    city followed by one to three words, the last one ending like an organisation's (or a
    zone's) name, particles after it left out. A country in front is not part of a name
    (``중국 국무원``), nor is a region in front of a name the gazetteer already knows, nor one
    in front of another region (``쓰촨성 청두 첨단기술개발구``: the city's zone)."""
    out = []
    starts = {n.start for n in names if n.type == "region" and not n.proposed}
    for region in names:
        if region.type != "region" or region.proposed or region.kind == "Country":
            continue
        words = list(_SPACED_WORD.finditer(text, region.end, min(len(text), region.end + 50)))
        found = None
        for n in range(1, min(3, len(words)) + 1):
            if any(w.start() != (words[i - 1].end() + 1 if i else region.end + 1) or text[w.start() - 1] != " "
                   for i, w in enumerate(words[:n])):
                break
            if words[0].start() in starts or any(w.group().endswith(_PARTICLE_END) for w in words[:n - 1]):
                break
            found = _name_end(text, words[n - 1], n) or _glossed_zone_end(text, words[n - 1])
            if found:
                break
        if not found:
            continue
        end, kind, mtype = found
        if gaz.lookup(text[words[0].start():end]):
            continue
        generic = text[words[0].start():end] in _SUFFIX_WORDS  # "허페이 고신구(高新區)": the city's zone
        end = gloss_end(text, end)
        start = region.start
        senses = region.attrs.get("candidates") or (region.entity,)
        place = _sense_in_gloss(gaz, text[words[0].start():end], senses) or region.entity
        if not generic and _gloss_omits(gaz, text[words[0].start():end], senses):
            start = words[0].start()  # "타이저우 중국의약성(中国医药城)": the city, then the park
        if mtype == "region":
            span = text[start:end]
            out.append(Mention(start, end, "region", span, 0.6,
                               entity=proposed_iri(doc_id, "region", span), kind=kind, proposed=True,
                               label=span, source="pattern", attrs={"part_of": place}))
            continue
        attrs = {"jurisdiction": place} if kind == "GovernmentBody" else {}
        out.append(known_or_proposed(gaz, doc_id, text, start, end, kind, attrs))
    return out

def _stems(gaz: Gazetteer, iri: str) -> list[str]:
    entry = gaz.entries.get(iri)
    return entry.zh_stems if entry else []


def _sense_in_gloss(gaz: Gazetteer, name: str, senses: tuple[str, ...]) -> str | None:
    """The sense of an ambiguous region that the Chinese original names (``산시성 에너지국(山西省能源局)``)."""
    gloss = re.search(r"\(([^()]*)\)$", name)
    hits = [iri for iri in senses if gloss and any(z in gloss.group(1) for z in _stems(gaz, iri))]
    return hits[0] if len(hits) == 1 else None


def _gloss_omits(gaz: Gazetteer, name: str, senses: tuple[str, ...]) -> bool:
    """Whether the Chinese original at the end of ``name`` leaves out the region written before
    it (the official name does not contain it, so the region only qualifies the name)."""
    gloss = re.search(r"\(([^()]*)\)$", name)
    if not gloss or not HAN.search(gloss.group(1)):
        return False
    stems = [z for iri in senses for z in _stems(gaz, iri)]
    return bool(stems) and not any(z in gloss.group(1) for z in stems)


def governments(gaz: Gazetteer, doc_id: str, text: str, names: list[Mention], *,
                proposed_too: bool = False) -> list[Mention]:
    """``중국 정부``, ``항저우시 정부``, ``홍콩 특구정부``: a region followed by 정부/인민정부/당국
    is its government."""
    out = []
    pattern = re.compile(rf"(시|성|구)?\s?(?:(?:특구|특별행정구|자치구)\s?)?({'|'.join(GOVERNMENT_WORDS)})")
    for region in names:
        if region.type != "region" or (region.proposed and not proposed_too):
            continue
        m = pattern.match(text, region.end)
        if not m or not word_boundary_after(text, m.end()):
            continue
        known = gaz.governments().get(region.entity or "", [])
        end = gloss_end(text, m.end())
        span = text[region.start:end]
        if known:
            entry, ambiguous = best(known)
            out.append(Mention(region.start, end, "organisation", span, 0.55 if ambiguous else 0.8,
                               entity=entry.iri, kind=entry.kind, source="pattern"))
        else:
            out.append(Mention(region.start, end, "organisation", span, 0.6,
                               entity=proposed_iri(doc_id, "organisation", span), kind="GovernmentBody",
                               proposed=True, label=span, source="pattern",
                               attrs={"jurisdiction": region.entity}))
    return out
