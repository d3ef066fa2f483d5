"""Sentence splitting with character offsets, and the heading level of each line.

Korean reports mix prose (sentences ending in ``다.``), bulletin bullets (``- …``,
``• …``, ``△ …``), tab-separated table rows and headings (``03 광동성, …``, ``■ …``,
``〈주요목표〉``). A *sentence* here is the smallest unit rules look at: a prose sentence,
a bullet item or a table cell. Offsets index the document text (see ``text.py``).

Heading levels (used by the relation rules to scope context such as "the region this
item is about" or "the target year stated above"):

* 1 — an item title: a line after a line holding only an item number (``01``, ``II``),
  or a line starting with a two-digit item number (``03 광동성, …``);
* 2 — a section head: ``■``/``□`` lines and short lines without a sentence ending
  (news sub-heads);
* 3 — a box title inside an item: ``〈…〉`` / ``<…>`` lines and ``●`` lines;
* 0 — body text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_FINAL = re.compile(r"(?<=[.!?。])[’”'\")\]]?(?=\s|$)")
_BULLET = re.compile(r"(?:(?<=\s)|^)(?=[•△▶▷☞☑◆◇○▲※](?!\)))")
_MARKUP = re.compile(r"</?(?:ul|li|ol|p|br|span|div)\b[^>\n]*>", re.I)
#: a line starting so is a bullet of body text, however short ("ㆍ('25) 기업 3곳 육성", "o 산업 규모 …")
_BODY_BULLET = re.compile(r"[-–*•▲△☞☑※\[▶(ㆍ·○◦▪▫◆◇◎]|o\s")
_ITEM_NUMBER = re.compile(r"^(?:0?\d{1,2}|[IVX]{1,4})$")
_ITEM_TITLE = re.compile(r"^0\d\s+\S")
_SENTENCE_END = re.compile(r"(다|요|음|함|임|됨|명|니다|것)\s*[.!?]?[’”'\")]?$")


@dataclass(frozen=True)
class Sentence:
    index: int
    start: int
    end: int
    text: str
    line: int
    heading: int  # 0 body, 1 item title, 2 section head, 3 box title


def line_levels(lines: list[str]) -> list[int]:
    """Heading level of every line (see the module docstring)."""
    levels = [0] * len(lines)
    previous_number = False
    for i, raw in enumerate(lines):
        line = raw.strip()
        if not line:
            continue
        if _ITEM_NUMBER.match(line):
            levels[i] = 1
            previous_number = True
            continue
        if previous_number or _ITEM_TITLE.match(line):
            levels[i] = 1
        elif line[0] in "■□":
            levels[i] = 2
        elif line[0] in "〈<●" and not line.lower().startswith("<http"):
            levels[i] = 3
        elif (len(line) <= 60 and "\t" not in line and not _SENTENCE_END.search(line) and not line.startswith("http")
              and (not _BODY_BULLET.match(line) or (line[0] in "▶◆◇" and len(line) <= 30))):
            # a sub-head ("▶ 개요"); a short one naming goals heads its rows like a box title
            levels[i] = 3 if line[0] in "▶◆◇" and "목표" in line else 2
        previous_number = False
    return levels


def _split_line(line: str) -> list[tuple[int, int]]:
    """Sentence spans inside one line (offsets relative to the line)."""
    cuts = {0, len(line)}
    for m in _MARKUP.finditer(line):
        cuts.update((m.start(), m.end()))
    for m in _FINAL.finditer(line):
        end = m.end()
        before = line[m.start() - 1] if m.start() else ""
        prev = line[m.start() - 2] if m.start() >= 2 else ""
        rest = line[end:].lstrip()
        if before == "." and prev.isdigit() and rest[:1].isdigit():
            continue  # "2023. 1. 20"
        if before == "." and prev.isascii() and prev.isupper() and (m.start() < 3 or not line[m.start() - 3].isalpha()):
            continue  # initials "U.S."
        cuts.add(end)
    for m in _BULLET.finditer(line):
        cuts.add(m.start())
    for i, ch in enumerate(line):
        if ch == "\t":
            cuts.update((i, i + 1))
    points = sorted(cuts)
    spans = []
    for a, b in zip(points, points[1:], strict=False):
        seg = line[a:b]
        if _MARKUP.fullmatch(seg.strip()) or not any(ch.isalnum() for ch in seg):
            continue
        lead = len(seg) - len(seg.lstrip())
        trail = len(seg) - len(seg.rstrip())
        spans.append((a + lead, b - trail))
    return spans


def split(text: str) -> list[Sentence]:
    """All sentences of a document text, in order, with offsets into ``text``."""
    out: list[Sentence] = []
    lines = text.split("\n")
    levels = line_levels(lines)
    offset = 0
    for number, line in enumerate(lines):
        for a, b in _split_line(line):
            out.append(Sentence(len(out), offset + a, offset + b, line[a:b], number, levels[number]))
        offset += len(line) + 1
    return out
