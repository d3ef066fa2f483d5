"""Targets stated by a table whose header names a goal column.

Korean reports summarise regional goals in tab-separated tables::

    허브	클러스터	'23년 말 표준 랙	2025년 목표
    징진지	허베이성 장자커우(張家口)	약 38만 개	50만 개

A header cell that says 목표 and gives a year makes its column a goal column: each following row
of the same shape states a target in that cell, for the most specific region named in the cells
before it (the last one: the cluster city, not its hub) and for the header's year. Cells with no
number (``-``, ``성(省) 목표에 포함``) state nothing. The prose rules in ``relations.py`` do not
read such rows as goals because the table is usually titled as a state of affairs (현황).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass

from loaders.ingest.grammar import year_of
from loaders.ingest.model import QUANTITY_TYPES, Fact, Mention
from loaders.ingest.target_cues import THRESHOLD

_GOAL_HEADER = re.compile(r"목표|target", re.IGNORECASE)
_YEAR_HEADER = re.compile(r"(?:목표\s?)?\(?(?:연도|년도|시점|기한|달성 ?시기)\)?", re.IGNORECASE)
_REGION_HEADER = re.compile(r"지역|성|성\(省\)|省份|region", re.IGNORECASE)  # not 권역/허브: a bloc


@dataclass(frozen=True)
class _Row:
    start: int
    cells: list[tuple[int, int]]  # (start, end) of each cell in the document text


def _rows(text: str) -> list[_Row]:
    rows, at = [], 0
    for line in text.split("\n"):
        if line.count("\t") >= 1:
            cells, offset = [], at
            for cell in line.split("\t"):
                cells.append((offset, offset + len(cell)))
                offset += len(cell) + 1
            rows.append(_Row(at, cells))
        at += len(line) + 1
    return rows


def _goal_columns(text: str, row: _Row, years: list[Mention]) -> list[tuple[int, int | None, int | None]]:
    """(column, year, year column) of each header cell that names a goal: with its year
    (``목표('27)``, ``'27 목표``), or beside a column giving each row's year (``목표 | 목표 연도``).
    The other columns (``현황('24)``, ``'25 실적``) state no goal."""
    out: list[tuple[int, int | None, int | None]] = []
    year_column = next((i for i, (a, b) in enumerate(row.cells) if _YEAR_HEADER.fullmatch(text[a:b].strip())), None)
    for i, (a, b) in enumerate(row.cells):
        year = next((year_of(m) for m in years if a <= m.start and m.end <= b), None)
        if i and _GOAL_HEADER.search(text[a:b]) and year:
            out.append((i, year, None))
        elif i and year_column is not None and i != year_column and _GOAL_HEADER.search(text[a:b]):
            out.append((i, None, year_column))
    return out


def _title_region(text: str, row: _Row, regions: list[Mention],
                  jurisdiction_of: Callable[[Mention], str | None]) -> Mention | None:
    """The one region the line above a table names (``〈윈난성 … 주요 목표〉``): the table's, for the
    rows that name none."""
    end = row.start - 1
    start = text.rfind("\n", 0, max(end, 0)) + 1
    if end <= start or "\t" in text[start:end]:
        return None
    named = [m for m in regions if start <= m.start and m.end <= end and jurisdiction_of(m)]
    return named[0] if len({jurisdiction_of(m) for m in named}) == 1 else None


def _names_the_cell(text: str, a: int, m: Mention) -> bool:
    """A region in a goal cell is the goal's unless it sits in a side note: ``(청두)`` names the
    goal's city, ``(선전 제품 150종, '26)`` is a note about another goal."""
    if text.count("(", a, m.start) <= text.count(")", a, m.start):
        return True
    return text[m.start - 1] == "(" and text[m.end:m.end + 1] == ")"


def _row_region(text: str, head: _Row, row: _Row, column: int, regions: list[Mention],
                prefer: int | None = None) -> list[Mention]:
    """The region a row's goal belongs to: one named in the goal cell itself (``1,500억 위안(청두)``);
    else the one in a column headed 지역/성 (``지역 | 대표 도시 | …``); else the most specific one
    before the goal column (the cluster city, not its hub), unless that cell names several."""
    a, b = row.cells[column]
    own = [m for m in regions if a <= m.start and m.end <= b and _names_the_cell(text, a, m)]
    if own:
        return own[-1:]
    # in a cell, a region written right before another one only qualifies it ("허베이성 장자커우"),
    # and one in parentheses after another is a note ("저장(타이저우)")
    cells = [[m for m in regions if x <= m.start and m.end <= y
              and not any(n.start == m.end + 1 and text[m.end] == " " for n in regions)
              and not (text[m.start - 1] == "(" and any(n.end == m.start - 1 for n in regions))]
             for x, y in row.cells[:column]]
    if prefer is not None and prefer < column and len(cells[prefer]) == 1:
        return cells[prefer]
    for i, (x, y) in enumerate(head.cells[:column]):
        if _REGION_HEADER.fullmatch(text[x:y].strip()) and len(cells[i]) == 1:
            return cells[i]
    for found in reversed(cells):
        if len(found) == 1:
            return found
        if found:
            continue  # "광저우·선전·후이저우": several cities, the row is about the region before them
    return []


def _agreeing_column(text: str, rows: list[_Row], column: int, mentions: list[Mention], stated: list[Fact],
                     jurisdiction_of: Callable[[Mention], str | None]) -> int | None:
    """The column whose regions the text's own goals agree with: when a row restates a goal the prose
    set for its city (not its province), the table's goals are the cities' (``지역 | 대표 도시``)."""
    votes: dict[int, int] = {}
    for row in rows:
        a, b = row.cells[column]
        values = {(m.attrs.get("value"), m.attrs.get("unit")) for m in mentions
                  if a <= m.start and m.end <= b and m.type in QUANTITY_TYPES}
        owners = {f.attrs["jurisdiction"] for f in stated if (f.attrs["value"], f.attrs["unit"]) in values}
        for i, (x, y) in enumerate(row.cells[:column]):
            if any(m.type == "region" and x <= m.start and m.end <= y and jurisdiction_of(m) in owners
                   for m in mentions):
                votes[i] = votes.get(i, 0) + 1
    if not votes:
        return None
    best = max(votes.values())
    winners = [i for i, v in votes.items() if v == best]
    return winners[0] if len(winners) == 1 else None


def table_targets(text: str, mentions: list[Mention], jurisdiction_of: Callable[[Mention], str | None],
                  doc_date: dt.date | None, stated: list[Fact] = ()) -> list[Fact]:
    facts: list[Fact] = []
    stated = [f for f in stated if f.kind == "target"]
    rows = _rows(text)
    years = [m for m in mentions if m.type == "year"]
    all_regions = [m for m in mentions if m.type == "region"]
    header: tuple[_Row, list[tuple[int, int | None, int | None]], Mention | None, int | None] | None = None
    previous_end = -2
    for row in rows:
        contiguous = row.start == previous_end + 1
        previous_end = row.cells[-1][1]
        goals = _goal_columns(text, row, years)
        if goals:
            body = _body_rows(rows, row)
            prefer = _agreeing_column(text, body, goals[0][0], mentions, stated, jurisdiction_of)
            header = (row, goals, _title_region(text, row, all_regions, jurisdiction_of), prefer)
            continue
        if header is None or not contiguous or len(row.cells) != len(header[0].cells):
            header = None
            continue
        head_row, columns, titled, prefer = header
        in_row = [m for m in mentions if row.cells[0][0] <= m.start and m.end <= row.cells[-1][1]]
        row_regions = [m for m in in_row if m.type == "region" and jurisdiction_of(m)]
        for column, year, year_column in columns:
            if year_column is not None:
                ya, yb = row.cells[year_column]
                year = next((year_of(m) for m in years if ya <= m.start and m.end <= yb), None)
            if year is None or (doc_date and year < doc_date.year):
                continue
            facts.extend(_cell_targets(text, head_row, row, column, year, in_row, row_regions, titled, years,
                                       jurisdiction_of, prefer))
    return facts


def _cell_targets(text: str, head_row: _Row, row: _Row, column: int, year: int, in_row: list[Mention],
                  row_regions: list[Mention], titled: Mention | None, years: list[Mention],
                  jurisdiction_of: Callable[[Mention], str | None], prefer: int | None) -> list[Fact]:
    a, b = row.cells[column]
    quantities = [m for m in in_row if a <= m.start and m.end <= b and m.type in QUANTITY_TYPES
                  and m.attrs.get("value") is not None
                  and text.count("(", a, m.start) <= text.count(")", a, m.start)  # not in a side note
                  and not (m.type == "amount" and THRESHOLD.match(text, m.end))]  # "100억 위안 이상 기업"
    regions = _row_region(text, head_row, row, column, row_regions, prefer)
    if not regions and titled is not None and not row_regions:
        regions = [titled]  # "〈윈난성 … 주요 목표〉 / 산업 규모 | 2,860억 위안 | 4,000억 위안": the table's region
    if not quantities or not regions:
        return []  # "-", "성(省) 목표에 포함": nothing to state
    region = regions[0]
    label_cell = head_row.cells[column - 1] if column > 1 else head_row.cells[column]
    if not row_regions and regions[0] is titled:
        label_cell = row.cells[0]  # an indicator table: the row's first cell names what is counted
    label = re.sub(r"\s+", " ", f"{text[label_cell[0]:label_cell[1]]} → {text[a:b]}").strip()
    out = []
    for q in quantities:  # "양극재 기업 80개, 매출 800억 위안": one target each
        own = next((m for m in years if 0 < m.start - q.end <= 2 and m.end <= b), None)
        cell_year = (year_of(own) if own else None) or year  # "1조 위안(2026년)": the cell's own year
        attrs = dict(value=q.attrs["value"], unit=q.attrs.get("unit"), year=cell_year,
                     jurisdiction=jurisdiction_of(region), qualifier=q.attrs.get("qualifier"),
                     krw=q.attrs.get("krw"), scope=None, document=None, label=label)
        out.append(Fact("target", q.sentence, 0.7, subject=None, attrs=attrs, mentions=[q, region],
                        note="goal column of a table"))
    return out


def _body_rows(rows: list[_Row], head: _Row) -> list[_Row]:
    """The rows of the same shape that follow a header without a gap."""
    out: list[_Row] = []
    end = head.cells[-1][1]
    for row in rows:
        if row.start <= head.start:
            continue
        if row.start != end + 1 or len(row.cells) != len(head.cells):
            break
        out.append(row)
        end = row.cells[-1][1]
    return out


def table_rows(text: str, mentions: list[Mention]) -> list[tuple[int, int]]:
    """(start, end) of every row under a header with a goal column: what the table rules read, so
    the prose rules leave them alone."""
    years = [m for m in mentions if m.type == "year"]
    spans: list[tuple[int, int]] = []
    header: _Row | None = None
    previous_end = -2
    for row in _rows(text):
        contiguous = row.start == previous_end + 1
        previous_end = row.cells[-1][1]
        if _goal_columns(text, row, years):
            header = row
            spans.append((row.start, row.cells[-1][1]))
        elif header is not None and contiguous and len(row.cells) == len(header.cells):
            spans.append((row.start, row.cells[-1][1]))
        else:
            header = None
    return spans
