"""Korean numeral expressions: their values, short years, and where a number word may end.

The groups of four digits named 만 (10^4), 억 (10^8), 조 (10^12) and 경 (10^16), inside a
group 천/백/십 with digits or Sino-Korean numerals (``16조4천780억``, ``1만 320``,
``4천950억9천 만``, ``11.02만``). :mod:`loaders.ingest.numbers` finds such expressions in
text with their units; this module only reads them.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from loaders.ingest.lexicon import PARTICLE_RUNS

BIG = {"만": Decimal(10) ** 4, "억": Decimal(10) ** 8, "조": Decimal(10) ** 12, "경": Decimal(10) ** 16}
SMALL = {"천": 1000, "백": 100, "십": 10}
HDIGITS = {"일": 1, "이": 2, "삼": 3, "사": 4, "오": 5, "육": 6, "칠": 7, "팔": 8, "구": 9}
APOS = "'’‘`′"

NUM = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?")
_TOKEN = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|[일이삼사오육칠팔구십백천만억조경]| ")


def parse_number(expr: str) -> Decimal | None:
    """Value of a Korean number expression, or None when it is not one."""
    text = expr.strip()
    if not text:
        return None
    total = Decimal(0)
    group = Decimal(0)
    current: Decimal | None = None
    last_big = None
    pos = 0
    seen = False
    for m in _TOKEN.finditer(text):
        if m.start() != pos:
            return None
        pos = m.end()
        tok = m.group()
        if tok == " ":
            continue
        seen = True
        if tok[0].isdigit():
            if current is not None:
                return None
            try:
                current = Decimal(tok.replace(",", ""))
            except InvalidOperation:
                return None
        elif tok in HDIGITS:
            if current is not None:
                return None
            current = Decimal(HDIGITS[tok])
        elif tok in SMALL:
            group += (current if current is not None else 1) * SMALL[tok]
            current = None
        else:  # big unit
            if last_big is not None and BIG[tok] >= BIG[last_big]:
                return None
            value = group + (current or 0)
            total += (value if value else 1) * BIG[tok]
            group, current, last_big = Decimal(0), None, tok
    if pos != len(text) or not seen:
        return None
    total += group + (current or 0)
    return Decimal(int(total)) if total == total.to_integral_value() else total.normalize()


def hangul(ch: str) -> bool:
    """True for a precomposed Hangul syllable."""
    return "\uac00" <= ch <= "\ud7a3"


def word_boundary_after(text: str, end: int) -> bool:
    """True if a word may end at ``end``: next is not Hangul, or is a particle run."""
    if end >= len(text) or not hangul(text[end]):
        return True
    j = end
    while j < len(text) and hangul(text[j]):
        j += 1
    return text[end:j] in PARTICLE_RUNS


def full_year(token: str) -> int:
    """Four-digit year of ``2025`` or ``'25`` (two digits up to 60 are this century)."""
    digits = token.lstrip(APOS)
    if len(digits) == 4:
        return int(digits)
    yy = int(digits)
    return 2000 + yy if yy <= 60 else 1900 + yy
