"""Which of several entities an ambiguous name means, and bare names a document has made safe.

``산시성`` is Shanxi or Shaanxi, ``창저우`` Changzhou or Cangzhou, ``이춘`` Yichun in Jiangxi or in
Heilongjiang. A Chinese original written with the name decides (``산시(山西)성``), and so does a
region or a body's jurisdiction named before it (``장쑤성 창저우시``, ``저장성 … 타이저우시``); a
decision made so holds in the whole document. Provinces whose bare name is a Korean word
(``저장`` storage, ``신장`` growth) are names only once the document has named them unambiguously.
"""

from __future__ import annotations

import re
from dataclasses import replace

from loaders.ingest.gazetteer import Entry, Gazetteer
from loaders.ingest.model import Mention
from loaders.ingest.titles import GLOSS

_STEM_PARTICLES = "은|는|이|가|의|과|와|도|에서는|에서|에는|에|으로|로|까지|만"
#: what a bare province name may follow: the start of a line or item, an opening mark, an enumeration
_LISTED_BEFORE = re.compile(r"(?:^|\n|[(\[·,、/'‘\"“]|[\uac00-\ud7a3](?:와|과)|\s및|[-○□■▶◆△•ㆍ])\s*$")


def by_original(entries: list[Entry], original: str) -> list[Entry]:
    """The entries whose Chinese name is the original written after the name (산시(山西)성 is
    Shanxi, 산시(陕西)성 Shaanxi); all of them when none is or there is no original."""
    g = original.strip().rstrip("省市区县")
    hits = [e for e in entries if g and any(z.rstrip("省市区县") == g for z in e.labels.get("zh", []))]
    return hits or entries


def _readings(zh: str) -> list[set[str]]:
    from pypinyin import Style, pinyin  # loaded on first use: its dictionary is large

    return [set(r) for r in pinyin(zh.strip().rstrip("省市区县"), style=Style.NORMAL, heteronym=True)]


def _read_alike(a: list[set[str]], b: list[set[str]]) -> bool:
    """One name's characters can be read like the start of the other's (重慶 ~ 重庆: chong qing)."""
    return all(x & y for x, y in zip(a, b, strict=False))


def contradicted(entries: list[Entry], original: str) -> bool:
    """The Chinese original written after the name is none of the entries' names, not even in other
    characters (traditional ``重慶`` reads like ``重庆``): ``리창(李强)`` is a person, not ``李沧区``."""
    g = original.strip()
    if not re.fullmatch(r"[\u4e00-\u9fff]{2,8}", g):
        return False
    names = [z for e in entries for z in e.labels.get("zh", [])]
    if not names or any(z.rstrip("省市区县") == g.rstrip("省市区县") for z in names):
        return False
    sound = _readings(g)  # "구이안(貴安)" names 贵安新区: one reading begins the other
    return not any(_read_alike(sound, _readings(z)) for z in names)


def candidates(entries: list[Entry], chosen: list[Entry]) -> dict[str, object]:
    """What a name could have meant when it is ambiguous, and whether its original decided it."""
    if len({e.iri for e in entries}) < 2:
        return {}
    return {"candidates": tuple(sorted(e.iri for e in entries)), "by_original": len(chosen) == 1}


def relink_as_glossed(kept: list[Mention]) -> list[Mention]:
    """An ambiguous name means, everywhere in the document, what its original decided once
    (``산시(山西)성`` … ``산시성은`` → Shanxi both times)."""
    decided = {m.attrs["candidates"]: m for m in kept if m.attrs.get("by_original")}
    # the senses the original ruled out, wherever they were used (a government's jurisdiction too)
    swap = {iri: d.entity for cands, d in decided.items() for iri in cands if iri != d.entity}
    out = []
    for m in kept:
        d = decided.get(m.attrs.get("candidates", ()))
        if d is not None and not m.attrs.get("by_original") and m.entity != d.entity:
            m = replace(m, entity=d.entity, kind=d.kind, confidence=0.8)
        moved = {k: swap[v] for k in ("jurisdiction", "part_of") if (v := m.attrs.get(k)) in swap}
        if moved:
            m = replace(m, attrs={**m.attrs, **moved})
        out.append(m)
    return out


def by_parent(gaz: Gazetteer, text: str, kept: list[Mention]) -> list[Mention]:
    """``장쑤성 창저우시``: an ambiguous name after a region is the one that lies in it (常州, not
    Hebei's 沧州); right after it, the choice then holds in the whole document."""
    # places named before: unambiguous regions, and the jurisdictions of bodies ("저장성 경제정보화청")
    regions = sorted((m for m in kept if m.type == "region" and not m.attrs.get("candidates")),
                     key=lambda m: m.start)
    regions += [replace(m, entity=j) for m in kept if m.type == "organisation"
                and (j := m.attrs.get("jurisdiction") or getattr(gaz.entries.get(m.entity or ""),
                                                                 "jurisdiction", None))]
    regions.sort(key=lambda m: m.start)
    out = []
    for m in kept:
        cands = m.attrs.get("candidates")
        if cands and not m.attrs.get("by_original"):
            # the nearest unambiguous region before it that one candidate lies in (right before it:
            # "장쑤성 창저우시"; or earlier in the text: "저장성 … 타이저우시")
            for r in reversed([r for r in regions if r.end <= m.start and m.start - r.end <= 300]):
                inside = [iri for iri in cands if (e := gaz.entries.get(iri)) and e.part_of == r.entity]
                if len(inside) == 1:
                    e = gaz.entries[inside[0]]
                    adjacent = r.end == m.start - 1 and text[r.end] == " "
                    m = replace(m, entity=e.iri, kind=e.kind,
                                attrs={**m.attrs, "by_original": True} if adjacent else m.attrs)
                    break
        out.append(m)
    return out

_BULLET_LABEL = re.compile(r"(?m)^[ \t\-–○□■▶◆•·*①-⑳]*\(([\uac00-\ud7a3]{2,4})\)")


def bare_stems(gaz: Gazetteer, text: str, kept: list[Mention], taken: bytearray) -> list[Mention]:
    """``저장``, ``신장``: a province or city whose bare name is also a Korean word (storage,
    growth) is its name only in a document that has named it unambiguously (``저장(浙江)성``,
    ``신장위구르자치구``), and there only before a particle or punctuation (``저장·광둥``,
    ``(신장)``, ``저장은``), never before a noun (``데이터 저장 장치``)."""
    stems: dict[str, Mention] = {}
    for m in kept:
        if m.type != "region" or m.proposed or not m.entity:
            continue
        core = GLOSS.sub("", m.text).strip()
        stem = re.sub(r"(?:위구르자치구|회족자치구|장족자치구|자치구|성|시)$", "", core)
        if 2 <= len(stem) < len(core) and re.fullmatch(r"[\uac00-\ud7a3]+", stem) and not gaz.lookup(stem):
            stems.setdefault(stem, m)
    for hit in _BULLET_LABEL.finditer(text):
        stem = hit.group(1)
        if stem in stems or gaz.lookup(stem):
            continue
        # "○ (저장) …": a bullet labelled with a province's bare name names the province
        full = [e for suffix in ("성", "위구르자치구", "자치구") for e in gaz.lookup(stem + suffix)
                if e.type == "region"]
        if len({e.iri for e in full}) == 1:
            e = full[0]
            stems[stem] = Mention(hit.start(1), hit.end(1), "region", stem, entity=e.iri, kind=e.kind,
                                  confidence=0.6, sentence=-1, source="pattern")
    out = []
    for stem, m in sorted(stems.items()):
        for hit in re.finditer(rf"(?<![\uac00-\ud7a3]){stem}(?:{_STEM_PARTICLES})?(?=[·,、/)\]\s:：]|$)", text):
            end = hit.start() + len(stem)
            if any(taken[hit.start():end]) or (hit.end() == end and text[end:end + 1] == " "
                                                and re.match(r" [\uac00-\ud7a3]", text[end:end + 2])):
                continue  # before a noun: the ordinary word
            if not _LISTED_BEFORE.search(text, max(0, hit.start() - 8), hit.start()):
                continue  # after a noun ("에너지 저장"): the ordinary word
            taken[hit.start():end] = b"\x01" * (end - hit.start())
            out.append(replace(m, start=hit.start(), end=end, text=stem, confidence=0.6, sentence=-1,
                               source="pattern", attrs={}))
    return out
