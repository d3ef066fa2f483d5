"""Name patterns for organisations the gazetteer does not know yet.

Korean reports write a new organisation's name in a few recurring shapes: one word ending in
an institution's head noun (``타이후실험실``), a known organisation followed by the name of one
of its units (``중국과학원 상하이분원``), or a bulletin's credit line (``출처: 신화망 (01.09)``).
Each shape becomes a proposed organisation; the word lists are in ``lexicon.py``.
"""

from __future__ import annotations

import re

from loaders.ingest.gazetteer import MASKED, Gazetteer, fold
from loaders.ingest.lexicon import COMPOUND_ORG_HEADS, ORG_UNIT_SUFFIXES, RESEARCHER_RANKS
from loaders.ingest.model import Mention
from loaders.ingest.numerals import word_boundary_after
from loaders.ingest.titles import HAN, best, gloss_end, proposed_iri

# a line crediting the source of an item: "출처: 신화망 (01.09)", "자료: 과학기술부, 신화망"
_SOURCE_LINE = re.compile(r"(?m)^[ \t\-*※·]*(?:출처|자료|자료원|원문)[ \t]*[:：][ \t]*"
                          r"(?P<names>[^()\n:：]+?)[ \t]*(?:\([^()\n]*\))?[ \t]*$")
#: a news dateline or copyright line naming its outlet: "[더지엠뉴스]", "[아주경제 홍길동 기자]", "ⓒ 한빛경제신문,"
_MEDIA_ENDINGS = ("뉴스", "일보", "신문", "경제", "타임스", "투데이", "데일리", "방송", "통신", "TV", "닷컴", "저널",
                  "리뷰", "포스트", "비즈", "미디어", "Times", "News")
_DATELINE = re.compile(rf"(?m)^[ \t]*(?:\[|[ⓒ©][ \t]?)(?P<name>[\uac00-\ud7a3A-Za-z0-9]{{2,15}}?"
                       rf"(?:{'|'.join(_MEDIA_ENDINGS)}))"
                       r"(?:[ \t]+[\uac00-\ud7a3]{2,4}[ \t]?(?:기자|특파원)|=[^\]\n]*)?(?:\]|,|[ \t]|$)")
#: the items of a credit line: "신화통신, 21세기경제보도 및 KOTRA 베이징무역관 자료 종합"
_CREDIT_SEPARATOR = re.compile(r"[,·/、]|\s(?:및|와|과)\s")
#: what follows a name in a credit line: "… 자료 종합", "… 발표", "… 정리"
_CREDIT_TAIL = re.compile(r"(?:\s(?:자료|발표|보도|종합|정리|재구성|참고|편집|등|외))+\s*$")
_CREDIT_GENERIC = re.compile(r"(?:각|현지|관련|주요|국내|해외|외신|업계|언론|중국\s?언론|기타|일부|필자|본지|저자"
                             r"|편집부)(?:\s|$)|(?:(?:시|성|현|구|지방)\s?)?정부$")
_LETTER = re.compile(r"[\uac00-\ud7a3A-Za-z]")
_WORD = re.compile(r"[\uac00-\ud7a3]{2,16}")


def _hangul_word_end(before: str) -> bool:
    """Whether ``before`` ends in a Hangul word that is not a particle-marked noun (so a name may
    continue from it): ``지능컴퓨팅`` yes, ``센터와`` / ``및`` no."""
    m = re.search(r"([\uac00-\ud7a3]+)$", before)
    if not m:
        return False
    word = m.group(1)
    return word not in ("및", "등", "또한", "특히", "한편") and word[-1] not in "은는이가을를와과의에도로서며고"


def compound_orgs(gaz: Gazetteer, doc_id: str, text: str) -> list[Mention]:
    """``국가커넥티드카혁신센터``, ``타이후실험실``: one written-together word of five or more
    syllables ending in an institution's head noun (not a researcher's rank: ``수석연구원``)."""
    out = []
    heads = "|".join(h for h, _ in COMPOUND_ORG_HEADS)
    for m in re.finditer(rf"(?<![\uac00-\ud7a3])([\uac00-\ud7a3]{{2,12}}?(?:{heads}))(?![\uac00-\ud7a3])|"
                         rf"(?<![\uac00-\ud7a3])([\uac00-\ud7a3]{{2,12}}?(?:{heads}))(?=[은는이가을를의와과에도로])",
                         text):
        name = m.group(1) or m.group(2)
        start = m.start(1) if m.group(1) else m.start(2)
        head, kind = next((h, k) for h, k in COMPOUND_ORG_HEADS if name.endswith(h))
        stem = name[:-len(head)]
        if len(name) < 5 or stem.endswith(RESEARCHER_RANKS) or stem.startswith(("국가", "중점", "신형", "관련")):
            continue  # a rank, or a class of centres ("국가제조업혁신센터")
        before = text[max(0, start - 12):start].rstrip(" ")
        if start and text[start - 1] == " " and before and _hangul_word_end(before):
            continue  # the tail of a longer name written in several words
        out.append(Mention(start, start + len(name), "organisation", name, 0.5,
                           entity=proposed_iri(doc_id, "organisation", name), kind=kind,
                           proposed=True, label=name, source="pattern"))
    return out

def credited_sources(gaz: Gazetteer, doc_id: str, text: str) -> list[Mention]:
    """``출처: 신화망 (01.09)``: the outlets or bodies a bulletin credits for an item; ``[보안뉴스]``:
    the outlet of a news dateline."""
    out = []
    for line in _DATELINE.finditer(text):
        name, start = line.group("name"), line.start("name")
        if not gaz.lookup(name):
            out.append(Mention(start, start + len(name), "organisation", name, 0.6,
                               entity=proposed_iri(doc_id, "organisation", name), kind="Company",
                               proposed=True, label=name, source="pattern"))
    for line in _SOURCE_LINE.finditer(text):
        names, at = line.group("names"), line.start("names")
        cuts = [0, *(x for m in _CREDIT_SEPARATOR.finditer(names) for x in (m.start(), m.end())), len(names)]
        for a, b in zip(cuts[::2], cuts[1::2], strict=True):
            raw = _CREDIT_TAIL.sub("", names[a:b])
            name = raw.strip()
            start = at + a + (len(raw) - len(raw.lstrip()))
            if not 2 <= len(name) <= 30 or MASKED.search(fold(name)) or not _LETTER.search(name):
                continue
            if _CREDIT_GENERIC.match(name):
                continue  # "각 지방정부", "현지 언론": a kind of source, not a name
            known = gaz.lookup(name)
            if known:
                continue  # the gazetteer finds it already
            out.append(Mention(start, start + len(name), "organisation", name, 0.6,
                               entity=proposed_iri(doc_id, "organisation", name), kind="Organization",
                               proposed=True, label=name, source="pattern"))
    return out

def org_units(gaz: Gazetteer, doc_id: str, text: str, names: list[Mention], *, nested: bool = False) -> list[Mention]:
    """``중국과학원 상하이분원``, ``KOTRA 항저우 무역관``: a known organisation followed by one or
    two words, the last naming a unit of it (particles after it are not part of the name)."""
    out = []
    for org in names:
        if org.type != "organisation":
            continue
        words = list(_WORD.finditer(text, org.end, min(len(text), org.end + 40)))
        found = None
        for n in ((1,) if nested else (1, 2)):  # a unit's unit is one word ("… 리서치센터 중국전략팀")
            if len(words) < n or any(w.start() != (words[i - 1].end() + 1 if i else org.end + 1)
                                     or text[w.start() - 1] != " " for i, w in enumerate(words[:n])):
                break
            last = words[n - 1]
            gloss = text[last.end():gloss_end(text, last.end())]
            if n == 1 and last.group().endswith("사") and HAN.search(gloss) and re.search(r"(?<!公)司\)$", gloss):
                found = (last.end(), "GovernmentBody")  # "공업정보화부 소비품공업사(消费品工业司)": a department
                break
            for suffix, kind in ORG_UNIT_SUFFIXES:
                cut = last.group().rfind(suffix)
                end = last.start() + cut + len(suffix)
                if cut < 0 or not word_boundary_after(text, end) or (cut == 0 and n == 1):
                    continue  # "중국과학원 연구소" is a description, not a name
                if last.group()[:cut].endswith(RESEARCHER_RANKS) or (n == 2 and words[0].group()[-1:] in "은는이가의"):
                    continue  # "… 연구원 오지민 수석연구원": a researcher's rank; "… 연구원은 …": another clause
                found = (end, kind)
                break
            if found:
                break
        if not found:
            continue
        end, kind = found
        end = gloss_end(text, end)  # "중국과학원 톈진공업생물기술연구소(中国科学院…)"
        out.append(known_or_proposed(gaz, doc_id, text, org.start, end, kind, {"parent": org.entity}))
    return out


def known_or_proposed(gaz: Gazetteer, doc_id: str, text: str, start: int, end: int, kind: str,
                      attrs: dict[str, str | None]) -> Mention:
    """A name a pattern found: the curated entity when the gazetteer knows the whole span,
    otherwise a proposed organisation of ``kind`` carrying ``attrs``."""
    span = text[start:end]
    known = gaz.lookup(span)
    if known:
        entry, _ = best(known)
        return Mention(start, end, entry.type, span, 0.8, entity=entry.iri, kind=entry.kind, source="pattern")
    return Mention(start, end, "organisation", span, 0.55, entity=proposed_iri(doc_id, "organisation", span),
                   kind=kind, proposed=True, label=span, source="pattern", attrs=attrs)
