"""Loaders for quantitative facts (targets, statistics) and incentives."""

from __future__ import annotations

from collections.abc import Iterable

from rdflib import URIRef

from kg.namespaces import CNP, entity
from kg.tables import Record
from loaders.agents import ORGANISATIONS
from loaders.base import (
    Context,
    Loader,
    Triple,
    decimal_literal,
    integer_literal,
    lang_literals,
    reported_krw,
    year_literal,
)

QUALIFIERS = ("at-least", "more-than", "at-most", "up-to", "exactly", "approximately")
SCOPES = ("core", "related", "total")
FREQUENCIES = ("one-off", "per-year", "per-stage")


def _choice(record: Record, key: str, allowed: tuple[str, ...]) -> str | None:
    value = record.get(key)
    if value is None:
        return None
    if value not in allowed:
        raise record.error(f"{key} must be one of {', '.join(allowed)}", rule="bad-value")
    return str(value)


class FactLoader(Loader):
    table = "facts"
    types = frozenset({"Target", "Statistic"})
    required = ("label", "sources", "indicator", "value", "unit", "jurisdiction")
    names_field = "label"

    def kind_of(self, record: Record) -> str:
        return "target" if record.get("type") == "Target" else "statistic"

    def check(self, record: Record) -> None:
        super().check(record)
        year_key = "target_year" if record.get("type") == "Target" else "reference_year"
        other = "reference_year" if year_key == "target_year" else "target_year"
        if record.get(year_key) is None:
            raise record.error(f"a {record.get('type')} needs {year_key}", rule="required-field")
        if record.get(other) is not None:
            raise record.error(f"a {record.get('type')} has no {other}", rule="bad-value")
        if record.get("type") == "Statistic" and record.get("document"):
            raise record.error("a Statistic cites its origin in data_source", rule="bad-value")

    def triples(self, record: Record, subject: URIRef, ctx: Context) -> Iterable[Triple]:
        yield subject, CNP.indicator, ctx.ref(record, "indicator", record.get("indicator"), ("indicators",))
        yield subject, CNP.value, decimal_literal(record, "value", record.get("value"))
        yield subject, CNP.unit, ctx.unit(record, record.get("unit"))
        yield subject, CNP.jurisdiction, ctx.ref(record, "jurisdiction", record.get("jurisdiction"), ("regions",))
        if (q := _choice(record, "qualifier", QUALIFIERS)) is not None:
            yield subject, CNP.qualifier, entity("qualifier", q)
        if (s := _choice(record, "scope", SCOPES)) is not None:
            yield subject, CNP.scope, entity("scope", s)
        if record.get("target_year") is not None:
            yield subject, CNP.targetYear, year_literal(record, "target_year", record.get("target_year"))
        if record.get("reference_year") is not None:
            yield subject, CNP.referenceYear, year_literal(record, "reference_year", record.get("reference_year"))
        for org in ctx.refs(record, "subject", (*ORGANISATIONS, "funds")):
            yield subject, CNP.subjectOrganization, org
        for doc in ctx.refs(record, "document", ("documents",)):
            yield subject, CNP.setBy, doc
        for origin in ctx.refs(record, "data_source", (*ORGANISATIONS, "documents")):
            yield subject, CNP.dataSource, origin
        yield from reported_krw(record, subject)


class IncentiveLoader(Loader):
    table = "incentives"
    kind = "incentive"
    types = frozenset({"Incentive"})
    required = ("name", "sources", "document")

    def triples(self, record: Record, subject: URIRef, ctx: Context) -> Iterable[Triple]:
        yield subject, CNP.definedIn, ctx.ref(record, "document", record.get("document"), ("documents",))
        if record.get("article") is not None:
            yield subject, CNP.articleNumber, integer_literal(record, "article", record.get("article"))
        amount = record.get("max_amount")
        if amount is not None:
            if not isinstance(amount, dict) or "value" not in amount or "unit" not in amount:
                raise record.error("max_amount needs value and unit", rule="bad-value")
            yield subject, CNP.maxAmount, decimal_literal(record, "max_amount.value", amount["value"])
            yield subject, CNP.unit, ctx.unit(record, amount["unit"])
        if (f := _choice(record, "frequency", FREQUENCIES)) is not None:
            yield subject, CNP.frequency, entity("frequency", f)
        if record.get("rate") is not None:
            yield subject, CNP.rate, decimal_literal(record, "rate", record.get("rate"))
        for text in lang_literals(record, "beneficiary"):
            yield subject, CNP.beneficiary, text
        for text in lang_literals(record, "condition"):
            yield subject, CNP.condition, text
        yield from reported_krw(record, subject)


