"""The records the pipeline passes between its stages: mentions, facts, one ingested document."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from loaders.ingest.sentences import Sentence
from loaders.ingest.text import SourceText

#: mention types the evaluation scores (others are found and used but not scored)
#: mention types that state a quantity (a target's value)
QUANTITY_TYPES = ("amount", "count", "percent")
SCORED_TYPES = ("region", "organisation", "document", "person", "amount", "count", "percent", "year", "date")
#: entity mention types that come from names (gazetteer or name patterns)
NAME_TYPES = ("region", "organisation", "document", "person", "fund", "event", "sector")


@dataclass
class Mention:
    """A span of the document text that names something or states a quantity."""

    start: int
    end: int
    type: str
    text: str
    confidence: float = 0.9
    entity: str | None = None  # IRI of a curated entity, or of a proposed one
    kind: str | None = None  # curated class local name (City, Plan, Company ...)
    proposed: bool = False
    label: str | None = None  # the name to use for a proposed entity
    source: str = "gazetteer"  # gazetteer | pattern | number
    attrs: dict[str, Any] = field(default_factory=dict)
    sentence: int = -1  # index of the sentence it lies in

    @property
    def value(self) -> Decimal | None:
        return self.attrs.get("value")

    def overlaps(self, other: Mention) -> bool:
        return self.start < other.end and other.start < self.end


@dataclass
class Fact:
    """One extracted statement: a target, or a relation between two resources.

    ``kind`` is ``target``, ``issuedBy``, ``coversSector``, ``jurisdiction``, ``location`` or
    ``foundedBy``. Relations use ``subject``/``object`` (IRIs); targets use ``attrs``
    (value, unit, year, scope, qualifier, krw, jurisdiction, document).
    """

    kind: str
    sentence: int
    confidence: float
    subject: str | None = None
    object: str | None = None
    attrs: dict[str, Any] = field(default_factory=dict)
    mentions: list[Mention] = field(default_factory=list)  # the mentions it rests on
    note: str = ""


@dataclass
class Extraction:
    """Everything the pipeline found in one document."""

    source: SourceText
    doc_id: str
    sentences: list[Sentence]
    mentions: list[Mention]
    facts: list[Fact]
    proposed: dict[str, Mention] = field(default_factory=dict)  # proposed IRI → first mention

    def sentence_of(self, index: int) -> Sentence:
        return self.sentences[index]
