"""Scoring the extraction against the gold annotations in ``tests/gold``.

A gold file (``<corpus file stem>.yaml``) lists, per line of the document text, the
mentions in textual order as ``type|surface`` or ``type|surface|entity`` (entity as
``kind/slug``), and the targets the text states as region + value + unit + year. Spans
are found by searching each surface in its line after the end of the previous one, so
the files stay readable and offsets are exact (a surface that cannot be found is an
error, not a silent miss). See ``tests/gold/README.md`` for how the gold was made.

Scores: precision, recall and F1 per mention type and over all scored types (a mention
is right when start, end and type are right; "lenient" also counts overlapping spans of
the same type), link accuracy over the exactly matched mentions that have a gold
entity, and targets (right when region, value, unit and year are all right; counts of
people and of things are both unit "count" here).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

import yaml

from kg.config import REPO_ROOT
from kg.errors import KGError
from kg.namespaces import ID_BASE
from loaders.ingest import gazetteer as gz
from loaders.ingest.gazetteer_store import load_gazetteer
from loaders.ingest.model import SCORED_TYPES, Extraction
from loaders.ingest.pipeline import extract_source
from loaders.ingest.text import read_source

GOLD_DIR = REPO_ROOT / "tests" / "gold"
FLOORS = {"mentions": {"precision": 0.95, "recall": 0.90}, "targets": {"precision": 0.90, "recall": 0.80}}


@dataclass(frozen=True)
class GoldMention:
    start: int
    end: int
    type: str
    text: str
    entity: str | None
    line: int


@dataclass
class GoldDoc:
    path: Path
    file: str
    sha256: str
    mentions: list[GoldMention]
    targets: set[tuple[str, Decimal, str, int]]


def _unit_class(unit: str | None) -> str:
    return "count" if unit in ("count", "person") else str(unit)


def load_gold(path: Path, text: str) -> GoldDoc:
    """Read one gold file and resolve its surfaces to offsets in ``text``."""
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    lines = text.split("\n")
    starts = [0]
    for line in lines:
        starts.append(starts[-1] + len(line) + 1)
    mentions: list[GoldMention] = []
    for number, items in sorted((data.get("mentions") or {}).items()):
        if not 1 <= int(number) <= len(lines):
            raise KGError(f"line {number} is outside the document", where=str(path), rule="bad-gold")
        base = starts[int(number) - 1]
        line = text[base:]  # a surface may run on over a line break (use "\n" in it)
        cursor = 0
        for item in items or []:
            parts = str(item).split("|")
            if len(parts) < 2 or parts[0] not in SCORED_TYPES:
                raise KGError(f"line {number}: bad item {item!r} (write type|surface[|entity])", where=str(path),
                              rule="bad-gold")
            mtype, surface = parts[0], parts[1]
            at = line.find(surface, cursor)
            if at < 0 or at >= len(lines[int(number) - 1]):
                raise KGError(f"line {number}: {surface!r} not found after column {cursor}", where=str(path),
                              rule="bad-gold")
            cursor = at + len(surface)
            entity = parts[2] if len(parts) > 2 and parts[2] else None
            mentions.append(GoldMention(base + at, base + cursor, mtype, surface, entity, int(number)))
    targets = {(str(t["region"]), Decimal(str(t["value"])), _unit_class(t["unit"]), int(t["year"]))
               for t in data.get("targets") or []}
    return GoldDoc(path, str(data["file"]), str(data.get("sha256", "")), mentions, targets)


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict[str, float | int]:
        return {"tp": self.tp, "fp": self.fp, "fn": self.fn, "precision": round(self.precision, 4),
                "recall": round(self.recall, 4), "f1": round(self.f1, 4)}


@dataclass
class Result:
    per_type: dict[str, Score] = field(default_factory=dict)
    overall: Score = field(default_factory=Score)
    lenient: Score = field(default_factory=Score)
    targets: Score = field(default_factory=Score)
    links_right: int = 0
    links_total: int = 0
    documents: list[str] = field(default_factory=list)
    errors: dict[str, list[str]] = field(default_factory=dict)
    held_out: bool = False

    def floors_hold(self) -> bool:
        m, t = FLOORS["mentions"], FLOORS["targets"]
        return (self.overall.precision >= m["precision"] and self.overall.recall >= m["recall"]
                and self.targets.precision >= t["precision"] and self.targets.recall >= t["recall"])

    def as_dict(self) -> dict[str, Any]:
        return {
            "documents": self.documents, "held_out_gazetteer": self.held_out,
            "mentions": {"overall": self.overall.as_dict(), "lenient": self.lenient.as_dict(),
                         "per_type": {k: v.as_dict() for k, v in sorted(self.per_type.items())}},
            "link_accuracy": round(self.links_right / self.links_total, 4) if self.links_total else None,
            "targets": self.targets.as_dict(), "floors": FLOORS, "floors_hold": self.floors_hold(),
            "errors": self.errors,
        }


def _short(iri: str | None) -> str | None:
    return iri[len(ID_BASE):] if iri and iri.startswith(ID_BASE) else iri


def system_targets(x: Extraction) -> set[tuple[str, Decimal, str, int]]:
    return {(str(_short(f.attrs["jurisdiction"])), Decimal(str(f.attrs["value"])), _unit_class(f.attrs.get("unit")),
             int(f.attrs["year"])) for f in x.facts if f.kind == "target"}


def score_document(gold: GoldDoc, x: Extraction, result: Result) -> None:
    text = x.source.text
    sys_m = [m for m in x.mentions if m.type in SCORED_TYPES]
    gold_keys = {(g.start, g.end, g.type): g for g in gold.mentions}
    sys_keys = {(m.start, m.end, m.type): m for m in sys_m}
    errors = result.errors.setdefault(gold.file, [])
    for t in SCORED_TYPES:
        result.per_type.setdefault(t, Score())
    for key, m in sys_keys.items():
        score = result.per_type[key[2]]
        if key in gold_keys:
            score.tp += 1
            result.overall.tp += 1
            g = gold_keys[key]
            if g.entity:
                result.links_total += 1
                if _short(m.entity) == g.entity:
                    result.links_right += 1
                else:
                    errors.append(f"link  {g.type} {g.text!r}: {_short(m.entity)} (gold {g.entity})")
        else:
            score.fp += 1
            result.overall.fp += 1
            errors.append(f"FP    {m.type} {text[m.start:m.end]!r} @{m.start}")
    for key, g in gold_keys.items():
        if key not in sys_keys:
            result.per_type[g.type].fn += 1
            result.overall.fn += 1
            errors.append(f"FN    {g.type} {g.text!r} line {g.line}")
    for g in gold.mentions:  # lenient: any overlapping system mention of the same type
        hit = any(m.type == g.type and m.start < g.end and g.start < m.end for m in sys_m)
        result.lenient.tp += hit
        result.lenient.fn += not hit
    for m in sys_m:
        if not any(g.type == m.type and m.start < g.end and g.start < m.end for g in gold.mentions):
            result.lenient.fp += 1
    found = system_targets(x)
    for t in found:
        if t in gold.targets:
            result.targets.tp += 1
        else:
            result.targets.fp += 1
            errors.append(f"FP    target {t}")
    for t in gold.targets - found:
        result.targets.fn += 1
        errors.append(f"FN    target {t}")


def evaluate(store: str, corpus: Path, gold_dir: Path = GOLD_DIR, *, held_out: bool = False) -> Result:
    """Score every gold file whose document is in ``corpus``."""
    files = sorted(gold_dir.glob("*.yaml"))
    if not files:
        raise KGError("no gold annotations (*.yaml)", where=str(gold_dir), rule="no-gold")
    gazetteer = load_gazetteer(store)
    result = Result(held_out=held_out)
    for path in files:
        header = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        doc_path = corpus / str(header.get("file"))
        source = read_source(doc_path)
        if header.get("sha256") and header["sha256"] != source.sha256:
            raise KGError(f"gold was made for other bytes of {doc_path.name} (sha256 differs)", where=str(path),
                          rule="gold-mismatch")
        gold = load_gold(path, source.text)
        g = gazetteer.without_sources(doc_path.name) if held_out else gazetteer
        score_document(gold, extract_source(source, g), result)
        result.documents.append(doc_path.name)
    return result


def render(result: Result) -> str:
    out = [f"gold documents: {', '.join(result.documents)}"
           + ("  (held-out gazetteer: entities cited only by the scored document removed)" if result.held_out else ""),
           "", f"{'mentions':<14}{'gold':>6}{'found':>7}{'right':>7}{'P':>8}{'R':>8}{'F1':>8}"]
    for t in SCORED_TYPES:
        out.append(_row(t, result.per_type.get(t, Score())))
    for name, s in (("all (exact)", result.overall), ("all (overlap)", result.lenient)):
        out.append(_row(name, s))
    if result.links_total:
        out.append(f"links: {result.links_right}/{result.links_total} exactly matched mentions linked to the "
                   f"gold entity ({result.links_right / result.links_total:.3f})")
    s = result.targets
    out += ["", _row("targets", s),
            "", "floors: mentions P >= 0.95, R >= 0.90; targets P >= 0.90, R >= 0.80 -> "
            + ("hold" if result.floors_hold() else "DO NOT HOLD")]
    return "\n".join(out)


def _row(name: str, s: Score) -> str:
    return f"{name:<14}{s.tp + s.fn:>6}{s.tp + s.fp:>7}{s.tp:>7}{s.precision:>8.3f}{s.recall:>8.3f}{s.f1:>8.3f}"


def draft(x: Extraction) -> str:
    """A gold draft from the extractor's own output, to be corrected by hand line by line."""
    lines = x.source.text.split("\n")
    starts = [0]
    for line in lines:
        starts.append(starts[-1] + len(line) + 1)
    by_line: dict[int, list[str]] = {}
    for m in x.mentions:
        if m.type not in SCORED_TYPES:
            continue
        number = next(i for i in range(len(lines)) if starts[i] <= m.start < starts[i + 1]) + 1
        entity = _short(m.entity) if m.entity and not m.proposed else ""
        by_line.setdefault(number, []).append(f"{m.type}|{m.text}" + (f"|{entity}" if entity else ""))
    out = [f"file: {x.source.path.name}", f"sha256: {x.source.sha256}", "mentions:"]
    for number in sorted(by_line):
        out.append(f"  {number}:")  # no report text in the repository: line numbers only
        out += [f"  - {json.dumps(item, ensure_ascii=False)}" for item in by_line[number]]
    out.append("targets:")
    for r, v, u, y in sorted(system_targets(x), key=str):
        out.append(f"- {{region: {r}, value: {v}, unit: {u}, year: {y}}}")
    return "\n".join(out) + "\n"


__all__ = ["GOLD_DIR", "draft", "evaluate", "gz", "load_gold", "render"]
