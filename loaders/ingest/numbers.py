"""Korean numbers: amounts of money, counts, percentages, years and dates, with their spans.

Korean writes large numbers in groups of four digits named 만 (10^4), 억 (10^8) and
조 (10^12), inside a group with 천/백/십 and digits or Sino-Korean numerals, with or
without thousands separators and spaces: ``16조4천780억`` = 16 478 000 000 000,
``1만 320`` = 10 320, ``4천950억9천 만`` = 495 090 000 000, ``11.02만`` = 110 200.
:func:`~loaders.ingest.numerals.parse_number` reads any of these; :func:`find_quantities`
finds them in text with the unit that makes them a mention:

* amount — a currency (위안, 원, 달러 …), with a converted amount in parentheses kept as
  ``krw`` (``1000억 위안(약 16조4천780억 원)``); a bare number coordinated with an amount
  shares its currency (``16조와 8조 원``);
* count — a counter word (개, 개 사, 명, 건, 곳, 종, 가지 …), also after native numerals
  (``여섯 개``);
* percent — ``%``;
* year — ``2025년``, ``'22년``, ``’27년``, ranges ``2019~2021년``, ``'23~'25``, ``(2017~2020)``,
  ``('22)``;
* date — ``2022년 3월 23일``, ``2023년 11월``, ``2023. 1. 20``, ``2017/11/23``, and bulletin
  item dates ``(1.11)`` resolved against the report's date (a December item in a January
  bulletin belongs to the year before), ``('22.7)``.

Qualifiers around a number (약, 최대, 이상, 초과, 넘지 않 …) go to ``attrs["qualifier"]``.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

from loaders.ingest.lexicon import COUNTERS, CURRENCIES, GI_COUNTED, NATIVE_NUMBERS, SPACED_COUNTERS
from loaders.ingest.model import Mention
from loaders.ingest.numerals import (
    APOS,
    BIG,
    HDIGITS,
    NUM,
    SMALL,
    full_year,
    hangul,
    parse_number,
    word_boundary_after,
)


def _scan_expr(text: str, i: int) -> int:
    """End of the number expression starting at ``i`` (digits, 만/억/조, 천/백/십)."""
    n = len(text)
    j = i
    m = NUM.match(text, j)
    if m:
        j = m.end()
    elif j + 1 < n and text[j] in HDIGITS and text[j + 1] in SMALL and not (j and hangul(text[j - 1])):
        pass
    else:
        return i
    while j < n:
        ch = text[j]
        if ch in SMALL or ch in BIG:
            j += 1
        elif ch == " " and j + 1 < n and text[j + 1] in BIG and text[j - 1] in SMALL:
            j += 1  # "9천 만"
            continue
        else:
            break
        # after a unit: digits, a Hangul digit before a unit, or (after a big unit) a space and digits
        if j < n and text[j].isdigit():
            m = NUM.match(text, j)
            j = m.end()
        elif j + 1 < n and text[j] in HDIGITS and text[j + 1] in SMALL:
            j += 1
        elif text[j - 1] in BIG and j + 1 < n and text[j] == " " and text[j + 1].isdigit():
            m = NUM.match(text, j + 1)
            after = m.end()
            if after < n and (text[after] in SMALL or text[after] in BIG):
                j = after  # "16조 4,470억"
            elif _counter_at(text, after) or _currency_at(text, after)[0]:
                j = after  # "1만 320개", "72만 8,120원"
            else:
                break
    return j


def _currency_at(text: str, j: int) -> tuple[str | None, int]:
    k = j + 1 if j < len(text) and text[j] == " " else j
    for word, code in CURRENCIES:
        if text.startswith(word, k):
            end = k + len(word)
            if word in ("원", "엔", "불") and not word_boundary_after(text, end):
                return None, j
            return code, end
    return None, j


#: words that may follow a count written together with its counter 대 ("200대 이상", "700대로 늘린다")
_AFTER_UNSPACED_COUNTER = ("이상", "이하", "규모", "수준", "가량", "정도", "남짓", "넘", "돌파", "달성", "보급", "운행",
                           "판매", "생산", "증가", "확대", "누적", "추가", "늘", "투입", "도입", "배치")


def _gi_counts(text: str, j: int) -> bool:
    """Whether a number ending at ``j`` and followed by 기 counts things: ten or more (``가두리 2,000기``,
    ``40여 기``: no term or phase is numbered so), or a noun of ``GI_COUNTED`` shortly before it,
    nothing but words between ("위성 연간 생산 100기", not "네트워크(2기)")."""
    number = re.search(r"[\d.,]+(?:여)?\s?$", text[max(0, j - 12):j])
    digits = re.match(r"[\d,]+", number.group()) if number else None
    if number and digits and int(digits.group().replace(",", "") or 0) >= 10 \
            and not text[:j - len(number.group())].endswith("제") and not re.match(r"기 ?\d", text[j:j + 3]):
        return True  # not "제20기", "20기 4중전회": a term of office
    before = text[max(0, j - 24):j - (len(number.group()) if number else 0)]
    cut = max(before.rfind("("), before.rfind("\n"), before.rfind(","))
    return any(noun in before[cut + 1:] for noun in GI_COUNTED)


def _counter_at(text: str, j: int) -> int:
    """End of a counter word at ``j`` (after an optional space), or 0."""
    k = j
    spaced = k < len(text) and text[k] == " "
    if spaced:
        k += 1
    for word in COUNTERS:
        if word == "장" and text[:j].rstrip("0123456789,. ").endswith("제"):
            continue  # "제3장": a chapter, not three sheets
        if text.startswith(word, k) and word_boundary_after(text, k + len(word)):
            end = k + len(word)
            if word == "개" and text.startswith(" 사", end) and word_boundary_after(text, end + 2):
                end += 2  # "43개 사"
            return end
        if word == "개" and text.startswith("개", k) and text.startswith(" 사", k + 1) \
                and word_boundary_after(text, k + 3):
            return k + 3
    if text.startswith("기", k) and word_boundary_after(text, k + 1) and _gi_counts(text, j):
        return k + 1  # "상업위성 연간 생산 100기": 기 counts satellites, rockets, reactors
    for word in SPACED_COUNTERS:
        if not text.startswith(word, k) or not word_boundary_after(text, k + len(word)):
            continue
        end = k + len(word)
        if spaced:
            return end
        # written together ("5,000대") it counts vehicles or machines only where no noun follows:
        # "100대 기업" and "13대 중점업무" mean "the 100 biggest", "13 major"
        rest = text[end:end + 8]
        if not rest.startswith(" ") or rest.lstrip().startswith(_AFTER_UNSPACED_COUNTER):
            return end
    return 0


_QUAL_BEFORE = (("약 ", "approximately"), ("약", "approximately"), ("최대 ", "up-to"), ("최고 ", "up-to"),
                ("총 ", "exactly"), ("대략 ", "approximately"))
_QUAL_AFTER = (("이상", "at-least"), ("초과", "more-than"), ("넘지 않", "at-most"), ("을 넘", "more-than"),
               ("를 넘", "more-than"), ("을 돌파", "more-than"), ("를 돌파", "more-than"), ("을 상회", "more-than"),
               ("이하", "at-most"), ("미만", "at-most"), ("에 육박", "approximately"), ("에 가까", "approximately"),
               ("에 달", "approximately"), ("가량", "approximately"), ("정도", "approximately"),
               ("남짓", "approximately"))


def _qualifier(text: str, start: int, end: int, approx_inside: bool) -> str | None:
    before = text[max(0, start - 4): start]
    after = text[end: end + 6].lstrip()
    for word, q in _QUAL_AFTER:
        if after.startswith(word) or after.startswith(word.replace(" ", "")):
            return q
    for word, q in _QUAL_BEFORE:
        if before.endswith(word) and not (len(before) > len(word) and hangul(before[-len(word) - 1])):
            return q
    return "approximately" if approx_inside else None



_URL = re.compile(r"(?:https?://|www\.)\S+|\S+\.(?:com|cn|kr|net|org|html?|shtml)\S*")
_YEAR4 = r"(?:19|20)\d\d"
_RANGE4 = re.compile(rf"(?<![\d,.])({_YEAR4})\s?[~\-–—]\s?({_YEAR4}|\d\d)(년)?(?![\d,.])")
_RANGE2 = re.compile(rf"[{APOS}](\d\d)\s?[~\-–—]\s?[{APOS}]?(\d\d)(년)?(?!\d)")
_DATE_YMD = re.compile(rf"(?<![\d,.])({_YEAR4}|[{APOS}]\d\d)년\s?(\d{{1,2}})월(?:\s?(\d{{1,2}})일)?")
_DATE_DOTTED = re.compile(rf"(?<![\d,.])({_YEAR4})(?:\.\s?|/|-)(\d{{1,2}})(?:\.\s?|/|-)(\d{{1,2}})(?![\d])")
_YEAR = re.compile(rf"(?<![\d,.])({_YEAR4}|[{APOS}]\d\d)년(도)?")
_PAREN_YEAR = re.compile(rf"\(([{APOS}]\d\d|{_YEAR4})(?:\)|(?=,\s?[^\d\s]))")  # "('25)", "('25, 커차오구)"
#: a bare item date closing a credit line: "출처: 저장일보(浙江日报), 1.17"
_CREDIT_DATE = re.compile(r"(?m)^[ \t\-*※·]*(?:출처|자료)[ \t]*[:：][^\n]*?[,\s](\d{1,2})\.(\d{1,2})[ \t]*$")
#: a short year naming a column or a period without 년: "'25 실적", "'27 목표", "’28 말"
_LABEL_YEAR = re.compile(rf"(?<![\w.,])[{APOS}](\d\d)(?=\s?(?:목표|실적|현황|기준|말|예상|전망|계획|상반기|하반기)"
                         r"(?![\uac00-\ud7a3]))")
_BULLETIN_DATE = re.compile(r"\((\d{1,2})\.(\d{1,2})\)")
_PAREN_YM = re.compile(rf"\(([{APOS}]\d\d)\.(\d{{1,2}})\)")
_NATIVE = re.compile(r"(?<![\uac00-\ud7a3])(" + "|".join(sorted(NATIVE_NUMBERS, key=len, reverse=True)) + r")\s?")


def resolve_month_day(month: int, day: int, doc_date: dt.date | None) -> str:
    """ISO date of a bulletin item date ``(M.D)``: the report's year, or the year before
    when that would put the item more than a month after the report."""
    if doc_date is None:
        return f"--{month:02d}-{day:02d}"
    year = doc_date.year
    try:
        candidate = dt.date(year, month, day)
    except ValueError:
        return f"--{month:02d}-{day:02d}"
    if candidate > doc_date + dt.timedelta(days=31):
        year -= 1
    return f"{year:04d}-{month:02d}-{day:02d}"


def _year_flags(text: str, end: int) -> dict[str, bool]:
    after = text[end: end + 8]
    flags = {}
    if re.match(r"\s?(말|상반기|하반기|말까지)?\s?까지", after) or after.startswith("말까지"):
        flags["until"] = True
    elif re.match(r"\s?(기준|말 기준|이후|이래|부터|대비|보다|에 비해)", after):
        flags["reference"] = True  # "'23년 기준", "2020년 이후", "'20년 대비": a point of comparison
    elif re.match(r"(에|에는)(?![\uac00-\ud7a3])|\s?(에|에는)\s", after):
        flags["in"] = True
    return flags


def find_quantities(text: str, doc_date: dt.date | None = None) -> list[Mention]:
    """All amount, count, percent, year and date mentions of a text, in order."""
    out: list[Mention] = []
    taken = bytearray(len(text) + 1)  # 1 where a URL or a quantity already is
    for m in _URL.finditer(text):
        taken[m.start():m.end()] = b"\x01" * (m.end() - m.start())

    def add(start: int, end: int, type_: str, **attrs: object) -> None:
        out.append(Mention(start, end, type_, text[start:end], confidence=0.95, source="number", attrs=attrs))
        taken[start:end] = b"\x01" * (end - start)

    def free(a: int, b: int) -> bool:
        return not any(taken[a:b])

    for m in _PAREN_YM.finditer(text):
        y, mo = full_year(m.group(1)), int(m.group(2))
        if 1 <= mo <= 12 and free(m.start(1), m.end(2)):
            add(m.start(1), m.end(2), "date", iso=f"{y:04d}-{mo:02d}")
    for m in _DATE_YMD.finditer(text):
        y, mo, d = full_year(m.group(1)), int(m.group(2)), m.group(3)
        if 1 <= mo <= 12 and (d is None or 1 <= int(d) <= 31) and free(m.start(), m.end()):
            iso = f"{y:04d}-{mo:02d}" + (f"-{int(d):02d}" if d else "")
            add(m.start(), m.end(), "date", iso=iso, year=y, **_year_flags(text, m.end()))
    for m in _DATE_DOTTED.finditer(text):
        y, mo, d = int(m.group(1)), int(m.group(2)), int(m.group(3))
        if 1 <= mo <= 12 and 1 <= d <= 31 and free(m.start(), m.end()):
            add(m.start(), m.end(), "date", iso=f"{y:04d}-{mo:02d}-{d:02d}", year=y)
    for m in _BULLETIN_DATE.finditer(text):
        mo, d = int(m.group(1)), int(m.group(2))
        if 1 <= mo <= 12 and 1 <= d <= 31 and free(m.start(1), m.end(2)):
            add(m.start(1), m.end(2), "date", iso=resolve_month_day(mo, d, doc_date), relative=True)
    for m in _CREDIT_DATE.finditer(text):
        mo, d = int(m.group(1)), int(m.group(2))
        if 1 <= mo <= 12 and 1 <= d <= 31 and free(m.start(1), m.end(2)):
            add(m.start(1), m.end(2), "date", iso=resolve_month_day(mo, d, doc_date), relative=True)
    for pattern in (_RANGE4, _RANGE2):
        for m in pattern.finditer(text):
            a = full_year(m.group(1))
            b_tok = m.group(2)
            b = full_year(b_tok) if len(b_tok) == 4 else (a // 100) * 100 + int(b_tok)
            if text.startswith("호", m.end()) or text[:m.start()].endswith("제"):
                continue  # "제2025-47호": an issue number
            if a <= b <= a + 50 and free(m.start(), m.end()):
                add(m.start(), m.end(), "year", value=a, end_year=b, **_year_flags(text, m.end()))
    for m in _YEAR.finditer(text):
        if free(m.start(), m.end()):
            y = full_year(m.group(1))
            add(m.start(), m.end() - len(m.group(2) or ""), "year", value=y, **_year_flags(text, m.end()))
    for m in _PAREN_YEAR.finditer(text):
        if free(m.start(1), m.end(1)):
            add(m.start(1), m.end(1), "year", value=full_year(m.group(1)))
    for m in _LABEL_YEAR.finditer(text):
        if free(m.start(), m.end()):
            add(m.start(), m.end(), "year", value=full_year(m.group(1)), **_year_flags(text, m.end()))

    numbers: list[Mention] = []
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        starts = (ch.isdigit() or (ch in HDIGITS and i + 1 < n and text[i + 1] in SMALL))
        if not starts or taken[i] or (i and (text[i - 1].isdigit() or text[i - 1] in ".,")):
            i += 1
            continue
        if i and text[i - 1].isascii() and text[i - 1].isalpha():
            i = _skip_token(text, i)
            continue
        end = _scan_expr(text, i)
        if end == i:
            i += 1
            continue
        value = parse_number(text[i:end])
        if value is None or (end < n and text[end].isascii() and text[end].isalpha() and text[end] != "%"):
            i = _skip_token(text, end)
            continue
        # range "3~5개", "5~10억 원"
        low = None
        if end < n and text[end] == "~" and end + 1 < n and text[end + 1].isdigit():
            end2 = _scan_expr(text, end + 1)
            high = parse_number(text[end + 1:end2])
            if high is not None:
                low, value, end = value, high, end2
                big_tail = next((u for u in reversed(text[i:end]) if u in BIG), None)
                if big_tail and low < 10000 and not any(u in BIG for u in text[i:text.index("~", i)]):
                    low = low * BIG[big_tail]
        approx = False
        unit_end = end
        if unit_end < n and text[unit_end] == "여":
            approx, unit_end = True, unit_end + 1
        mention = _classify(text, i, end, unit_end, value, low, approx)
        if mention is not None:
            numbers.append(mention)
            taken[mention.start:mention.end] = b"\x01" * (mention.end - mention.start)
            i = mention.end
        else:
            i = end
    _share_currency(text, numbers)
    for m in _NATIVE.finditer(text):
        c_end = _counter_at(text, m.end(1))
        if c_end and text[m.end(1):c_end] in ("편", "곳", "건", "장", "종", "팀"):
            continue  # written together these are words: 한편 "meanwhile", 한곳 "one spot", 한장 …
        if c_end and free(m.start(), c_end):
            numbers.append(Mention(m.start(), c_end, "count", text[m.start():c_end], confidence=0.9,
                                  source="number", attrs={"value": Decimal(NATIVE_NUMBERS[m.group(1)]),
                                                          "unit": "count"}))
    out.extend(x for x in numbers if x.type != "bare")
    out.sort(key=lambda x: x.start)
    return out


def _skip_token(text: str, i: int) -> int:
    start = i
    while i < len(text) and (text[i].isalnum() and text[i].isascii() or text[i] in ".-_"):
        i += 1
    return max(i, start + 1)


def _classify(text: str, start: int, end: int, unit_end: int, value: Decimal, low: Decimal | None,
              approx: bool) -> Mention | None:
    n = len(text)
    attrs: dict[str, object] = {"value": value}
    if low is not None:
        attrs["low"] = low
    if unit_end < n and text[unit_end] == "%" and not text.startswith("%p", unit_end):
        attrs["unit"] = "percent"
        return Mention(start, unit_end + 1, "percent", text[start:unit_end + 1], 0.97, source="number",
                       attrs={**attrs, "qualifier": _qualifier(text, start, unit_end + 1, approx)})
    code, cur_end = _currency_at(text, unit_end)
    if code:
        attrs["unit"] = code
        span_end = cur_end
        conv = _conversion(text, cur_end)
        if conv:
            span_end, conv_value, conv_unit = conv
            attrs["krw" if conv_unit == "KRW" else "converted"] = conv_value
            if conv_unit != "KRW":
                attrs["converted_unit"] = conv_unit
        attrs["qualifier"] = _qualifier(text, start, span_end, approx)
        return Mention(start, span_end, "amount", text[start:span_end], 0.97, source="number", attrs=attrs)
    c_end = _counter_at(text, unit_end)
    if c_end:
        attrs["unit"] = "person" if text[unit_end:c_end].strip() == "명" else "count"
        attrs["qualifier"] = _qualifier(text, start, c_end, approx)
        return Mention(start, c_end, "count", text[start:c_end], 0.95, source="number", attrs=attrs)
    if any(ch in BIG for ch in text[start:end]):
        # a bare big number: may share the currency of the next amount ("16조와 8조 원")
        return Mention(start, end, "bare", text[start:end], 0.8, source="number", attrs=attrs)
    return None


def _conversion(text: str, j: int) -> tuple[int, Decimal, str] | None:
    """``(약 16조4천780억 원)`` right after an amount: (end, value, currency)."""
    k = j + 1 if text.startswith(" (", j) else j
    if not text.startswith("(", k):
        return None
    inner = k + 1
    if text.startswith("약", inner):
        inner += 1
        if text.startswith(" ", inner):
            inner += 1
    end = _scan_expr(text, inner)
    value = parse_number(text[inner:end]) if end > inner else None
    if value is None:
        return None
    code, cur_end = _currency_at(text, end)
    if not code or not text.startswith(")", cur_end):
        return None
    return cur_end + 1, value, code


def _share_currency(text: str, numbers: list[Mention]) -> None:
    """A bare number coordinated with the amount after it takes that amount's currency."""
    for a, b in zip(numbers, numbers[1:], strict=False):
        if a.type != "bare" or b.type != "amount":
            continue
        between = text[a.end:b.start]
        if re.fullmatch(r"\s?(와|과|및|,|·|또는|내지|에서|~)\s?", between):
            a.type = "amount"
            a.attrs["unit"] = b.attrs["unit"]
            a.attrs["qualifier"] = b.attrs.get("qualifier")
            a.attrs["shared_unit"] = True
            a.confidence = 0.85
