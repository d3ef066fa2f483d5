"""Name patterns for people the gazetteer does not know.

Korean reports name a person in three recurring shapes: a Korean name followed by a title or a
position (``윤서정 기자``, ``이수연 연구원``, ``왕즈강 부장``), a masthead or byline label followed by
a name (``발행인 | 최은솔``, ``작성자 한지민``, ``편집: 박정우``). Once a person has been named so,
``mentions.py`` finds the same name again anywhere in the document. Names are Korean personal
names: two to four syllables starting with a common Korean or Chinese surname.
"""

from __future__ import annotations

import re

from loaders.ingest.gazetteer import Gazetteer
from loaders.ingest.lexicon import NOT_NAME_END, PERSON_TITLES, SURNAMES
from loaders.ingest.model import Mention
from loaders.ingest.titles import proposed_iri

#: labels of a masthead or byline that a name follows: "발 행 인 : 박정우", "| 작성자 | 한지민"
_MASTHEAD = re.compile(r"(?<![\uac00-\ud7a3])(?:발\s?행\s?인|편\s*집\s?인?|작\s?성\s?자|필\s?자|글|취재|담\s?당\s?자?"
                       r"|문의|기\s?고|정리)[ \t]*[:：|]?[ \t]*(?:\|[ \t]*)?"
                       r"(?P<name>[\uac00-\ud7a3]{2,4})"
                       r"(?=[ \t]*(?:$|\n|\||/|,|\(|[ \t](?:기자|연구원|박사|교수|특파원)))",
                       re.MULTILINE)


#: syllables of loanwords that Korean personal names (and Korean renderings of Chinese ones) do not use
_LOANWORD_SYLLABLES = frozenset("스트크프츠드브르템텍렉넷컴퓨팅랩봇칩셋션즘닉틱픽븐쓰믹빅")


#: words a masthead or credit line puts where a name could stand ("필자 정리", "편집 : 본지 종합")
_NOT_NAMES = frozenset(("정리", "종합", "편집", "작성", "발표", "제공", "구성", "재구성", "번역", "감수", "본지",
                        "필자"))


def _plausible(gaz: Gazetteer, name: str) -> bool:
    """A Korean personal name: a surname first, no particle or suffix last, no loanword syllable
    (``시스템 연구원`` is an institute), not a known name of something else (``한국``, ``상무부``)."""
    return (2 <= len(name) <= 4 and name[0] in SURNAMES and name[-1] not in NOT_NAME_END and name not in _NOT_NAMES
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
