"""Name patterns for people the gazetteer does not know.

Korean reports name a person in three recurring shapes: a Korean name followed by a title or a
position (``윤서정 기자``, ``이수연 연구원``, ``왕즈강 부장``), a masthead or byline label followed by
a name (``발행인 | 최은솔``, ``작성자 한지민``, ``편집: 박정우``), and, once a person has been named
so, the same name again anywhere in the document (``이정민의 차이나 인더스트리``). Names are Korean
personal names: two to four syllables starting with a common Korean or Chinese surname.
"""

from __future__ import annotations

import re

from loaders.ingest.gazetteer import Gazetteer
from loaders.ingest.lexicon import NOT_NAME_END, PERSON_TITLES, SURNAMES
from loaders.ingest.model import Mention
from loaders.ingest.numbers import word_boundary_after
from loaders.ingest.titles import proposed_iri

#: labels of a masthead or byline that a name follows: "발 행 인 : 박정우", "| 작성자 | 한지민"
_MASTHEAD = re.compile(r"(?<![\uac00-\ud7a3])(?:발\s?행\s?인|편\s*집\s?인?|작\s?성\s?자|필\s?자|글|취재|담\s?당\s?자?"
                       r"|문의|기\s?고|정리)[ \t]*[:：|]?[ \t]*(?:\|[ \t]*)?"
                       r"(?P<name>[\uac00-\ud7a3]{2,4})"
                       r"(?=[ \t]*(?:$|\n|\||/|,|\(|[ \t](?:기자|연구원|박사|교수|특파원)))",
                       re.MULTILINE)


#: syllables of loanwords that Korean personal names (and Korean renderings of Chinese ones) do not use
_LOANWORD_SYLLABLES = frozenset("스트크프츠드브르템텍렉넷컴퓨팅랩봇칩셋션즘닉틱픽븐쓰믹빅")


def _plausible(gaz: Gazetteer, name: str) -> bool:
    """A Korean personal name: a surname first, no particle or suffix last, no loanword syllable
    (``시스템 연구원`` is an institute), not a known name of something else (``한국``, ``상무부``)."""
    return (2 <= len(name) <= 4 and name[0] in SURNAMES and name[-1] not in NOT_NAME_END
            and not _LOANWORD_SYLLABLES.intersection(name) and not gaz.lookup(name))


def _person(doc_id: str, start: int, name: str, confidence: float) -> Mention:
    return Mention(start, start + len(name), "person", name, confidence,
                   entity=proposed_iri(doc_id, "person", name), kind="Person", proposed=True,
                   label=name, source="pattern")


def titled_people(gaz: Gazetteer, doc_id: str, text: str) -> list[Mention]:
    """``윤서정 기자``, ``이정민 수석연구위원``: a three-syllable name followed by a title."""
    out = []
    titles = "|".join(sorted(PERSON_TITLES, key=len, reverse=True))
    for m in re.finditer(rf"(?<![\uac00-\ud7a3])([\uac00-\ud7a3]{{3}}) (?:{titles})(?![\uac00-\ud7a3])"
                         rf"|(?<![\uac00-\ud7a3])([\uac00-\ud7a3]{{3}}) (?:{titles})(?=[은는이가의과와도께])", text):
        group = 1 if m.group(1) else 2
        name = m.group(group)
        if _plausible(gaz, name):
            out.append(_person(doc_id, m.start(group), name, 0.6))
    return out


def masthead_people(gaz: Gazetteer, doc_id: str, text: str) -> list[Mention]:
    """``발행인 | 최은솔``, ``작성자 한지민``: a name after a masthead or byline label."""
    return [_person(doc_id, m.start("name"), m.group("name"), 0.6) for m in _MASTHEAD.finditer(text)
            if _plausible(gaz, m.group("name"))]


def repeated_people(text: str, doc_id: str, found: list[Mention], taken: bytearray) -> list[Mention]:
    """Every further occurrence of a person's name that a pattern found in this document (with
    particles after it, ``이정민의``), where no other name stands."""
    names = {m.label or m.text for m in found if m.type == "person" and m.proposed and m.source == "pattern"}
    out = []
    for name in sorted(n for n in names if len(n) >= 3 and re.fullmatch(r"[\uac00-\ud7a3]+", n)):
        for m in re.finditer(rf"(?<![\uac00-\ud7a3]){name}", text):
            if any(taken[m.start():m.end()]) or not word_boundary_after(text, m.end()):
                continue
            out.append(_person(doc_id, m.start(), name, 0.5))
    return out
