"""Helpers of the rule tests: extract a text written for a test, and read its mentions and targets."""

from __future__ import annotations

from pathlib import Path

from loaders.ingest import gazetteer as gz
from loaders.ingest.model import Extraction
from loaders.ingest.pipeline import extract

ID = "https://w3id.org/cnpolicy/id/"


def _extract(text: str, gazetteer: gz.Gazetteer, tmp_path: Path) -> Extraction:
    path = tmp_path / "rules.txt"
    path.write_text(text, encoding="utf-8")
    return extract(path, gazetteer)


def _mentions(x: Extraction, kind: str) -> set[str]:
    return {m.text for m in x.mentions if m.type == kind}


def _targets(x: Extraction) -> set[tuple[str, int, str, int]]:
    return {(f.attrs["jurisdiction"][len(ID):], int(f.attrs["value"]), f.attrs["unit"], f.attrs["year"])
            for f in x.facts if f.kind == "target"}
