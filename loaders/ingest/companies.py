"""Companies the text marks as companies, though the gazetteer does not know them.

Korean reporting introduces a firm with a class noun before its name (``시장조사업체
유로모니터는``, ``국산 CAD 업체 중망소프트가``, ``국유 건설사 중국건축(中国建筑)도``), with where
its head office is (``진장에 본사를 둔 안타스포츠(安踏体育)는``), or lets its staff speak
(``코스맥스 관계자는``). Each cue makes the name after it (or before it) an organisation. To keep
common nouns out (``기업 경쟁력은``), a name without a Chinese or Latin original must be one word
of three or more syllables that does not end like an abstract noun (-력, -성, -화 …).
"""

from __future__ import annotations

import re
from dataclasses import replace

from loaders.ingest.gazetteer import Gazetteer
from loaders.ingest.model import Mention
from loaders.ingest.organisations import known_or_proposed
from loaders.ingest.titles import gloss_end
from loaders.ingest.transcribed import starts_transcribed

#: class nouns written before a firm's name: specific ones, then generic ones (기업, 업체 …), after
#: which only a name with its original counts ("원료 기업 화시바이오(华熙生物)는", not "기업 유치되어")
_CLASS = ("시장조사업체", "시장조사기관", "조사업체", "조사기관", "컨설팅사", "컨설팅업체", "증권사", "제조사",
          "건설사", "자회사", "모회사", "계열사", "스타트업", "유니콘", "상장사", "국유기업", "민영기업", "그룹사",
          "운영사", "개발사", "설계사", "제약사", "부품사")
_GENERIC = ("선도기업", "업체", "기업", "회사", "완성차")
_NAME = r"[\uac00-\ud7a3A-Za-z][\uac00-\ud7a3A-Za-z0-9&·]{1,14}"
_PARTICLE = r"(?:은|는|이|가|도|의|와|과|를|을|에|로|에서|측)?(?=[\s,.·]|$)"
_AFTER_CLASS = re.compile(rf"(?<![\uac00-\ud7a3])(?:{'|'.join(sorted(_CLASS, key=len, reverse=True))})"
                          rf"\s({_NAME}?)(?=\(|{_PARTICLE})")
_AFTER_GENERIC = re.compile(rf"(?<![\uac00-\ud7a3])(?:{'|'.join(_GENERIC)})\s({_NAME}?)(?=\()")
#: "중망소프트(中望软件) 본사 전경": a glossed name with its head office or plant
_OFFICE_AFTER = re.compile(rf"(?<![\uac00-\ud7a3A-Za-z])({_NAME}?)(?=\([^()\n]+\)\s(?:본사|공장|법인|지사|연구소))")
_HEAD_OFFICE = re.compile(rf"(?:에|에서)\s(?:본사|본부|생산기지|공장)를\s둔\s({_NAME}?)(?=\(|{_PARTICLE})")
_STAFF = re.compile(rf"(?<![\uac00-\ud7a3A-Za-z])({_NAME}?)\s(?:관계자|측|대변인)(?:은|는|이|가|도)(?![\uac00-\ud7a3])")
#: last syllables of abstract or common nouns ("경쟁력", "수익성", "국산화"), never a firm's name
_NOUN_ENDINGS = frozenset("력성화률율도량액들간체계능용비점자수층군망권원금장")
#: a class or a unit, not a name ("부품기업", "연구개발센터")
_GENERIC_HEADS = ("기업", "업체", "회사", "센터", "기관", "부문", "단지", "본부", "업계", "시장")
_NOT_NAMES = frozenset({"관계자", "대부분", "가운데", "중에서", "이상의", "다수의", "상당수", "절반", "하나", "업계",
                        "현지", "정부", "당국", "국내", "해외", "글로벌", "주요", "관련", "대표", "신규", "중소"})


def _plausible(gaz: Gazetteer, name: str, glossed: bool) -> bool:
    if name in _NOT_NAMES or any(e.type in ("region", "sector") for e in gaz.lookup(name)) \
            or name.endswith(_GENERIC_HEADS):
        return False
    if glossed:
        return True
    return (len(name) >= 3 and name[-1] not in _NOUN_ENDINGS and re.fullmatch(r"[\uac00-\ud7a3A-Za-z&]+", name)
            is not None)


_PARTICLE_AFTER = re.compile(r"(?:은|는|이|가|도|의|와|과)(?![\uac00-\ud7a3])")


def _transcribed(name: str, gloss: str) -> bool:
    """The Hangul starts with the Mandarin sound of the original's first two characters
    (``화시바이오(华熙生物)``, ``보즈린로봇(博智林机器人)``)."""
    zh = re.sub(r"[^\u4e00-\u9fff]", "", gloss)
    hangul = re.match(r"[\uac00-\ud7a3]+", name)
    return bool(zh and hangul) and starts_transcribed(hangul.group(), zh)


def cued_companies(gaz: Gazetteer, doc_id: str, text: str) -> list[Mention]:
    """Organisations named right after a class noun or a head office, or before 관계자/측."""
    out: list[Mention] = []
    for pattern in (_AFTER_CLASS, _AFTER_GENERIC, _HEAD_OFFICE, _STAFF, _OFFICE_AFTER):
        for m in pattern.finditer(text):
            start, end = m.start(1), m.end(1)
            name = m.group(1)
            if not name:
                continue
            full = gloss_end(text, end)
            glossed = full > end
            if not _plausible(gaz, name, glossed) or (pattern in (_AFTER_GENERIC, _OFFICE_AFTER) and not glossed):
                continue
            if glossed and pattern is _AFTER_GENERIC and not _transcribed(name, text[end:full]):
                continue  # "기업 석탄제유(煤制油)": a translated term, not a firm's transcribed name
            if not glossed and pattern in (_AFTER_CLASS, _HEAD_OFFICE) and not _PARTICLE_AFTER.match(text, end):
                continue  # "본사를 둔 히알루론산 원료 기업": the name must end where its particle begins
            found = known_or_proposed(gaz, doc_id, text, start, full, "Company", {})
            if found.proposed and glossed:  # named by its Korean name, so it is found again without the original
                found = replace(found, label=name, attrs={"zh": text[end + 1:full - 1]})
            out.append(found)
    return out
