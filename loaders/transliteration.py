"""Korean transcription of Mandarin Chinese: toneless Hanyu Pinyin → Hangul.

This implements the official Korean loanword orthography for Chinese (외래어 표기법,
문교부 고시 제85-11호, 1986; 제2장 표기 일람표, 「중국어의 주음 부호와 한글 대조표」) and the
rules of 제4장 제2절 that go with it:

* the initials map to one consonant each — note ``z`` → ㅉ, ``s`` → ㅆ, ``c`` → ㅊ,
  ``zh`` → ㅈ, ``ch`` → ㅊ, ``sh`` → ㅅ, ``r`` → ㄹ, ``j`` → ㅈ, ``q`` → ㅊ, ``x`` → ㅅ;
* the "empty rhyme" ``i`` after zh/ch/sh/r and z/c/s is 으: 즈, 츠, 스, 르 and 쯔, 츠, 쓰;
* after the affricates ㅈ, ㅉ, ㅊ the vowels ㅑ, ㅖ, ㅛ, ㅠ are written ㅏ, ㅔ, ㅗ, ㅜ
  (jia 자, jie 제, jiao 자오, jiu 주, jian 젠, qiang 창, jiong 중) — ㅅ for ``x`` keeps them
  (xia 샤, xie 셰, xiu 슈, xian 셴, xiong 슝);
* after a consonant the rhymes ``ui``, ``un`` and ``ong`` are 우이, 운 and 웅
  (gui 구이, kun 쿤, dong 둥), while the bare syllables ``wei``, ``wen``, ``weng`` are
  웨이, 원, 웡; ``ü`` (written ``u`` after j/q/x/y) is 위 (ju 쥐, quan 취안, xue 쉐, yun 윈).

The table below is written as data: the consonant of each initial, the Hangul of each
rhyme after a consonant, the Hangul of every syllable without an initial, and which rhymes
each initial combines with. :func:`pinyin_to_hangul` reads it; syllables not in it are
refused, so a typo in a romanisation is caught rather than transcribed.
"""

from __future__ import annotations

import re

__all__ = ["pinyin_to_hangul", "syllable_to_hangul"]

#: initial → Hangul consonant (compatibility jamo)
INITIALS: dict[str, str] = {
    "b": "ㅂ", "p": "ㅍ", "m": "ㅁ", "f": "ㅍ",
    "d": "ㄷ", "t": "ㅌ", "n": "ㄴ", "l": "ㄹ",
    "g": "ㄱ", "k": "ㅋ", "h": "ㅎ",
    "j": "ㅈ", "q": "ㅊ", "x": "ㅅ",
    "zh": "ㅈ", "ch": "ㅊ", "sh": "ㅅ", "r": "ㄹ",
    "z": "ㅉ", "c": "ㅊ", "s": "ㅆ",
}

#: rhyme → Hangul after a consonant, written with the placeholder ㅇ for the consonant.
#: ``ü`` rhymes are keyed with ü (j/q/x write them with u; see :func:`_split`).
RHYMES: dict[str, str] = {
    "a": "아", "o": "오", "e": "어", "ai": "아이", "ei": "에이", "ao": "아오", "ou": "어우",
    "an": "안", "en": "언", "ang": "앙", "eng": "엉", "ong": "웅",
    "i": "이", "ia": "야", "ie": "예", "iao": "야오", "iu": "유", "ian": "옌", "in": "인",
    "iang": "양", "ing": "잉", "iong": "융",
    "u": "우", "ua": "와", "uo": "워", "uai": "와이", "ui": "우이", "uan": "완", "un": "운",
    "uang": "왕",
    "ü": "위", "üe": "웨", "üan": "위안", "ün": "윈",
    "-i": "으",  # the "empty rhyme" of zhi chi shi ri zi ci si
}

#: syllables without an initial (the y- and w- spellings stand for i-, u-, ü- rhymes)
ZERO_INITIAL: dict[str, str] = {
    "a": "아", "o": "오", "e": "어", "ê": "에", "ai": "아이", "ei": "에이", "ao": "아오", "ou": "어우",
    "an": "안", "en": "언", "ang": "앙", "eng": "엉", "er": "얼",
    "yi": "이", "ya": "야", "yo": "요", "ye": "예", "yao": "야오", "you": "유", "yan": "옌", "yin": "인",
    "yang": "양", "ying": "잉", "yong": "융",
    "wu": "우", "wa": "와", "wo": "워", "wai": "와이", "wei": "웨이", "wan": "완", "wen": "원",
    "wang": "왕", "weng": "웡",
    "yu": "위", "yue": "웨", "yuan": "위안", "yun": "윈",
}

#: which rhymes each initial takes in Standard Mandarin (the cells of the official table)
COMBINES: dict[str, str] = {
    "b": "a o ai ei ao an en ang eng i ie iao ian in ing u",
    "p": "a o ai ei ao ou an en ang eng i ie iao ian in ing u",
    "m": "a o e ai ei ao ou an en ang eng i ie iao iu ian in ing u",
    "f": "a o ei ou an en ang eng u",
    "d": "a e ai ei ao ou an en ang eng ong i ia ie iao iu ian ing u uo ui uan un",
    "t": "a e ai ei ao ou an ang eng ong i ie iao ian ing u uo ui uan un",
    "n": "a e ai ei ao ou an en ang eng ong i ie iao iu ian in iang ing u uo uan ü üe",
    "l": "a o e ai ei ao ou an ang eng ong i ia ie iao iu ian in iang ing u uo uan un ü üe",
    "g": "a e ai ei ao ou an en ang eng ong u ua uo uai ui uan un uang",
    "k": "a e ai ei ao ou an en ang eng ong u ua uo uai ui uan un uang",
    "h": "a e ai ei ao ou an en ang eng ong u ua uo uai ui uan un uang",
    "j": "i ia ie iao iu ian in iang ing iong ü üe üan ün",
    "q": "i ia ie iao iu ian in iang ing iong ü üe üan ün",
    "x": "i ia ie iao iu ian in iang ing iong ü üe üan ün",
    "zh": "-i a e ai ei ao ou an en ang eng ong u ua uo uai ui uan un uang",
    "ch": "-i a e ai ao ou an en ang eng ong u ua uo uai ui uan un uang",
    "sh": "-i a e ai ei ao ou an en ang eng u ua uo uai ui uan un uang",
    "r": "-i e ao ou an en ang eng ong u ua uo ui uan un",
    "z": "-i a e ai ei ao ou an en ang eng ong u uo ui uan un",
    "c": "-i a e ai ao ou an en ang eng ong u uo ui uan un",
    "s": "-i a e ai ao ou an en ang eng ong u uo ui uan un",
}

#: after ㅈ ㅉ ㅊ a y-glide vowel loses its glide (제4장 제2절 제2항)
_PALATAL = frozenset("ㅈㅉㅊ")
_UNGLIDE = {"ㅑ": "ㅏ", "ㅒ": "ㅐ", "ㅕ": "ㅓ", "ㅖ": "ㅔ", "ㅛ": "ㅗ", "ㅠ": "ㅜ"}

_CHOSEONG = "ㄱㄲㄴㄷㄸㄹㅁㅂㅃㅅㅆㅇㅈㅉㅊㅋㅌㅍㅎ"
_JUNGSEONG = "ㅏㅐㅑㅒㅓㅔㅕㅖㅗㅘㅙㅚㅛㅜㅝㅞㅟㅠㅡㅢㅣ"
_SEPARATORS = re.compile(r"[\s'’-]+")
_INITIAL_ORDER = sorted(INITIALS, key=len, reverse=True)  # zh/ch/sh before z/c/s


def _recompose(syllable: str, initial: str) -> str:
    """Put ``initial`` in place of the ㅇ of a Hangul syllable, applying the glide rule."""
    index = ord(syllable) - 0xAC00
    lead, rest = divmod(index, 21 * 28)
    vowel, tail = divmod(rest, 28)
    if _CHOSEONG[lead] != "ㅇ":
        raise AssertionError(f"table entry {syllable!r} does not start with ㅇ")
    jamo = _JUNGSEONG[vowel]
    if initial in _PALATAL:
        jamo = _UNGLIDE.get(jamo, jamo)
    return chr(0xAC00 + (_CHOSEONG.index(initial) * 21 + _JUNGSEONG.index(jamo)) * 28 + tail)


def _split(syllable: str) -> tuple[str, str] | None:
    """(initial, rhyme key) of a syllable with an initial, or None."""
    for initial in _INITIAL_ORDER:
        if syllable.startswith(initial) and len(syllable) > len(initial):
            rhyme = syllable[len(initial):]
            if initial in ("j", "q", "x") and rhyme.startswith("u"):
                rhyme = "ü" + rhyme[1:]  # ju = jü, quan = qüan, xue = xüe, xun = xün
            elif initial in ("n", "l") and rhyme == "ue":
                rhyme = "üe"  # nüe and lüe are often typed nue, lue
            elif initial in ("zh", "ch", "sh", "r", "z", "c", "s") and rhyme == "i":
                rhyme = "-i"
            return initial, rhyme
    return None


def syllable_to_hangul(syllable: str) -> str:
    """One toneless pinyin syllable → Hangul; ``ValueError`` for a syllable Mandarin lacks."""
    key = syllable.strip().lower().replace("v", "ü").replace("u:", "ü")
    if key in ZERO_INITIAL:
        return ZERO_INITIAL[key]
    parts = _split(key)
    if parts is not None:
        initial, rhyme = parts
        if rhyme in COMBINES[initial].split():
            text = RHYMES[rhyme]
            return _recompose(text[0], INITIALS[initial]) + text[1:]
    raise ValueError(f"unknown pinyin syllable {syllable!r}")


def pinyin_to_hangul(pinyin: str) -> str:
    """Toneless pinyin, syllables separated by spaces or apostrophes → Hangul, syllables joined.

    >>> pinyin_to_hangul("ha er bin")
    '하얼빈'
    >>> pinyin_to_hangul("xi'an")
    '시안'
    """
    syllables = [s for s in _SEPARATORS.split(pinyin.strip()) if s]
    if not syllables:
        raise ValueError("empty pinyin")
    return "".join(syllable_to_hangul(s) for s in syllables)
